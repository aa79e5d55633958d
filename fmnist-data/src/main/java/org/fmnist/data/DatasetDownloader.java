package org.fmnist.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.fmnist.data.io.AtomicFiles;

/**
 * Downloads Fashion-MNIST's gzipped files into a directory. Each file is written to a temporary file beside its
 * destination, decompressed and verified (size and SHA-256 of the decompressed bytes), and only then moved into
 * place; on any failure the temporary file is removed, so the directory never holds a partial file under a real
 * name. Leftovers of a killed process ({@code .*.part}) are removed by the next download.
 */
public final class DatasetDownloader {

    /** The dataset's canonical public mirror, as its authors publish it. */
    public static final URI DEFAULT_MIRROR = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    private final URI mirror;
    private final DownloadProgress progress;
    private final Duration timeout;

    /**
     * @param mirror base URI; each file is fetched from {@code mirror.resolve(file.gzipName())}
     * @param progress receives progress
     * @param timeout the longest wait to connect, and for any byte of the response
     */
    public DatasetDownloader(URI mirror, DownloadProgress progress, Duration timeout) {
        this.mirror = Objects.requireNonNull(mirror, "mirror");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The default mirror, a progress bar on standard error, 30 s timeout. */
    public static DatasetDownloader standard() {
        return new DatasetDownloader(DEFAULT_MIRROR, DownloadProgress.bar(System.err), Duration.ofSeconds(30));
    }

    /**
     * Downloads every file that the directory lacks.
     *
     * @param directory destination, created if needed
     * @throws DatasetException naming the file and what failed; no partial file is left behind
     */
    public void download(Path directory) throws DatasetException {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new DatasetException(directory + ": cannot create the dataset cache directory: " + e.getMessage(), e);
        }
        removeLeftovers(directory);
        for (DatasetFile file : DatasetFile.values()) {
            if (file.findIn(directory).isEmpty()) {
                downloadOne(file, directory);
            }
        }
    }

    private void downloadOne(DatasetFile file, Path directory) throws DatasetException {
        URI uri = mirror.resolve(file.gzipName());
        Path target = directory.resolve(file.gzipName());
        try {
            AtomicFiles.write(target, part -> {
                part.toFile().deleteOnExit(); // Ctrl-C during the transfer
                fetch(uri, file, part);
                verify(file, part, uri);
            });
            progress.done(file.gzipName());
        } catch (IOException e) {
            throw e instanceof DatasetException de ? de
                    : new DatasetException(uri + ": download failed: " + describe(e), e);
        }
    }

    private void fetch(URI uri, DatasetFile file, Path part) throws IOException {
        HttpURLConnection connection = open(uri);
        try (InputStream in = connection.getInputStream()) {
            long total = connection.getContentLengthLong();
            long received = 0;
            byte[] buffer = new byte[1 << 16];
            try (OutputStream out = Files.newOutputStream(part)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(buffer, 0, n);
                    received += n;
                    progress.update(file.gzipName(), received, total);
                }
            }
            if (total >= 0 && received != total) {
                throw new DatasetException(uri + ": download incomplete: " + received + " of " + total + " bytes");
            }
        } finally {
            connection.disconnect();
        }
    }

    /** Opens a GET, following up to five redirects, including from http to https. */
    private HttpURLConnection open(URI uri) throws IOException {
        URI current = uri;
        for (int redirects = 0; redirects <= 5; redirects++) {
            HttpURLConnection connection = (HttpURLConnection) current.toURL().openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            // A read timeout, not just a connect timeout: a stalled transfer must fail, not hang.
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setInstanceFollowRedirects(false);
            int status = connection.getResponseCode();
            if (status == HttpURLConnection.HTTP_OK) {
                return connection;
            }
            String location = connection.getHeaderField("Location");
            connection.disconnect();
            if (status / 100 != 3 || location == null) {
                throw new DatasetException(uri + ": download failed: HTTP " + status);
            }
            current = current.resolve(location);
        }
        throw new DatasetException(uri + ": download failed: more than 5 redirects");
    }

    private static void verify(DatasetFile file, Path part, URI uri) throws DatasetException {
        IdxReader.Digest digest;
        try {
            digest = IdxReader.digest(part);
        } catch (DatasetException e) {
            throw new DatasetException(uri + ": downloaded file is damaged: "
                    + e.getMessage().substring(part.toString().length() + 2), e);
        }
        if (digest.size() != file.size()) {
            throw new DatasetException(uri + ": checksum mismatch: decompressed size " + digest.size()
                    + " bytes, expected " + file.size());
        }
        if (!digest.sha256().equals(file.sha256())) {
            throw new DatasetException(uri + ": checksum mismatch: SHA-256 of the decompressed content is "
                    + digest.sha256() + ", expected " + file.sha256());
        }
    }

    private static void removeLeftovers(Path directory) {
        try {
            AtomicFiles.removeLeftovers(directory);
        } catch (IOException ignored) {
            // leftovers are harmless: they never carry a real file name
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
