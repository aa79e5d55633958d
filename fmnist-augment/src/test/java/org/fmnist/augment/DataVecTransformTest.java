package org.fmnist.augment;

import static org.fmnist.augment.Images.FM;
import static org.fmnist.augment.Images.SEED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.indexer.Indexer;
import org.bytedeco.javacv.Frame;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.FileSplit;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.datavec.image.data.ImageWritable;
import org.datavec.image.recordreader.ImageRecordReader;
import org.datavec.image.transform.ImageTransform;
import org.datavec.image.transform.PipelineImageTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.common.primitives.Pair;

class DataVecTransformTest {

    private static Frame frame(float[] planar, ImageShape shape, int depth) {
        Frame frame = new Frame(shape.width(), shape.height(), depth, shape.channels());
        try (Indexer indexer = frame.createIndexer()) {
            for (int c = 0; c < shape.channels(); c++) {
                for (int y = 0; y < shape.height(); y++) {
                    for (int x = 0; x < shape.width(); x++) {
                        indexer.putDouble(new long[] {y, x, c}, Images.at(planar, shape, c, y, x));
                    }
                }
            }
        }
        return frame;
    }

    private static float[] planar(Frame frame) {
        ImageShape shape = new ImageShape(frame.imageChannels, frame.imageHeight, frame.imageWidth);
        float[] out = new float[shape.size()];
        try (Indexer indexer = frame.createIndexer()) {
            for (int c = 0; c < shape.channels(); c++) {
                for (int y = 0; y < shape.height(); y++) {
                    for (int x = 0; x < shape.width(); x++) {
                        out[c * shape.planeSize() + y * shape.width() + x] =
                                (float) indexer.getDouble(y, x, c);
                    }
                }
            }
        }
        return out;
    }

