package org.fmnist.data;

import static org.fmnist.data.testing.IdxFixtures.gzip;
import static org.fmnist.data.testing.IdxFixtures.images;
import static org.fmnist.data.testing.IdxFixtures.labels;
import static org.fmnist.data.testing.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    private String failure(Path file) {
        return assertThrows(DatasetException.class, () -> {
            if (file.getFileName().toString().contains("labels")) {
                IdxReader.readLabels(file);
            } else {
                IdxReader.readImages(file);
            }
        }).getMessage();
    }

    @Test
    void gzippedAndPlainFilesGiveTheSameImages() throws Exception {
        Path gz = write(dir.resolve("a-images.gz"), gzip(images(3)));
        Path plain = write(dir.resolve("b-images"), images(3));
        IdxReader.Content gzContent = IdxReader.readImages(gz);
        IdxReader.Content plainContent = IdxReader.readImages(plain);
        byte[] fromGz = gzContent.data();
        assertArrayEquals(plainContent.data(), fromGz);
        assertEquals(plainContent.sha256(), gzContent.sha256());
        assertEquals(IdxReader.digest(plain), IdxReader.digest(gz));
        assertEquals(3 * 784 + 16, IdxReader.digest(gz).size());
        assertEquals(3 * 784, fromGz.length);
        assertEquals((byte) ((2 * 31 + 5) % 256), fromGz[2 * 784 + 5]);
    }

    @Test
    void labelsAreReadInOrder() throws Exception {
        Path file = write(dir.resolve("labels.gz"), gzip(labels(25)));
        byte[] labels = IdxReader.readLabels(file).data();
        assertEquals(25, labels.length);
        assertEquals(4, labels[14]);
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("train-images-idx3-ubyte.gz");
        assertEquals(file + ": file not found", failure(file));
    }

    @Test
    void fileNamedGzipThatIsNot() {
        Path file = write(dir.resolve("images.gz"), images(2));
        assertEquals(file + ": not a gzip file (the name ends in .gz but the content does not start with the gzip"
                + " signature)", failure(file));
    }

    @Test
    void truncatedGzip() {
        byte[] whole = gzip(images(50));
        Path file = write(dir.resolve("images.gz"), Arrays.copyOf(whole, whole.length / 2));
        assertEquals(file + ": truncated gzip data (the file ends before the compressed stream does)", failure(file));
    }

    @Test
    void corruptGzip() {
        byte[] whole = gzip(images(50));
        for (int i = 20; i < 60; i++) {
            whole[i] ^= (byte) 0x5a;
        }
        Path file = write(dir.resolve("images.gz"), whole);
        String message = failure(file);
        assertTrue(message.startsWith(file + ": corrupt gzip data: "), message);
    }

    @Test
    void wrongMagicNumber() {
        Path file = write(dir.resolve("images"), images(0x00000801, 1, 28, 28, new byte[784]));
        assertEquals(file + ": wrong magic number 0x00000801, expected 0x00000803 for images (unsigned bytes, rank 3)",
                failure(file));
    }

    @Test
    void labelFileWithImageMagic() {
        Path file = write(dir.resolve("labels"), labels(0x00000803, new byte[4]));
        assertEquals(file + ": wrong magic number 0x00000803, expected 0x00000801 for labels (unsigned bytes, rank 1)",
                failure(file));
    }

    @Test
    void imagesThatAreNot28By28() {
        Path file = write(dir.resolve("images"), images(0x00000803, 1, 32, 32, new byte[32 * 32]));
        assertEquals(file + ": images are 32x32, expected 28x28", failure(file));
    }

    @Test
    void fewerImagesThanTheHeaderAnnounces() {
        Path file = write(dir.resolve("images"), images(0x00000803, 3, 28, 28, new byte[2 * 784]));
        assertEquals(file + ": truncated: the header announces 3 items (2368 bytes) but the file has 1584 bytes",
                failure(file));
    }

    @Test
    void bytesAfterTheLastImage() {
        Path file = write(dir.resolve("images"), images(0x00000803, 1, 28, 28, new byte[784 + 7]));
        assertEquals(file + ": 7 unexpected bytes after the 1 items the header announces", failure(file));
    }

    @Test
    void fileShorterThanItsHeader() {
        Path file = write(dir.resolve("images"), new byte[] {0, 0, 8, 3, 0});
        assertEquals(file + ": truncated: 5 bytes, shorter than the 16-byte IDX header", failure(file));
    }

    @Test
    void labelOutsideZeroToNine() {
        Path file = write(dir.resolve("labels"), labels(0x00000801, new byte[] {3, 9, 12, 0}));
        assertEquals(file + ": label 12 at index 2 is outside 0-9", failure(file));
    }
}
