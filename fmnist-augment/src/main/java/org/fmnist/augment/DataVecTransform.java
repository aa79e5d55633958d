package org.fmnist.augment;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.bytedeco.javacpp.indexer.Indexer;
import org.bytedeco.javacv.Frame;
import org.datavec.image.data.ImageWritable;
import org.datavec.image.transform.BaseImageTransform;

/**
 * An {@link Augmentation} as a DataVec {@link org.datavec.image.transform.ImageTransform}, for
 * DataVec's {@code ImageRecordReader}, {@code PipelineImageTransform} and
 * {@code ObjectDetectionRecordReader} (through {@link #query}).
 *
 * <p>Frames are read and written in Java with the same kernel as the batch form, so for the same
 * transform both give the same pixels; no OpenCV call is made. Value ranges follow the frame's
 * depth: {@code DEPTH_UBYTE} is {@code [0, 255]} and {@code DEPTH_USHORT} {@code [0, 65535]} (both
 * on a black background, results rounded to the nearest integer), {@code DEPTH_FLOAT} and
 * {@code DEPTH_DOUBLE} use the range given at construction. Channels are transformed alike.
 *
 * <p>Randomness: when DataVec passes a {@link Random} (as {@code PipelineImageTransform} does if
 * it was built with one) the transform is drawn from it, like DataVec's own transforms; otherwise
 * from this object's own seeded stream, so a run is reproducible from its seed. What was drawn for
 * the last image is {@link #lastTransform()}. Stateful and not thread-safe, like DataVec's
 * transforms.
 */
public final class DataVecTransform extends BaseImageTransform<Frame> {

    private static final ValueRange USHORT = ValueRange.of(0, 65535);

    private final Augmentation augmentation;
    private final SplittableRandom stream;
    private final ValueRange floatRange;
    private Transform lastTransform;
    private ImageShape lastShape;

    /**
     * Use {@link Augmentation#toImageTransform(long)} or
     * {@link Augmentation#toImageTransform(SplittableRandom, ValueRange)}.
     */
    DataVecTransform(Augmentation augmentation, SplittableRandom stream, ValueRange floatRange) {
        super(null);
        this.augmentation = Check.notNull("augmentation", augmentation);
        this.stream = Check.notNull("stream", stream);
        this.floatRange = Check.notNull("floatRange", floatRange);
    }

    /** @return the augmentation this transform draws from */
    public Augmentation augmentation() {
        return augmentation;
    }

    /** @return the transform drawn for the last image, or null before the first */
    public Transform lastTransform() {
        return lastTransform;
    }

    @Override
    protected ImageWritable doTransform(ImageWritable image, Random random) {
        if (image == null || image.getFrame() == null) {
            return null;
        }
        Frame in = image.getFrame();
        ValueRange range = rangeOf(in.imageDepth);
        boolean integral = in.imageDepth != Frame.DEPTH_FLOAT && in.imageDepth != Frame.DEPTH_DOUBLE;
        ImageShape shape = new ImageShape(in.imageChannels, in.imageHeight, in.imageWidth);
        RandomGenerator source = random != null ? random : stream;
        Transform transform = augmentation.sample(source);

        float[] planar = read(in, shape);
        float[] result = new float[planar.length];
        new Renderer(shape, range).render(transform, planar, 0, result, 0);

        Frame out = new Frame(shape.width(), shape.height(), in.imageDepth, shape.channels());
        write(out, shape, result, integral);
        lastTransform = transform;
        lastShape = shape;
        return new ImageWritable(out);
    }

    /**
     * Maps points of the last input image to where the last transform moved them (pixel steps move
     * nothing).
     *
     * @param coordinates {@code x0, y0, x1, y1, ...} in input pixels
     * @return the same points in output pixels
     * @throws IllegalStateException before the first image
     */
    @Override
    public float[] query(float... coordinates) {
        if (lastTransform == null) {
            throw new IllegalStateException("query needs a transformed image first");
        }
        Affine source = Affine.IDENTITY;
        for (Transform t : lastTransform instanceof Sequence s ? s.transforms()
                : List.of(lastTransform)) {
            if (t instanceof GeometricTransform g) {
                source = source.compose(g.sourceMap(lastShape));
            }
        }
        Affine forward = source.inverse();
        float[] mapped = new float[coordinates.length];
        for (int i = 0; i + 1 < coordinates.length; i += 2) {
            double[] p = forward.apply(coordinates[i], coordinates[i + 1]);
            mapped[i] = (float) p[0];
            mapped[i + 1] = (float) p[1];
        }
        return mapped;
    }

    private ValueRange rangeOf(int depth) {
        return switch (depth) {
            case Frame.DEPTH_UBYTE -> ValueRange.BYTE;
            case Frame.DEPTH_USHORT -> USHORT;
            case Frame.DEPTH_FLOAT, Frame.DEPTH_DOUBLE -> floatRange;
            default -> throw new IllegalArgumentException("frame depth must be DEPTH_UBYTE ("
                    + Frame.DEPTH_UBYTE + "), DEPTH_USHORT (" + Frame.DEPTH_USHORT
                    + "), DEPTH_FLOAT (" + Frame.DEPTH_FLOAT + ") or DEPTH_DOUBLE ("
                    + Frame.DEPTH_DOUBLE + "), was " + depth);
        };
    }

    /** Frames interleave channels (height, width, channel); the kernel wants planes. */
    private static float[] read(Frame frame, ImageShape shape) {
        float[] planar = new float[shape.size()];
        int plane = shape.planeSize();
        try (Indexer indexer = frame.createIndexer()) {
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    for (int c = 0; c < shape.channels(); c++) {
                        planar[c * plane + y * shape.width() + x] = (float) indexer.getDouble(y, x, c);
                    }
                }
            }
        }
        return planar;
    }

    private static void write(Frame frame, ImageShape shape, float[] planar, boolean integral) {
        int plane = shape.planeSize();
        long[] index = new long[3];
        try (Indexer indexer = frame.createIndexer()) {
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    for (int c = 0; c < shape.channels(); c++) {
                        double v = planar[c * plane + y * shape.width() + x];
                        index[0] = y;
                        index[1] = x;
                        index[2] = c;
                        // Integer indexers truncate; round so 8-bit output is the nearest value.
                        indexer.putDouble(index, integral ? Math.rint(v) : v);
                    }
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "DataVecTransform[" + augmentation + "]";
    }
}
