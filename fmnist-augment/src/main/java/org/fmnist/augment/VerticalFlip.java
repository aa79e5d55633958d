package org.fmnist.augment;

/**
 * Mirror top to bottom. Exact, and its own inverse.
 *
 * <p><strong>Not label-preserving for Fashion-MNIST:</strong> the dataset never shows clothing
 * upside down, so a flipped ankle boot is no longer a typical ankle boot. Default pipelines leave
 * it out; use it only on purpose.
 */
public record VerticalFlip() implements GeometricTransform {

    @Override
    public Affine sourceMap(ImageShape shape) {
        return new Affine(1, 0, 0, 0, -1, shape.height() - 1);
    }
}
