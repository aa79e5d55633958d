package org.fmnist.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Deterministic, stratified choice of images: each class keeps its share, up to rounding. */
final class StratifiedSampling {

    private StratifiedSampling() {
    }

    /**
     * Chooses {@code n} of the given indices so that each label's share of the choice equals its share of the
     * indices (largest-remainder rounding), each class's members picked uniformly with the given seed.
     *
     * @return the chosen indices in ascending order
     */
    static int[] choose(byte[] labels, int[] indices, int n, long seed) {
        if (n < 0 || n > indices.length) {
            throw new IllegalArgumentException("cannot choose " + n + " of " + indices.length + " images");
        }
        int[][] byClass = byClass(labels, indices);
        int[] quota = quotas(byClass, indices.length, n);
        SplittableRandom random = new SplittableRandom(seed);
        int[] chosen = new int[n];
        int next = 0;
        for (int c = 0; c < byClass.length; c++) {
            int[] members = byClass[c].clone();
            // Partial Fisher-Yates: the first quota[c] slots become a uniform sample of the class.
            for (int i = 0; i < quota[c]; i++) {
                int j = i + random.nextInt(members.length - i);
                int t = members[i];
                members[i] = members[j];
                members[j] = t;
            }
            System.arraycopy(members, 0, chosen, next, quota[c]);
            next += quota[c];
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /** The indices not in {@code chosen} (both ascending), in ascending order. */
    static int[] complement(int size, int[] chosen) {
        int[] rest = new int[size - chosen.length];
        int r = 0;
        int c = 0;
        for (int i = 0; i < size; i++) {
            if (c < chosen.length && chosen[c] == i) {
                c++;
            } else {
                rest[r++] = i;
            }
        }
        return rest;
    }

    private static int[][] byClass(byte[] labels, int[] indices) {
        int[] counts = new int[FashionMnistClass.COUNT];
        for (int i : indices) {
            counts[labels[i]]++;
        }
        int[][] byClass = new int[FashionMnistClass.COUNT][];
        for (int c = 0; c < byClass.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[FashionMnistClass.COUNT];
        for (int i : indices) {
            byClass[labels[i]][fill[labels[i]]++] = i;
        }
        return byClass;
    }

    private static int[] quotas(int[][] byClass, int total, int n) {
        int[] quota = new int[byClass.length];
        long[] remainder = new long[byClass.length];
        int assigned = 0;
        for (int c = 0; c < byClass.length; c++) {
            long exact = (long) byClass[c].length * n;
            quota[c] = (int) (exact / Math.max(total, 1));
            remainder[c] = exact % Math.max(total, 1);
            assigned += quota[c];
        }
        // Hand the rounding leftovers to the largest remainders; ties go to the lower label.
        while (assigned < n) {
            int best = -1;
            for (int c = 0; c < byClass.length; c++) {
                if (quota[c] < byClass[c].length && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
            assigned++;
        }
        return quota;
    }
}
