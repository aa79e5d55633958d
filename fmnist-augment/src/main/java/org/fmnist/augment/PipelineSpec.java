package org.fmnist.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text form of a {@link Pipeline}: parsing and formatting kept side by side. */
final class PipelineSpec {

    private static final List<String> NAMES =
            List.of("rotate", "shift", "scale", "hflip", "vflip", "noise", "saltpepper");

    private PipelineSpec() {
    }

    static Pipeline parse(String spec) {
        Check.notNull("spec", spec);
        String text = spec.strip();
        if (text.isEmpty() || text.equalsIgnoreCase("none")) {
            return Pipeline.EMPTY;
        }
        List<Pipeline.Step> steps = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            steps.add(parseStep(item.strip()));
        }
        return new Pipeline(steps);
    }

    private static Pipeline.Step parseStep(String item) {
        int eq = item.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException(
                    "augmentation step must be name=value, was '" + item + "'");
        }
        String name = item.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(
                    "augmentation step name must be one of " + String.join(", ", NAMES)
                            + ", was '" + name + "'");
        }
        try {
            String value = item.substring(eq + 1).strip();
            double probability = 1;
            int at = value.indexOf('@');
            if (at >= 0) {
                probability = number("probability", value.substring(at + 1));
                value = value.substring(0, at).strip();
            }
            Augmentation augmentation = switch (name) {
                case "rotate" -> new RandomRotation(number(name, value));
                case "shift" -> new RandomTranslation(wholeNumber(name, value));
                case "scale" -> scale(value);
                case "hflip" -> new RandomHorizontalFlip(number(name, value));
                case "vflip" -> new RandomVerticalFlip(number(name, value));
                case "noise" -> new RandomGaussianNoise(number(name, value));
                default -> new RandomSaltAndPepperNoise(number(name, value));
            };
            return new Pipeline.Step(augmentation, probability);
        } catch (IllegalArgumentException e) {
            // Say which step of the text was wrong, not only which record parameter.
            throw new IllegalArgumentException(
                    "augmentation step '" + item + "': " + e.getMessage(), e);
        }
    }

    private static RandomScale scale(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            double factor = number("scale", value);
            return new RandomScale(factor, factor);
        }
        return new RandomScale(number("scale min", value.substring(0, colon)),
                number("scale max", value.substring(colon + 1)));
    }

    private static double number(String name, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + text + "'");
        }
    }

    private static int wholeNumber(String name, String text) {
        double value = number(name, text);
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    name + " must be a whole number of pixels, was '" + text + "'");
        }
        return (int) value;
    }

    static String format(Pipeline pipeline) {
        if (pipeline.steps().isEmpty()) {
            return "none";
        }
        List<String> items = new ArrayList<>();
        for (Pipeline.Step step : pipeline.steps()) {
            String item = formatStep(step.augmentation());
            if (step.probability() < 1) {
                item += "@" + Check.format(step.probability());
            }
            items.add(item);
        }
        return String.join(",", items);
    }

    private static String formatStep(Augmentation a) {
        if (a instanceof RandomRotation r) {
            return "rotate=" + Check.format(r.degrees());
        } else if (a instanceof RandomTranslation t) {
            return "shift=" + t.shift();
        } else if (a instanceof RandomScale s) {
            return s.min() == s.max() ? "scale=" + Check.format(s.min())
                    : "scale=" + Check.format(s.min()) + ":" + Check.format(s.max());
        } else if (a instanceof RandomHorizontalFlip f) {
            return "hflip=" + Check.format(f.probability());
        } else if (a instanceof RandomVerticalFlip f) {
            return "vflip=" + Check.format(f.probability());
        } else if (a instanceof RandomGaussianNoise n) {
            return "noise=" + Check.format(n.sigma());
        } else if (a instanceof RandomSaltAndPepperNoise n) {
            return "saltpepper=" + Check.format(n.probability());
        }
        throw new IllegalStateException("augmentation has no text form: " + a);
    }
}
