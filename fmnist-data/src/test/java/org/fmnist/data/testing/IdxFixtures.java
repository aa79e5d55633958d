package org.fmnist.data.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Tiny IDX files made by tests: well-formed ones, and one builder knob per way a file can be wrong. */
public final class IdxFixtures {

    private IdxFixtures() {
    }

    /** Content of an unsigned-byte image file with the given header fields and {@code pixels} as data. */
    public static byte[] images(int magic, int count, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(magic).putInt(count).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    /** Content of a well-formed image file of {@code count} 28x28 images; pixel i of image k is (k * 31 + i) % 256. */
    public static byte[] images(int count) {
        byte[] pixels = new byte[count * 784];
        for (int k = 0; k < count; k++) {
            for (int i = 0; i < 784; i++) {
                pixels[k * 784 + i] = (byte) ((k * 31 + i) % 256);
            }
        }
        return images(0x00000803, count, 28, 28, pixels);
    }

    /** Content of a label file with the given magic and labels. */
    public static byte[] labels(int magic, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(magic).putInt(labels.length).put(labels).array();
    }

    /** Content of a well-formed label file: label of image k is k % 10. */
    public static byte[] labels(int count) {
        byte[] labels = new byte[count];
        for (int k = 0; k < count; k++) {
            labels[k] = (byte) (k % 10);
        }
        return labels(0x00000801, labels);
    }

    /** The gzip compression of {@code content}. */
    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes a complete dataset directory: {@code train} training and {@code test} test images, gzipped, with the
     * published file names.
     *
     * @return {@code dir}
     */
    public static Path writeDataset(Path dir, int train, int test) {
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(train)));
        write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(train)));
        write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(images(test)));
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(test)));
        return dir;
    }

    /** Writes bytes to a file, creating parent directories. */
    public static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
