package org.fmnist.data;

import static org.fmnist.data.testing.IdxFixtures.gzip;
import static org.fmnist.data.testing.IdxFixtures.images;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a real HTTP server on the loopback interface, serving real and damaged files. */
class DatasetDownloaderTest {

    @TempDir
    Path cache;

    private HttpServer server;
    /** What the server answers per file name: the body, and how many bytes of it to actually send. */
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> cutAt = new ConcurrentHashMap<>();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = bodies.get(name);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body, 0, cutAt.getOrDefault(name, body.length));
            } catch (java.io.IOException ignored) {
                // the client may give up on a short body
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private DatasetDownloader downloader() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return new DatasetDownloader(base, DownloadProgress.SILENT, Duration.ofSeconds(2));
    }

    private List<String> cacheContents() throws Exception {
        try (var files = Files.list(cache)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @Tag("real-data")
    void realFilesAreDownloadedVerifiedAndLoadable() throws Exception {
        for (DatasetFile f : DatasetFile.values()) {
            bodies.put(f.gzipName(), Files.readAllBytes(DatasetLocator.SYSTEM_DIRECTORY.resolve(f.gzipName())));
        }
        List<Long> seen = new java.util.ArrayList<>();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        DatasetDownloader downloader = new DatasetDownloader(base, new DownloadProgress() {
            @Override
            public void update(String fileName, long bytes, long totalBytes) {
                if (fileName.equals("t10k-labels-idx1-ubyte.gz")) {
                    seen.add(totalBytes);
                }
            }

            @Override
            public void done(String fileName) {
            }
        }, Duration.ofSeconds(10));
        DatasetLocator locator = DatasetLocator.builder().optEnvironment(Map.of()).optCacheDirectory(cache)
                .optSystemDirectory(null).optDownloader(downloader).build();

        DatasetLocation location = locator.locate();
        assertEquals(new DatasetLocation(cache, DatasetSource.DOWNLOAD), location);
        assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz"), cacheContents());
        // The total the progress reports is what the server sends (the compressed size, which differs between
        // gzip builds of the same data).
        assertEquals((long) bodies.get("t10k-labels-idx1-ubyte.gz").length, (long) seen.get(seen.size() - 1));
        FashionMnist data = FashionMnist.load(location);
        assertTrue(data.isVerified());
        // Found in the cache next time, without a download.
        assertEquals(DatasetSource.CACHE, locator.locate().source());
    }

    @Test
    void checksumMismatchLeavesNothingBehind() throws Exception {
        byte[] zeros = new byte[(int) DatasetFile.TRAIN_IMAGES.size()];
        bodies.put("train-images-idx3-ubyte.gz", gzip(zeros));
        String shaOfZeros = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(zeros));
        DatasetException e = assertThrows(DatasetException.class, () -> downloader().download(cache));
        assertTrue(e.getMessage().endsWith("/train-images-idx3-ubyte.gz: checksum mismatch: SHA-256 of the"
                + " decompressed content is " + shaOfZeros + ", expected " + DatasetFile.TRAIN_IMAGES.sha256()),
                e.getMessage());
        assertEquals(List.of(), cacheContents());
    }

    @Test
    void wrongSizeIsAChecksumMismatch() throws Exception {
        bodies.put("train-images-idx3-ubyte.gz", gzip(images(3)));
        DatasetException e = assertThrows(DatasetException.class, () -> downloader().download(cache));
        assertTrue(e.getMessage().endsWith("train-images-idx3-ubyte.gz: checksum mismatch: decompressed size 2368 bytes,"
                + " expected 47040016"), e.getMessage());
        assertEquals(List.of(), cacheContents());
    }

    @Test
    void interruptedTransferLeavesNothingBehind() throws Exception {
        byte[] body = gzip(images(200));
        bodies.put("train-images-idx3-ubyte.gz", body);
        cutAt.put("train-images-idx3-ubyte.gz", body.length / 3);
        DatasetException e = assertThrows(DatasetException.class, () -> downloader().download(cache));
        assertTrue(e.getMessage().startsWith("http://127.0.0.1:" + server.getAddress().getPort()
                + "/train-images-idx3-ubyte.gz: download"), e.getMessage());
        assertEquals(List.of(), cacheContents());
    }

    @Test
    void missingOnTheServer() throws Exception {
        DatasetException e = assertThrows(DatasetException.class, () -> downloader().download(cache));
        assertTrue(e.getMessage().endsWith("/train-images-idx3-ubyte.gz: download failed: HTTP 404"), e.getMessage());
        assertEquals(List.of(), cacheContents());
    }

    @Test
    void leftoversOfAKilledDownloadAreRemoved() throws Exception {
        Files.write(cache.resolve(".train-images-idx3-ubyte.gz.123.tmp"), new byte[10]);
        assertThrows(DatasetException.class, () -> downloader().download(cache));
        assertEquals(List.of(), cacheContents());
    }
}
