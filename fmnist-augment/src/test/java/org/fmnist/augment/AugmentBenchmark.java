package org.fmnist.augment;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Throughput of each augmentation and of the default pipeline on 28x28 images, on the calling
 * thread only. A benchmark, not a test: run it pinned to one core,
 * {@code taskset -c 0 java -cp ... org.fmnist.augment.AugmentBenchmark [images] [rounds]}.
 * Prints the median of the timed rounds after warm-up rounds, in images per second of the whole
 * process's CPU time (with the JVM pinned to one core that is what the core spent, garbage
 * collection and ND4J's off-heap bookkeeping included, unaffected by other processes queueing for
 * the core) and, for comparison, per second of wall-clock time.
 */
public final class AugmentBenchmark {

    private AugmentBenchmark() {
    }

    /**
     * @param args optional: images per round (default 20000), timed rounds (default 7)
     */
    public static void main(String[] args) {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        ImageShape shape = ImageShape.FASHION_MNIST;
        float[] src = Images.random(new ImageShape(images, 28, 28), ValueRange.UNIT, Images.SEED);
        float[] dst = new float[src.length];

        System.out.printf("augmentation throughput, 28x28, one thread, %d images x %d rounds (median)%n",
                images, rounds);
        System.out.printf("  %-50s %14s %14s%n", "", "images/cpu-s", "images/wall-s");
        String[] specs = {"rotate=10", "shift=2", "scale=0.9:1.1", "hflip=0.5", "noise=0.05",
            "saltpepper=0.02", Pipeline.DEFAULT_SPEC};
        for (String spec : specs) {
            BatchAugmenter augmenter = BatchAugmenter.of(Pipeline.parse(spec));
            double[] rate = median(rounds, () -> {
                augmenter.augment(src, dst, images, shape, new SplittableRandom(Images.SEED));
                return images;
            });
            print(spec, rate);
        }

        // The batch form as training uses it: [64, 1, 28, 28] arrays in and out.
        int batch = 64;
        List<INDArray> batches = new ArrayList<>();
        for (int i = 0; i + batch <= images; i += batch) {
            batches.add(Nd4j.create(Arrays.copyOfRange(src, i * 784, (i + batch) * 784),
                    new long[] {batch, 1, 28, 28}, 'c'));
        }
        // "none" measures the array copies alone.
        for (Pipeline pipeline : new Pipeline[] {Pipeline.EMPTY, Pipeline.defaults()}) {
            BatchAugmenter augmenter = BatchAugmenter.of(pipeline);
            double[] rate = median(rounds, () -> {
                SplittableRandom rng = new SplittableRandom(Images.SEED);
                for (INDArray b : batches) {
                    augmenter.augment(b, rng.split());
                }
                return batches.size() * batch;
            });
            print((pipeline.steps().isEmpty() ? "none" : "default") + ", INDArray [64,1,28,28]", rate);
        }
    }

    private interface Round {
        /** Does one round's work and returns the number of images it augmented. */
        int run();
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Median rates of the timed rounds: {images per process-CPU second, per wall second}. */
    private static double[] median(int rounds, Round round) {
        for (int i = 0; i < 3; i++) {
            round.run();
        }
        double[] cpu = new double[rounds];
        double[] wall = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long c0 = OS.getProcessCpuTime();
            long w0 = System.nanoTime();
            int images = round.run();
            cpu[i] = images / ((OS.getProcessCpuTime() - c0) / 1e9);
            wall[i] = images / ((System.nanoTime() - w0) / 1e9);
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        return new double[] {cpu[rounds / 2], wall[rounds / 2]};
    }

    private static void print(String name, double[] rate) {
        System.out.printf("  %-50s %,14.0f %,14.0f%n", name, rate[0], rate[1]);
    }
}
