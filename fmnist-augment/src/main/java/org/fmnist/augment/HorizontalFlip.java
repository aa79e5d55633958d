package org.fmnist.augment;

/**
 * Mirror left to right. Exact (a permutation of pixels), and its own inverse.
 *
 * <p>Label-preserving for Fashion-MNIST: a mirrored shirt, bag or sneaker is still one.
 */
public record HorizontalFlip() implements GeometricTransform {

    @Override
    public Affine sourceMap(ImageShape shape) {
        return new Affine(-1, 0, shape.width() - 1, 0, 1, 0);
    }
}