    private static float[] rounded(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) Math.rint(values[i]);
        }
        return out;
    }

    @Test
    void aFloatFrameGetsTheSamePixelsAsTheBatchForm() {
        Transform fixed = Sequence.of(new Rotation(12.5), new Translation(2, -1), new Scale(1.1),
                new GaussianNoise(0.05, SEED));
        float[] image = Images.random(FM, ValueRange.UNIT, SEED);
        ImageWritable out = fixed.toImageTransform(SEED)
                .transform(new ImageWritable(frame(image, FM, Frame.DEPTH_FLOAT)));
        assertEquals(Frame.DEPTH_FLOAT, out.getFrame().imageDepth);
        assertArrayEquals(fixed.apply(image, FM, ValueRange.UNIT), planar(out.getFrame()));
    }

    @Test
    void an8BitFrameIsTransformedOnTheByteRangeAndRounded() {
        Transform fixed = new Rotation(12.5);
        float[] image = rounded(Images.random(FM, ValueRange.BYTE, SEED));
        ImageWritable out = fixed.toImageTransform(SEED)
                .transform(new ImageWritable(frame(image, FM, Frame.DEPTH_UBYTE)));
        assertEquals(Frame.DEPTH_UBYTE, out.getFrame().imageDepth);
        assertArrayEquals(rounded(fixed.apply(image, FM, ValueRange.BYTE)), planar(out.getFrame()));
    }

    @Test
    void everyChannelOfAColourFrameIsTransformedAlike() {
        ImageShape rgb = new ImageShape(3, 9, 11);
        float[] image = Images.random(rgb, ValueRange.UNIT, SEED);
        Transform fixed = Sequence.of(new HorizontalFlip(), new Rotation(30));
        ImageWritable out = fixed.toImageTransform(SEED)
                .transform(new ImageWritable(frame(image, rgb, Frame.DEPTH_FLOAT)));
        assertArrayEquals(fixed.apply(image, rgb, ValueRange.UNIT), planar(out.getFrame()));
    }

    @Test
    void theRandomFormReplaysFromItsSeedAndReportsWhatItDrew() {
        float[] image = Images.random(FM, ValueRange.UNIT, SEED);
        DataVecTransform a = Pipeline.defaults().toImageTransform(SEED);
        DataVecTransform b = Pipeline.defaults().toImageTransform(SEED);
        DataVecTransform c = Pipeline.defaults().toImageTransform(SEED + 1);
        assertNull(a.lastTransform());
        for (int i = 0; i < 3; i++) {
            ImageWritable in = new ImageWritable(frame(image, FM, Frame.DEPTH_FLOAT));
            float[] outA = planar(a.transform(in).getFrame());
            b.transform(in);
            c.transform(in);
            assertEquals(a.lastTransform(), b.lastTransform());
            assertNotEquals(a.lastTransform(), c.lastTransform());
            assertArrayEquals(a.lastTransform().apply(image, FM, ValueRange.UNIT), outA);
            assertEquals(a.getCurrentImage().getFrame().imageWidth, 28);
        }
    }

    @Test
    void aRandomPassedByDataVecIsUsedLikeDataVecsOwnTransforms() {
        DataVecTransform transform = new RandomRotation(30).toImageTransform(SEED);
        ImageWritable in = new ImageWritable(frame(Images.random(FM, ValueRange.UNIT, SEED), FM,
                Frame.DEPTH_FLOAT));
        transform.transform(in, new Random(SEED));
        Transform first = transform.lastTransform();
        transform.transform(in, new Random(SEED));
        assertEquals(first, transform.lastTransform());
        assertEquals(new RandomRotation(30).sample(new Random(SEED)), first);
    }

    @Test
    void queryMapsPointsWhereTheImageMoved() {
        DataVecTransform transform = Sequence.of(new Translation(2, -1), new GaussianNoise(0.1, SEED))
                .toImageTransform(SEED);
        assertThrows(IllegalStateException.class, () -> transform.query(1, 1));
        transform.transform(new ImageWritable(frame(new float[FM.size()], FM, Frame.DEPTH_FLOAT)));
        assertArrayEquals(new float[] {7, 4, 2, 9}, transform.query(5, 5, 0, 10), 1e-6f);
        DataVecTransform quarter = new Rotation(90).toImageTransform(SEED);
        quarter.transform(new ImageWritable(frame(new float[FM.size()], FM, Frame.DEPTH_FLOAT)));
        // A quarter turn counter-clockwise takes the top-right corner to the top-left.
        assertArrayEquals(new float[] {0, 0}, quarter.query(27, 0), 1e-9f);
    }

    @Test
    void itRunsInsideDataVecsPipelineImageTransform() {
        float[] image = Images.random(FM, ValueRange.UNIT, SEED);
        List<Pair<ImageTransform, Double>> steps = List.of(
                new Pair<>(new Translation(2, -1).toImageTransform(SEED), 1.0),
                new Pair<>(new HorizontalFlip().toImageTransform(SEED), 1.0));
        PipelineImageTransform pipeline = new PipelineImageTransform(SEED, steps);
        ImageWritable out = pipeline.transform(new ImageWritable(frame(image, FM, Frame.DEPTH_FLOAT)));
        float[] expected = Sequence.of(new Translation(2, -1), new HorizontalFlip())
                .apply(image, FM, ValueRange.UNIT);
        assertArrayEquals(expected, planar(out.getFrame()));
    }

    @Test
    void imageRecordReaderAppliesItToDecodedPngs(@TempDir Path dir) throws IOException {
        float[] image = rounded(Images.random(FM, ValueRange.BYTE, SEED));
        BufferedImage png = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                png.getRaster().setSample(x, y, 0, (int) image[y * 28 + x]);
            }
        }
        Path classDir = Files.createDirectories(dir.resolve("shirt"));
        ImageIO.write(png, "png", classDir.resolve("0.png").toFile());

        Transform fixed = Sequence.of(new Rotation(12.5), new Translation(2, -1));
        try (ImageRecordReader reader = new ImageRecordReader(28, 28, 1,
                new ParentPathLabelGenerator(), fixed.toImageTransform(SEED))) {
            reader.initialize(new FileSplit(dir.toFile()));
            List<Writable> record = reader.next();
            float[] read = ((NDArrayWritable) record.get(0)).get().dup('c').data().asFloat();
            assertArrayEquals(rounded(fixed.apply(image, FM, ValueRange.BYTE)), read);
            assertTrue(read.length == 784);
        }
    }
}
