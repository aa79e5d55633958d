package org.fmnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fmnist.data.testing.RealData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The published dataset, as installed by Debian's dataset-fashion-mnist. */
@Tag("real-data")
class RealDataTest {

    private final FashionMnist data = RealData.load();

    @Test
    void hasThePublishedShapeAndIsVerified() {
        assertTrue(data.isVerified());
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000},
                data.train().classCounts());
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
                data.test().classCounts());
    }

    @Test
    void firstImagesAreAnkleBoots() {
        // Both files start with an ankle boot, as every Fashion-MNIST reader shows.
        assertEquals(FashionMnistClass.ANKLE_BOOT, FashionMnistClass.of(data.train().label(0)));
        assertEquals(FashionMnistClass.ANKLE_BOOT, FashionMnistClass.of(data.test().label(0)));
        assertEquals("Ankle boot", FashionMnistClass.of(9).displayName());
    }

    @Test
    void trainingPixelStatistics() {
        // Of the 55,000 training images; the whole file with its 5,000 validation images has 0.28604 and 0.35302.
        ImageSet.PixelStatistics stats = data.trainPixelStatistics();
        assertEquals(0.28610, stats.mean(), 5e-6);
        assertEquals(0.35303, stats.std(), 5e-6);
        assertEquals(0.28604, data.train().pixelStatistics().mean(), 5e-6);
        assertEquals(0.35302, data.train().pixelStatistics().std(), 5e-6);
    }
}
