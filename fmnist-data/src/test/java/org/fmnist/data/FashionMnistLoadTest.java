package org.fmnist.data;

import static org.fmnist.data.testing.IdxFixtures.gzip;
import static org.fmnist.data.testing.IdxFixtures.labels;
import static org.fmnist.data.testing.IdxFixtures.write;
import static org.fmnist.data.testing.IdxFixtures.writeDataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from directories of tiny fixture files: own data is accepted where the user named it. */
class FashionMnistLoadTest {

    @TempDir
    Path dir;

    @Test
    void ownDataInANamedDirectoryLoadsUnverified() throws Exception {
        FashionMnist data = FashionMnist.load(writeDataset(dir, 30, 20));
        assertEquals(30, data.train().size());
        assertEquals(20, data.test().size());
        assertEquals(7, data.test().label(17));
        assertFalse(data.isVerified());
        assertEquals(DatasetSource.EXPLICIT, data.location().source());
        assertEquals(dir.resolve("train-images-idx3-ubyte.gz"), data.fileChecks().get(DatasetFile.TRAIN_IMAGES).path());
        // A training file of another size holds out one twelfth of it, as the published one does.
        assertEquals(2, data.size(Split.VALIDATION));
        assertEquals(28, data.size(Split.TRAIN));
        assertEquals(20, data.size(Split.TEST));
    }

    @Test
    void ownDataWhereTheUserDidNotNameItIsRejected() {
        writeDataset(dir, 30, 20);
        DatasetException e = assertThrows(DatasetException.class,
                () -> FashionMnist.load(new DatasetLocation(dir, DatasetSource.CACHE)));
        assertEquals(dir + ": not the published Fashion-MNIST (SHA-256 differs): train-images-idx3-ubyte.gz, "
                + "train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz; remove the files"
                + " or reinstall them", e.getMessage());
    }

    @Test
    void imageAndLabelCountsThatDiffer() {
        writeDataset(dir, 30, 20);
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(19)));
        DatasetException e = assertThrows(DatasetException.class, () -> FashionMnist.load(dir));
        assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz") + " has 20 images but "
                + dir.resolve("t10k-labels-idx1-ubyte.gz") + " has 19 labels", e.getMessage());
    }

    @Test
    void plainFilesAreFoundWhenThereIsNoGzip() throws Exception {
        writeDataset(dir, 10, 10);
        Path gz = dir.resolve("train-labels-idx1-ubyte.gz");
        Files.delete(gz);
        write(dir.resolve("train-labels-idx1-ubyte"), labels(10));
        FashionMnist data = FashionMnist.load(dir);
        assertEquals(dir.resolve("train-labels-idx1-ubyte"), data.fileChecks().get(DatasetFile.TRAIN_LABELS).path());
        assertEquals(3, data.train().label(3));
    }

    @Test
    void pixelStatisticsAreExact() {
        // two images: one all 0, one all 255 -> mean 0.5, std 0.5
        byte[] pixels = new byte[2 * 784];
        java.util.Arrays.fill(pixels, 784, 2 * 784, (byte) 255);
        ImageSet set = new ImageSet(pixels, new byte[] {0, 1});
        assertEquals(0.5, set.pixelStatistics().mean(), 1e-12);
        assertEquals(0.5, set.pixelStatistics().std(), 1e-12);
        assertTrue(set.classCounts()[1] == 1 && set.classCounts()[2] == 0);
        // Of the all-255 image alone: mean 1, std 0.
        assertEquals(1.0, set.pixelStatistics(new int[] {1}).mean(), 1e-12);
        assertEquals(0.0, set.pixelStatistics(new int[] {1}).std(), 1e-12);
        assertEquals("images must not be empty", assertThrows(IllegalArgumentException.class,
                () -> set.pixelStatistics(new int[0])).getMessage());
    }

    @Test
    void imageSetRejectsMismatchedArrays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSet(new byte[784], new byte[2]));
        assertEquals("pixels must hold 784 bytes per label: 2 labels need 1568 pixels, was 784", e.getMessage());
    }
}
