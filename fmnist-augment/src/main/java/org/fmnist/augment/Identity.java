package org.fmnist.augment;

/** The transform that changes nothing: what a random flip draws when it does not flip. */
public record Identity() implements GeometricTransform {

    /** @return {@link Affine#IDENTITY} */
    @Override
    public Affine sourceMap(ImageShape shape) {
        return Affine.IDENTITY;
    }
}
