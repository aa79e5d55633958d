package org.fmnist.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads Fashion-MNIST's IDX files, gzipped or not, checking every header field before trusting the content.
 *
 * <p>An IDX file is a big-endian header, {@code 0x00 0x00 type rank}, then {@code rank} 32-bit dimensions,
 * then the data. Fashion-MNIST uses unsigned bytes (type 0x08): images of rank 3 ({@code count x 28 x 28})
 * and labels of rank 1 ({@code count}).
 */
public final class IdxReader {

    /** Magic number of an unsigned-byte IDX file of rank 3 (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte IDX file of rank 1 (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int GZIP_MAGIC = 0x8b1f;
    private static final int INFLATE_BUFFER = 1 << 16;

    private IdxReader() {
    }

    /**
     * Reads a whole file into memory, decompressing it if it is gzipped (recognised by its content; a name
     * ending in {@code .gz} must hold gzip data).
     *
     * @param file the file
     * @return the decompressed bytes
     * @throws DatasetException if the file is missing, unreadable, not gzip though named so, or truncated
     */
    public static byte[] readDecompressed(Path file) throws DatasetException {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw DatasetException.of(file, "file not found");
        } catch (IOException e) {
            throw DatasetException.of(file, "cannot be read: " + e.getMessage(), e);
        }
        boolean gzipped = raw.length >= 2 && ((raw[0] & 0xff) | (raw[1] & 0xff) << 8) == GZIP_MAGIC;
        if (!gzipped) {
            if (file.getFileName().toString().endsWith(".gz")) {
                throw DatasetException.of(file, "not a gzip file (the name ends in .gz but the content does not"
                        + " start with the gzip signature)");
            }
            return raw;
        }
        return gunzip(file, raw);
    }

    private static byte[] gunzip(Path file, byte[] raw) throws DatasetException {
        // The gzip trailer holds the decompressed size modulo 2^32: exact for these files, so the output
        // array is allocated once and filled in place.
        long declared = raw.length >= 18 ? ByteBuffer.wrap(raw, raw.length - 4, 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL : 0;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), INFLATE_BUFFER)) {
            byte[] out = new byte[(int) Math.min(declared, Integer.MAX_VALUE - 16)];
            int n = in.readNBytes(out, 0, out.length);
            if (n < out.length) {
                throw DatasetException.of(file, "truncated gzip data: " + n + " bytes decompressed, the trailer says "
                        + declared);
            }
            byte[] rest = in.readAllBytes();
            if (rest.length == 0) {
                return out;
            }
            // A concatenated multi-member gzip file: the trailer only counted the last member.
            byte[] all = new byte[out.length + rest.length];
            System.arraycopy(out, 0, all, 0, out.length);
            System.arraycopy(rest, 0, all, out.length, rest.length);
            return all;
        } catch (EOFException e) {
            throw DatasetException.of(file, "truncated gzip data (the file ends before the compressed stream does)", e);
        } catch (ZipException e) {
            throw DatasetException.of(file, "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw DatasetException.of(file, "cannot be decompressed: " + e.getMessage(), e);
        }
    }

    /**
     * Parses decompressed image-file content: checks magic, rank, 28x28 dimensions and exact length.
     *
     * @param file the file the content came from, for messages
     * @param content the decompressed file content
     * @return the pixels, {@code count * 784} unsigned bytes, row-major per image
     * @throws DatasetException naming the file and the first header field that is wrong
     */
    public static byte[] parseImages(Path file, byte[] content) throws DatasetException {
        ByteBuffer header = header(file, content, IMAGES_MAGIC, "images (unsigned bytes, rank 3)", 16);
        int count = header.getInt(4);
        int rows = header.getInt(8);
        int cols = header.getInt(12);
        if (rows != ImageSet.ROWS || cols != ImageSet.COLS) {
            throw DatasetException.of(file, "images are " + rows + "x" + cols + ", expected 28x28");
        }
        checkLength(file, content, 16, count, ImageSet.PIXELS);
        byte[] pixels = new byte[count * ImageSet.PIXELS];
        System.arraycopy(content, 16, pixels, 0, pixels.length);
        return pixels;
    }

    /**
     * Parses decompressed label-file content: checks magic, rank, exact length and that every label is 0-9.
     *
     * @param file the file the content came from, for messages
     * @param content the decompressed file content
     * @return the labels, one byte each, 0-9
     * @throws DatasetException naming the file and what is wrong
     */
    public static byte[] parseLabels(Path file, byte[] content) throws DatasetException {
        ByteBuffer header = header(file, content, LABELS_MAGIC, "labels (unsigned bytes, rank 1)", 8);
        int count = header.getInt(4);
        checkLength(file, content, 8, count, 1);
        byte[] labels = new byte[count];
        System.arraycopy(content, 8, labels, 0, count);
        for (int i = 0; i < count; i++) {
            if (labels[i] < 0 || labels[i] >= FashionMnistClass.COUNT) {
                throw DatasetException.of(file, "label " + (labels[i] & 0xff) + " at index " + i
                        + " is outside 0-9");
            }
        }
        return labels;
    }

    private static ByteBuffer header(Path file, byte[] content, int magic, String kind, int headerLength)
            throws DatasetException {
        if (content.length < headerLength) {
            throw DatasetException.of(file, "truncated: " + content.length + " bytes, shorter than the "
                    + headerLength + "-byte IDX header");
        }
        ByteBuffer header = ByteBuffer.wrap(content, 0, headerLength); // big-endian, as IDX is
        int found = header.getInt(0);
        if (found != magic) {
            throw DatasetException.of(file, String.format("wrong magic number 0x%08X, expected 0x%08X for %s",
                    found, magic, kind));
        }
        if (header.getInt(4) < 0) {
            throw DatasetException.of(file, "negative item count " + header.getInt(4));
        }
        return header;
    }

    private static void checkLength(Path file, byte[] content, int headerLength, int count, int itemSize)
            throws DatasetException {
        long expected = headerLength + (long) count * itemSize;
        if (content.length < expected) {
            throw DatasetException.of(file, "truncated: the header announces " + count + " items (" + expected
                    + " bytes) but the file has " + content.length + " bytes");
        }
        if (content.length > expected) {
            throw DatasetException.of(file, (content.length - expected) + " unexpected bytes after the "
                    + count + " items the header announces");
        }
    }
}
