package org.fmnist.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Augments whole batches of images held in ND4J arrays: {@code [N, C, H, W]} (NCHW),
 * {@code [N, H, W]}, or flattened {@code [N, C*H*W]}, working on the values directly with no
 * per-image frame conversion.
 *
 * <p>Each example gets its own stream split off the batch's stream, so what it draws does not
 * depend on the other examples. The input array is never modified.
 *
 * @param augmentation what to apply to each example
 * @param shape        the image shape of flattened rank-2 batches (rank 3 and 4 batches carry
 *                     their own); {@link ImageShape#FASHION_MNIST} for Fashion-MNIST
 * @param range        the value range of the features; {@link ValueRange#UNIT} for the data
 *                     module's default normalization
 */
public record BatchAugmenter(Augmentation augmentation, ImageShape shape, ValueRange range) {

    /**
     * Validates the arguments.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public BatchAugmenter {
        Check.notNull("augmentation", augmentation);
        Check.notNull("shape", shape);
        Check.notNull("range", range);
    }

    /**
     * An augmenter for Fashion-MNIST batches scaled to {@code [0, 1]}.
     *
     * @param augmentation what to apply to each example
     * @return the augmenter with shape {@link ImageShape#FASHION_MNIST} and range
     *         {@link ValueRange#UNIT}
     */
    public static BatchAugmenter of(Augmentation augmentation) {
        return new BatchAugmenter(augmentation, ImageShape.FASHION_MNIST, ValueRange.UNIT);
    }

    /**
     * Augments a batch.
     *
     * @param features the batch; not modified
     * @param rng      the batch's stream; one stream is split off it per example
     * @return the augmented copy and the transform drawn for each example
     * @throws IllegalArgumentException if the features' shape does not hold images of this
     *                                  augmenter's shape
     */
    public AugmentedBatch augment(INDArray features, SplittableRandom rng) {
        Check.notNull("features", features);
        Check.notNull("rng", rng);
        ImageShape image = Batches.imageShape(features, shape);
        int n = (int) features.size(0);
        float[] src = Batches.floats(features);
        float[] dst = new float[src.length];
        List<Transform> drawn = augment(src, dst, n, image, rng);
        return new AugmentedBatch(Batches.array(dst, features), drawn);
    }

    /**
     * Augments {@code count} images stored back to back in {@code src} into {@code dst}: the
     * array-level form behind {@link #augment(INDArray, SplittableRandom)}.
     *
     * @param src   {@code count * image.size()} values; not modified
     * @param dst   receives the augmented images, same layout; may not be {@code src}
     * @param count number of images
     * @param image the shape of one image
     * @param rng   the batch's stream; one stream is split off it per image
     * @return the transform drawn for each image
     */
    public List<Transform> augment(float[] src, float[] dst, int count, ImageShape image,
            SplittableRandom rng) {
        int size = image.size();
        if (src.length < (long) count * size || dst.length < (long) count * size) {
            throw new IllegalArgumentException("src and dst must hold " + count + " images of "
                    + size + " values, were " + src.length + " and " + dst.length);
        }
        Renderer renderer = new Renderer(image, range);
        List<Transform> drawn = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Transform t = augmentation.sample(rng.split());
            renderer.render(t, src, i * size, dst, i * size);
            drawn.add(t);
        }
        return drawn;
    }
}
