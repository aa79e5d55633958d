package org.fmnist.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads Fashion-MNIST's IDX files, gzipped or not, checking every header field before trusting the content.
 *
 * <p>An IDX file is a big-endian header, {@code 0x00 0x00 type rank}, then {@code rank} 32-bit dimensions,
 * then the data. Fashion-MNIST uses unsigned bytes (type 0x08): images of rank 3 ({@code count x 28 x 28})
 * and labels of rank 1 ({@code count}). Files are decompressed straight into an array of the exact size the
 * header announces, and hashed on the way, in one pass.
 */
public final class IdxReader {

    /** Magic number of an unsigned-byte IDX file of rank 3 (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte IDX file of rank 1 (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int BUFFER = 1 << 16;

    private IdxReader() {
    }

    /**
     * The data of an IDX file after its header, and the SHA-256 of the whole decompressed file.
     *
     * @param data images ({@code count * 784} bytes, row-major 28x28 each) or labels ({@code count} bytes, 0-9)
     * @param sha256 lower-case hex SHA-256 of the decompressed file, header included
     */
    public record Content(byte[] data, String sha256) {
    }

    /**
     * Reads an image file: checks magic, rank, 28x28 dimensions and exact length.
     *
     * @throws DatasetException naming the file and the first thing that is wrong
     */
    public static Content readImages(Path file) throws DatasetException {
        return read(file, true);
    }

    /**
     * Reads a label file: checks magic, exact length and that every label is 0-9.
     *
     * @throws DatasetException naming the file and the first thing that is wrong
     */
    public static Content readLabels(Path file) throws DatasetException {
        Content content = read(file, false);
        byte[] labels = content.data();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= FashionMnistClass.COUNT) {
                throw DatasetException.of(file, "label " + (labels[i] & 0xff) + " at index " + i + " is outside 0-9");
            }
        }
        return content;
    }

    /**
     * Size and SHA-256 of a file's decompressed content, whatever it holds.
     *
     * @return {@code {size, sha256}} as a record
     * @throws DatasetException if it cannot be read or decompressed
     */
    public static Digest digest(Path file) throws DatasetException {
        MessageDigest sha = sha256();
        long size = 0;
        try (InputStream in = open(file, sha)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) > 0; ) {
                size += n;
            }
        } catch (IOException e) {
            throw failure(file, e);
        }
        return new Digest(size, HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * @param size decompressed size in bytes
     * @param sha256 lower-case hex SHA-256 of the decompressed content
     */
    public record Digest(long size, String sha256) {
    }

    private static Content read(Path file, boolean images) throws DatasetException {
        MessageDigest sha = sha256();
        try (InputStream in = open(file, sha)) {
            int headerLength = images ? 16 : 8;
            byte[] headerBytes = new byte[headerLength];
            int got = in.readNBytes(headerBytes, 0, headerLength);
            if (got < headerLength) {
                throw DatasetException.of(file, "truncated: " + got + " bytes, shorter than the " + headerLength
                        + "-byte IDX header");
            }
            ByteBuffer header = ByteBuffer.wrap(headerBytes); // big-endian, as IDX is
            int magic = images ? IMAGES_MAGIC : LABELS_MAGIC;
            if (header.getInt(0) != magic) {
                throw DatasetException.of(file, String.format("wrong magic number 0x%08X, expected 0x%08X for %s",
                        header.getInt(0), magic, images ? "images (unsigned bytes, rank 3)"
                                : "labels (unsigned bytes, rank 1)"));
            }
            int count = header.getInt(4);
            if (count < 0) {
                throw DatasetException.of(file, "negative item count " + count);
            }
            if (images && (header.getInt(8) != ImageSet.ROWS || header.getInt(12) != ImageSet.COLS)) {
                throw DatasetException.of(file, "images are " + header.getInt(8) + "x" + header.getInt(12)
                        + ", expected 28x28");
            }
            long expected = (long) count * (images ? ImageSet.PIXELS : 1);
            if (expected > Integer.MAX_VALUE - 16) {
                throw DatasetException.of(file, "the header announces " + count + " items, too many to hold");
            }
            byte[] data = new byte[(int) expected];
            int n = in.readNBytes(data, 0, data.length);
            if (n < data.length) {
                throw DatasetException.of(file, "truncated: the header announces " + count + " items ("
                        + (headerLength + expected) + " bytes) but the file has " + (headerLength + n) + " bytes");
            }
            long extra = in.transferTo(OutputStreamSink.INSTANCE);
            if (extra > 0) {
                throw DatasetException.of(file, extra + " unexpected bytes after the " + count
                        + " items the header announces");
            }
            return new Content(data, HexFormat.of().formatHex(sha.digest()));
        } catch (DatasetException e) {
            throw e;
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** Opens the decompressed content, recognising gzip by its signature; bytes read also go to the digest. */
    private static InputStream open(Path file, MessageDigest sha) throws IOException {
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        } catch (NoSuchFileException e) {
            throw DatasetException.of(file, "file not found");
        }
        raw.mark(2);
        boolean gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        if (!gzipped && file.getFileName().toString().endsWith(".gz")) {
            raw.close();
            throw DatasetException.of(file, "not a gzip file (the name ends in .gz but the content does not start"
                    + " with the gzip signature)");
        }
        return new DigestInputStream(gzipped ? new GZIPInputStream(raw, BUFFER) : raw, sha);
    }

    private static DatasetException failure(Path file, IOException e) {
        if (e instanceof DatasetException de) {
            return de;
        }
        if (e instanceof EOFException) {
            return DatasetException.of(file, "truncated gzip data (the file ends before the compressed stream does)",
                    e);
        }
        if (e instanceof ZipException) {
            return DatasetException.of(file, "corrupt gzip data: " + e.getMessage(), e);
        }
        return DatasetException.of(file, "cannot be read: " + e.getMessage(), e);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** Counts and discards what {@code transferTo} hands it. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
