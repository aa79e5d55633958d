package org.fmnist.augment;

/** Parameter validation shared by the records: messages name the parameter and its value. */
final class Check {

    private Check() {
    }

    /** Requires {@code value} in the closed interval {@code [lo, hi]}; NaN is rejected too. */
    static double closed(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(
                    name + " must be in [" + format(lo) + ", " + format(hi) + "], was " + shown(value));
        }
        return value;
    }

    /** Requires a probability: {@code [0, 1]}. */
    static double probability(String name, double value) {
        return closed(name, value, 0, 1);
    }

    /** Requires a finite value (not NaN, not infinite). */
    static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
        return value;
    }

    /** Requires a non-null reference. */
    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** A rejected value as a reader would write it: -1 for a whole number, NaN and Infinity as such. */
    static String shown(double value) {
        return Double.isFinite(value) ? format(value) : Double.toString(value);
    }

    /** Shortest decimal form of a finite value: 1 rather than 1.0, 0.05 rather than 5.0E-2. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
