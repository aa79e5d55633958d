package org.fmnist.augment;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fixed, reproducible perturbation of test images, for measuring how well a model holds up when images move,
 * turn, grow, mirror or get noisy. Unlike an {@link Augmentation} it draws nothing: the same image index always
 * gets the same pixels, so that every model of a study is tested on identical perturbed images.
 *
 * <p>Geometric perturbations apply one transform to every image. Noise gives each image its own noise field
 * (seeded by {@link #NOISE_SEED} plus the image's index in its split), so that images do not share one pattern.
 *
 * @param name      the perturbation's id in reports and files, for example {@code "rotate+10"} or
 *                  {@code "shift-left-4"}
 * @param kind      what it does
 * @param strength  how much, in the kind's unit: degrees (the magnitude), pixels, the scale factor, 1 for a
 *                  flip, the noise's sigma; 0 (scale: 1) is the identity
 * @param transform the transform of image 0; {@link #forImage} gives that of any image
 */
public record Perturbation(String name, Kind kind, double strength, Transform transform) {

    /** Seed of image 0's noise field; image {@code i} gets {@code NOISE_SEED + i}. */
    public static final long NOISE_SEED = 20_260_101L;

    /** What a perturbation does, with the unit of its strength. */
    public enum Kind {
        /** Rotation about the centre, strength in degrees. */
        ROTATION("rotation", "degrees"),
        /** Translation along one axis, strength in pixels. */
        SHIFT("shift", "pixels"),
        /** Zoom about the centre, strength the factor. */
        SCALE("scale", "factor"),
        /** Mirror image left to right, strength 1. */
        FLIP("flip", ""),
        /** Additive Gaussian pixel noise, strength its sigma as a fraction of the pixel range. */
        NOISE("noise", "sigma");

        private final String id;
        private final String unit;

        Kind(String id, String unit) {
            this.id = id;
            this.unit = unit;
        }

        /** @return the kind's name in reports, for example {@code "rotation"} */
        public String id() {
            return id;
        }

        /** @return the unit of its strength, for example {@code "degrees"}; empty for a flip */
        public String unit() {
            return unit;
        }
    }

    /**
     * Validates the perturbation.
     *
     * @throws IllegalArgumentException if a member is null, the name blank or the strength not finite
     */
    public Perturbation {
        Check.notNull("name", name);
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        Check.notNull("kind", kind);
        Check.finite("strength", strength);
        Check.notNull("transform", transform);
    }

    /**
     * Rotation about the centre.
     *
     * @param degrees the angle, positive counter-clockwise; named {@code rotate+10}, {@code rotate-10}
     * @return the perturbation, of strength {@code |degrees|}
     */
    public static Perturbation rotation(double degrees) {
        return new Perturbation("rotate" + (degrees < 0 ? "-" : "+") + Check.format(Math.abs(degrees)),
                Kind.ROTATION, Math.abs(degrees), new Rotation(degrees));
    }

    /**
     * Translation along one axis.
     *
     * @param dx pixels to the right (negative: left)
     * @param dy pixels down (negative: up); one of {@code dx} and {@code dy} must be 0
     * @return the perturbation, named for example {@code shift-left-2}, of strength the distance in pixels
     * @throws IllegalArgumentException if both offsets are non-zero
     */
    public static Perturbation shift(double dx, double dy) {
        if (dx != 0 && dy != 0) {
            throw new IllegalArgumentException("a shift moves along one axis: dx or dy must be 0, were "
                    + Check.shown(dx) + " and " + Check.shown(dy));
        }
        String direction = dx < 0 ? "left" : dx > 0 ? "right" : dy < 0 ? "up" : "down";
        double distance = Math.abs(dx) + Math.abs(dy);
        return new Perturbation("shift-" + direction + "-" + Check.format(distance), Kind.SHIFT, distance,
                new Translation(dx, dy));
    }

    /**
     * Zoom about the centre.
     *
     * @param factor above 1 enlarges, below 1 shrinks; named {@code scale-0.8}
     * @return the perturbation, of strength {@code factor}
     */
    public static Perturbation scale(double factor) {
        return new Perturbation("scale-" + Check.format(factor), Kind.SCALE, factor, new Scale(factor));
    }

    /** @return the mirror image left to right, named {@code hflip} */
    public static Perturbation horizontalFlip() {
        return new Perturbation("hflip", Kind.FLIP, 1, new HorizontalFlip());
    }

    /**
     * Additive Gaussian noise, a field of its own per image.
     *
     * @param sigma the standard deviation as a fraction of the pixel range, in {@code [0, 1]}; named
     *              {@code noise-0.1}
     * @return the perturbation, of strength {@code sigma}
     */
    public static Perturbation noise(double sigma) {
        return new Perturbation("noise-" + Check.format(sigma), Kind.NOISE, sigma, new GaussianNoise(sigma, NOISE_SEED));
    }

    /**
     * The study's robustness suite, 17 perturbations: rotation by ±10 and ±20 degrees, shifts by 2 and 4 pixels
     * left, right, up and down, scaling by 0.8 and 1.2, the horizontal flip, and noise of sigma 0.1 and 0.2.
     *
     * @return the perturbations in that order
     */
    public static List<Perturbation> standard() {
        List<Perturbation> suite = new ArrayList<>();
        for (double degrees : new double[] {10, 20}) {
            suite.add(rotation(degrees));
            suite.add(rotation(-degrees));
        }
        for (double pixels : new double[] {2, 4}) {
            suite.add(shift(-pixels, 0));
            suite.add(shift(pixels, 0));
            suite.add(shift(0, -pixels));
            suite.add(shift(0, pixels));
        }
        suite.add(scale(0.8));
        suite.add(scale(1.2));
        suite.add(horizontalFlip());
        suite.add(noise(0.1));
        suite.add(noise(0.2));
        return List.copyOf(suite);
    }

    /**
     * The perturbation's group: those of one kind and strength, whatever their direction, such as
     * {@code rotate+10} and {@code rotate-10}, or the four 2-pixel shifts. Reports average over a group.
     *
     * @return the kind's id and the strength, for example {@code "rotation 10"}, {@code "shift 2"},
     *         {@code "scale 0.8"}, {@code "noise 0.1"}; just {@code "flip"} for the flip
     */
    public String group() {
        return kind == Kind.FLIP ? kind.id() : kind.id() + " " + Check.format(strength);
    }

    /**
     * The transform of one image: {@link #transform()} itself, except for noise, whose field is seeded by the
     * image's index.
     *
     * @param index the image's index in its split, at least 0
     * @return the transform
     */
    public Transform forImage(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be at least 0, was " + index);
        }
        return transform instanceof GaussianNoise noise ? new GaussianNoise(noise.sigma(), noise.seed() + index)
                : transform;
    }

    /**
     * Perturbs a batch of Fashion-MNIST images scaled to {@code [0, 1]}.
     *
     * @param features   {@code [N, 1, 28, 28]}, {@code [N, 28, 28]} or {@code [N, 784]}; not modified
     * @param firstIndex the index in its split of the batch's first image
     * @return the perturbed copy, of the same shape and data type
     */
    public INDArray apply(INDArray features, long firstIndex) {
        return apply(features, firstIndex, ImageShape.FASHION_MNIST, ValueRange.UNIT);
    }

    /**
     * Perturbs a batch of images: image {@code i} of the batch becomes {@code forImage(firstIndex + i)} of it,
     * exactly as {@link Transform#apply} gives it image by image.
     *
     * @param features   {@code [N, C, H, W]}, {@code [N, H, W]} or {@code [N, flat.size()]}; not modified
     * @param firstIndex the index in its split of the batch's first image, at least 0
     * @param flat       the image shape of rank-2 batches
     * @param range      the pixel range
     * @return the perturbed copy, of the same shape and data type
     */
    public INDArray apply(INDArray features, long firstIndex, ImageShape flat, ValueRange range) {
        Check.notNull("features", features);
        Check.notNull("range", range);
        if (firstIndex < 0) {
            throw new IllegalArgumentException("firstIndex must be at least 0, was " + firstIndex);
        }
        ImageShape image = Batches.imageShape(features, Check.notNull("flat", flat));
        float[] src = Batches.floats(features);
        float[] dst = new float[src.length];
        Renderer renderer = new Renderer(image, range);
        int size = image.size();
        for (int i = 0, n = (int) features.size(0); i < n; i++) {
            renderer.render(forImage(firstIndex + i), src, i * size, dst, i * size);
        }
        return Batches.array(dst, features);
    }
}
