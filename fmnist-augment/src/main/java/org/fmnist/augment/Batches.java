package org.fmnist.augment;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moving a batch of images between an ND4J array and a flat float array, for the batch forms of augmentation
 * ({@link BatchAugmenter}) and of fixed perturbations ({@link Perturbation}).
 */
final class Batches {

    private Batches() {
    }

    /**
     * The shape of one image of a batch.
     *
     * @param features {@code [N, C, H, W]}, {@code [N, H, W]} or {@code [N, flat.size()]}
     * @param flat     the image shape of rank-2 batches
     * @throws IllegalArgumentException for any other shape
     */
    static ImageShape imageShape(INDArray features, ImageShape flat) {
        long[] s = features.shape();
        ImageShape image = switch (s.length) {
            case 4 -> new ImageShape(toInt(s[1]), toInt(s[2]), toInt(s[3]));
            case 3 -> new ImageShape(1, toInt(s[1]), toInt(s[2]));
            case 2 -> flat;
            default -> null;
        };
        if (image == null || (s.length == 2 && s[1] != flat.size())) {
            throw new IllegalArgumentException("features must be [N, C, H, W], [N, H, W] or [N, "
                    + flat.size() + "] for image shape " + flat + ", was " + Arrays.toString(s));
        }
        return image;
    }

    /** The values in C order, copied once (twice when a view or another type forces a dup). */
    static float[] floats(INDArray features) {
        boolean compact = features.dataType() == DataType.FLOAT && !features.isView()
                && features.ordering() == 'c' && features.offset() == 0
                && features.data().length() == features.length();
        INDArray source = compact ? features : features.castTo(DataType.FLOAT).dup('c');
        float[] values = new float[(int) source.length()];
        source.data().asNioFloat().get(values, 0, values.length);
        return values;
    }

    /** {@code values} as a new array of {@code like}'s shape and data type, in C order. */
    static INDArray array(float[] values, INDArray like) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, like.shape(), 'c');
        // Bulk copies through NIO: DataBuffer.asFloat() and Nd4j.create(float[]) copy value by
        // value and cost more than the augmentation itself.
        out.data().asNioFloat().put(values, 0, values.length);
        return like.dataType() == DataType.FLOAT ? out : out.castTo(like.dataType());
    }

    private static int toInt(long dimension) {
        return Math.toIntExact(dimension);
    }
}
