package org.fmnist.examples.study;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The statistics the study's report draws its conclusions from, each a pure function of the numbers handed in.
 *
 * <ul>
 *   <li>{@link #summarize(double[], double)}: a variant's mean over n seeds, the sample standard deviation
 *       (divisor n - 1) and the confidence interval of the mean by Student's t with n - 1 degrees of
 *       freedom;</li>
 *   <li>{@link #pairedDifference(double[], double[], double)}: variant minus baseline, paired by seed, with
 *       the t interval over the n paired differences and its {@link Verdict};</li>
 *   <li>{@link #mcNemar(boolean[], boolean[])}: McNemar's exact test on the paired test predictions of one
 *       seed.</li>
 * </ul>
 *
 * <p>Units: accuracies are fractions in [0, 1] throughout; only {@link PairedDifference#format()} turns them
 * into percentage points. {@code summarize} and {@code pairedDifference} accept any finite measurements
 * (losses, seconds) and return them in the unit they came in.
 *
 * <p>One seed (n = 1): the standard deviation and the interval are undefined. They are {@code NaN}, never 0,
 * {@code hasInterval()} is false and the verdict is {@link Verdict#NO_INTERVAL}. Jackson writes such a
 * {@code NaN} as the string {@code "NaN"} and reads it back.
 */
public final class Statistics {

    /** The confidence level the report uses: 0.95, a 95 % interval. */
    public static final double CONFIDENCE_95 = 0.95;

    // The quantile solver's default absolute accuracy, 1e-9, leaves errors of about 2e-10 (seen at 4 degrees of
    // freedom); 1e-12 keeps the quantiles within 1e-11 of the closed forms for 1 and 2 degrees of freedom.
    private static final double T_INVERSE_ACCURACY = 1e-12;

    private Statistics() {
    }

    /**
     * Student's t quantile: the t with P(T &lt;= t) = {@code probability}.
     *
     * @param probability      the lower-tail probability, in (0, 1); 0.975 gives the two-sided 95 % value
     * @param degreesOfFreedom at least 1
     * @return the quantile, negative for a probability below 0.5
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static double tQuantile(double probability, int degreesOfFreedom) {
        if (!(probability > 0 && probability < 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1), was " + probability);
        }
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degreesOfFreedom must be at least 1, was " + degreesOfFreedom);
        }
        // No random generator: nothing here samples.
        return new TDistribution(null, degreesOfFreedom, T_INVERSE_ACCURACY).inverseCumulativeProbability(probability);
    }

    /**
     * The mean of one variant's values over seeds with its 95 % t interval; see
     * {@link #summarize(double[], double)}.
     *
     * @param values one value per seed, at least one, all finite
     * @return the summary at confidence {@link #CONFIDENCE_95}
     */
    public static Summary summarize(double[] values) {
        return summarize(values, CONFIDENCE_95);
    }

    /**
     * The mean of one variant's values over seeds, their sample standard deviation (divisor n - 1) and the
     * confidence interval of the mean, mean &plusmn; t<sub>(1 + confidence) / 2, n - 1</sub> &middot; sd / &radic;n.
     *
     * @param values     one value per seed (accuracies as fractions), at least one, all finite; not modified
     * @param confidence the interval's confidence level, in (0, 1)
     * @return the summary; for one value, {@code sd}, {@code ciLow} and {@code ciHigh} are {@code NaN}
     * @throws IllegalArgumentException if {@code values} is null, empty or holds a non-finite value, or
     *                                  {@code confidence} is out of range
     */
    public static Summary summarize(double[] values, double confidence) {
        checkConfidence(confidence);
        checkValues("values", values);
        double[] m = moments(values, confidence);
        return new Summary(values.length, m[0], m[1], confidence, m[2], m[3]);
    }

    /**
     * Variant minus baseline, paired by seed, with its 95 % t interval; see
     * {@link #pairedDifference(double[], double[], double)}.
     *
     * @param baseline the baseline's value for each seed, at least one, all finite
     * @param variant  the variant's value for the same seeds in the same order
     * @return the paired difference at confidence {@link #CONFIDENCE_95}
     */
    public static PairedDifference pairedDifference(double[] baseline, double[] variant) {
        return pairedDifference(baseline, variant, CONFIDENCE_95);
    }

    /**
     * Variant minus baseline, paired by seed: the mean of the n differences {@code variant[i] - baseline[i]},
     * their sample standard deviation and the t interval of their mean with n - 1 degrees of freedom. Pairing
     * removes what a seed does to both runs alike (initialisation, data order), so the interval is the one to
     * judge an effect by.
     *
     * @param baseline   the baseline's value for each seed (accuracies as fractions), at least one, all finite
     * @param variant    the variant's value for the same seeds in the same order, as many as {@code baseline}
     * @param confidence the interval's confidence level, in (0, 1)
     * @return the paired difference; for one seed, {@code sd}, {@code ciLow} and {@code ciHigh} are {@code NaN}
     * @throws IllegalArgumentException if an array is null, empty or holds a non-finite value, the lengths
     *                                  differ, or {@code confidence} is out of range
     */
    public static PairedDifference pairedDifference(double[] baseline, double[] variant, double confidence) {
        checkConfidence(confidence);
        checkValues("baseline", baseline);
        checkValues("variant", variant);
        if (baseline.length != variant.length) {
            throw new IllegalArgumentException("baseline and variant must hold one value per seed each, held "
                    + baseline.length + " and " + variant.length);
        }
        double[] differences = new double[baseline.length];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = variant[i] - baseline[i];
        }
        double[] m = moments(differences, confidence);
        return new PairedDifference(differences.length, m[0], m[1], confidence, m[2], m[3]);
    }

    /**
     * Variant minus baseline, paired by the seed each value came from, with its 95 % t interval; see
     * {@link #pairedDifference(Map, Map, double)}.
     *
     * @param baselineBySeed the baseline's value for each seed
     * @param variantBySeed  the variant's value for the same seeds
     * @return the paired difference at confidence {@link #CONFIDENCE_95}
     */
    public static PairedDifference pairedDifference(Map<Long, Double> baselineBySeed,
                                                    Map<Long, Double> variantBySeed) {
        return pairedDifference(baselineBySeed, variantBySeed, CONFIDENCE_95);
    }

    /**
     * Variant minus baseline, paired by the seed each value came from; otherwise as
     * {@link #pairedDifference(double[], double[], double)}. The seeds are taken in ascending order.
     *
     * @param baselineBySeed the baseline's value (accuracy as a fraction) for each seed, at least one seed,
     *                       all values finite
     * @param variantBySeed  the variant's value for exactly the same seeds
     * @param confidence     the interval's confidence level, in (0, 1)
     * @return the paired difference
     * @throws IllegalArgumentException if a map is null or empty, a value is null or not finite, the two maps'
     *                                  seeds differ, or {@code confidence} is out of range
     */
    public static PairedDifference pairedDifference(Map<Long, Double> baselineBySeed,
                                                    Map<Long, Double> variantBySeed, double confidence) {
        if (baselineBySeed == null || variantBySeed == null) {
            throw new IllegalArgumentException("baselineBySeed and variantBySeed must not be null, were "
                    + baselineBySeed + " and " + variantBySeed);
        }
        if (baselineBySeed.isEmpty()) {
            throw new IllegalArgumentException("baselineBySeed must hold at least one seed, held none");
        }
        Set<Long> seeds = new TreeSet<>(baselineBySeed.keySet());
        if (!seeds.equals(new TreeSet<>(variantBySeed.keySet()))) {
            Set<Long> baselineOnly = new TreeSet<>(baselineBySeed.keySet());
            baselineOnly.removeAll(variantBySeed.keySet());
            Set<Long> variantOnly = new TreeSet<>(variantBySeed.keySet());
            variantOnly.removeAll(baselineBySeed.keySet());
            throw new IllegalArgumentException("baselineBySeed and variantBySeed must hold the same seeds, baseline"
                    + " only: " + baselineOnly + ", variant only: " + variantOnly);
        }
        double[] baseline = new double[seeds.size()];
        double[] variant = new double[seeds.size()];
        int i = 0;
        for (Long seed : seeds) {
            baseline[i] = unbox("baselineBySeed", seed, baselineBySeed.get(seed));
            variant[i] = unbox("variantBySeed", seed, variantBySeed.get(seed));
            i++;
        }
        return pairedDifference(baseline, variant, confidence);
    }

    /**
     * McNemar's test on the paired test predictions of one seed: which images the baseline and the variant got
     * right. Only the discordant images count; see {@link #mcNemar(int, int)}.
     *
     * @param baselineCorrect for each test image, whether the baseline classified it correctly; at least one
     * @param variantCorrect  for the same images in the same order, whether the variant did
     * @return the discordant counts and the exact two-sided p-value
     * @throws IllegalArgumentException if an array is null or empty, or the lengths differ
     */
    public static McNemarResult mcNemar(boolean[] baselineCorrect, boolean[] variantCorrect) {
        if (baselineCorrect == null || variantCorrect == null) {
            throw new IllegalArgumentException("baselineCorrect and variantCorrect must not be null, were "
                    + (baselineCorrect == null ? "null" : "an array") + " and "
                    + (variantCorrect == null ? "null" : "an array"));
        }
        if (baselineCorrect.length == 0) {
            throw new IllegalArgumentException("baselineCorrect must hold at least one prediction, held none");
        }
        if (baselineCorrect.length != variantCorrect.length) {
            throw new IllegalArgumentException("baselineCorrect and variantCorrect must hold one prediction per"
                    + " image each, held " + baselineCorrect.length + " and " + variantCorrect.length);
        }
        int b = 0;
        int c = 0;
        for (int i = 0; i < baselineCorrect.length; i++) {
            if (baselineCorrect[i] && !variantCorrect[i]) {
                b++;
            } else if (!baselineCorrect[i] && variantCorrect[i]) {
                c++;
            }
        }
        return mcNemar(b, c);
    }

    /**
     * McNemar's test from the discordant counts, exact for every b + c: under the null hypothesis (both
     * classifiers err alike) b is Binomial(b + c, 1/2), and the two-sided p-value is
     * min(1, 2 &middot; P(X &lt;= min(b, c))). The exact test is used at every size rather than the chi-square
     * approximation: it costs one regularized-beta evaluation, stays valid for small counts and needs no
     * continuity correction. b + c = 0 gives p = 1.
     *
     * @param b images the baseline got right and the variant wrong, at least 0
     * @param c images the baseline got wrong and the variant right, at least 0
     * @return b, c and the two-sided p-value, in [0, 1]
     * @throws IllegalArgumentException if a count is negative
     */
    public static McNemarResult mcNemar(int b, int c) {
        if (b < 0) {
            throw new IllegalArgumentException("b must be at least 0, was " + b);
        }
        if (c < 0) {
            throw new IllegalArgumentException("c must be at least 0, was " + c);
        }
        long n = (long) b + c;
        if (n == 0) {
            return new McNemarResult(b, c, 1);
        }
        int k = Math.min(b, c);
        // P(X <= k) = I_{1/2}(n - k, k + 1) for X ~ Binomial(n, 1/2). BinomialDistribution.cumulativeProbability
        // computes 1 - I_{1/2}(k + 1, n - k), which cancels in the small tails a strong effect lands in
        // (0 instead of 2^-60 at b = 0, c = 60); the regularized beta itself keeps their relative precision.
        double lowerTail = Beta.regularizedBeta(0.5, n - k, k + 1.0);
        return new McNemarResult(b, c, Math.min(1, 2 * lowerTail));
    }

    /**
     * A variant's values over seeds.
     *
     * @param n          number of seeds, at least 1
     * @param mean       the mean, finite, in the values' unit (a fraction, for accuracies)
     * @param sd         the sample standard deviation (divisor n - 1), at least 0; {@code NaN} for n = 1
     * @param confidence the interval's confidence level, in (0, 1)
     * @param ciLow      the interval's lower bound, at most {@code mean}; {@code NaN} for n = 1
     * @param ciHigh     the interval's upper bound, at least {@code mean}; {@code NaN} for n = 1
     */
    public record Summary(int n, double mean, double sd, double confidence, double ciLow, double ciHigh) {

        /** Validates the fields; see the record description. */
        public Summary {
            checkMoments(n, mean, sd, confidence, ciLow, ciHigh);
        }

        /** Whether the standard deviation and interval are defined: n is at least 2. */
        public boolean hasInterval() {
            return n >= 2;
        }
    }

    /**
     * Variant minus baseline, paired by seed: the mean of the per-seed differences and its interval.
     *
     * @param n          number of seeds paired, at least 1
     * @param mean       the mean difference, variant minus baseline, finite (a fraction, for accuracies:
     *                   0.0053 is 0.53 percentage points)
     * @param sd         the sample standard deviation of the differences, at least 0; {@code NaN} for n = 1
     * @param confidence the interval's confidence level, in (0, 1)
     * @param ciLow      the interval's lower bound, at most {@code mean}; {@code NaN} for n = 1
     * @param ciHigh     the interval's upper bound, at least {@code mean}; {@code NaN} for n = 1
     */
    public record PairedDifference(int n, double mean, double sd, double confidence, double ciLow, double ciHigh) {

        /** Validates the fields; see the record description. */
        public PairedDifference {
            checkMoments(n, mean, sd, confidence, ciLow, ciHigh);
        }

        /** Whether the standard deviation and interval are defined: n is at least 2. */
        public boolean hasInterval() {
            return n >= 2;
        }

        /**
         * Whether the interval lies wholly above or wholly below zero. A bound at exactly zero counts as
         * containing it; without an interval (n = 1), false.
         */
        public boolean excludesZero() {
            return hasInterval() && (ciLow > 0 || ciHigh < 0);
        }

        /** What the interval says: {@link Verdict#EFFECT} if it excludes zero, and so on. */
        public Verdict verdict() {
            if (!hasInterval()) {
                return Verdict.NO_INTERVAL;
            }
            return excludesZero() ? Verdict.EFFECT : Verdict.NOT_DISTINGUISHABLE;
        }

        /**
         * The difference and its interval in percentage points, signed, two decimals, for accuracies given as
         * fractions: {@code "+0.53 pt [+0.12, +0.94]"}; for one seed {@code "+0.53 pt [one seed: no interval]"}.
         * A figure that rounds to zero prints as {@code +0.00}.
         */
        public String format() {
            return formatDifference(mean, ciLow, ciHigh);
        }
    }

    /** What a paired interval says about a variant against the baseline. */
    public enum Verdict {
        /** The interval excludes zero: the variant differs from the baseline, in the direction of the mean. */
        EFFECT("an effect"),
        /** The interval contains zero: the difference is within what the seeds alone produce. */
        NOT_DISTINGUISHABLE("not distinguishable at this budget"),
        /** One seed: no interval, so no verdict. */
        NO_INTERVAL("one seed: no interval");

        private final String description;

        Verdict(String description) {
            this.description = description;
        }

        /** The verdict in the report's words, such as {@code "an effect"}. */
        public String description() {
            return description;
        }
    }

    /**
     * McNemar's test on one seed's paired predictions.
     *
     * @param b      images the baseline got right and the variant wrong, at least 0
     * @param c      images the baseline got wrong and the variant right, at least 0
     * @param pValue the exact two-sided p-value, in [0, 1]; one below the smallest double (about 4.9e-324,
     *               reached with b + c above about 1000 and one count near 0) reads 0
     */
    public record McNemarResult(int b, int c, double pValue) {

        /** Validates the fields; see the record description. */
        public McNemarResult {
            if (b < 0) {
                throw new IllegalArgumentException("b must be at least 0, was " + b);
            }
            if (c < 0) {
                throw new IllegalArgumentException("c must be at least 0, was " + c);
            }
            if (!(pValue >= 0 && pValue <= 1)) {
                throw new IllegalArgumentException("pValue must be in [0, 1], was " + pValue);
            }
        }
    }

    private static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
    }

    private static void checkValues(String name, double[] values) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one value, held none");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, was " + values[i]);
            }
        }
    }

    private static double unbox(String name, Long seed, Double value) {
        if (value == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must hold a finite value for seed " + seed + ", was " + value);
        }
        return value;
    }

    /** {mean, sd, ciLow, ciHigh} of finite values; the last three NaN for one value. */
    private static double[] moments(double[] values, double confidence) {
        int n = values.length;
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n == 1) {
            return new double[] {mean, Double.NaN, Double.NaN, Double.NaN};
        }
        // Centred before squaring: accuracies near 0.9 differ in the third decimal, and the sum of squares
        // minus n times the squared mean would lose those digits.
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        double halfWidth = tQuantile((1 + confidence) / 2, n - 1) * sd / Math.sqrt(n);
        return new double[] {mean, sd, mean - halfWidth, mean + halfWidth};
    }

    private static void checkMoments(int n, double mean, double sd, double confidence, double ciLow, double ciHigh) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, was " + mean);
        }
        checkConfidence(confidence);
        if (n == 1) {
            if (!Double.isNaN(sd) || !Double.isNaN(ciLow) || !Double.isNaN(ciHigh)) {
                throw new IllegalArgumentException("sd, ciLow and ciHigh must be NaN for n = 1 (undefined for one"
                        + " value), were " + sd + ", " + ciLow + " and " + ciHigh);
            }
            return;
        }
        if (!(sd >= 0) || !Double.isFinite(sd)) {
            throw new IllegalArgumentException("sd must be finite and at least 0 for n = " + n + ", was " + sd);
        }
        if (!(ciLow <= mean) || !Double.isFinite(ciLow)) {
            throw new IllegalArgumentException("ciLow must be finite and at most mean (" + mean + "), was " + ciLow);
        }
        if (!(ciHigh >= mean) || !Double.isFinite(ciHigh)) {
            throw new IllegalArgumentException("ciHigh must be finite and at least mean (" + mean + "), was " + ciHigh);
        }
    }

    /**
     * A difference of accuracies (fractions) and its interval in percentage points, signed, two decimals:
     * {@code "+0.53 pt [+0.12, +0.94]"}, or {@code "+0.53 pt [one seed: no interval]"} where the bounds are NaN. A
     * figure that rounds to zero prints as {@code +0.00}.
     *
     * @param mean the difference
     * @param low  the interval's lower bound, or NaN for none
     * @param high its upper bound, or NaN for none
     * @return the text
     */
    public static String formatDifference(double mean, double low, double high) {
        String interval = Double.isNaN(low) ? "one seed: no interval" : points(low) + ", " + points(high);
        return points(mean) + " pt [" + interval + "]";
    }

    /** A fraction in percentage points, signed, two decimals; one that rounds to zero is {@code +0.00}. */
    static String points(double fraction) {
        String s = String.format(Locale.ROOT, "%+.2f", 100 * fraction);
        return s.equals("-0.00") ? "+0.00" : s;
    }
}
