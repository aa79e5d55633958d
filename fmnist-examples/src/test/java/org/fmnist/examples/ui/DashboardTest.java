package org.fmnist.examples.ui;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.fmnist.data.FashionMnistIterator;
import org.fmnist.data.Split;
import org.fmnist.data.testing.RealData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DashboardTest {

    private static final int REPORT_EVERY = 10;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpClient following = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    @Test
    @Tag("real-data")
    void overviewServesThisSessionsTrainingStatistics(@TempDir Path dir) throws Exception {
        FashionMnistIterator train = FashionMnistIterator.builder(RealData.load(), Split.TRAIN)
                .optSubset(320).optBatchSize(32).optSeed(7).build();
        MultiLayerNetwork net = tinyCnn();
        int epochs = 3;
        int iterations = epochs * 320 / 32;
        int port;

        try (Dashboard dashboard = Dashboard.start("127.0.0.1", 0)) {
            FileStatsStorage storage = new FileStatsStorage(dir.resolve("stats.dl4j").toFile());
            dashboard.attach(storage);
            String session = "dashboard-test";
            net.setListeners(new StatsListener(storage, REPORT_EVERY, session));
            net.fit(train, epochs);

            JsonObject overview = awaitOverview(dashboard, session, iterations);
            JsonArray reported = overview.getJsonArray("scoresIter");
            JsonArray scores = overview.getJsonArray("scores");
            List<Integer> expected = new ArrayList<>();
            for (int i = REPORT_EVERY; i < iterations; i += REPORT_EVERY) {
                expected.add(i);
            }
            assertEquals(expected, reported.getList(), "iterations reported at every " + REPORT_EVERY);
            for (int i = 0; i < scores.size(); i++) {
                double score = scores.getDouble(i);
                assertTrue(score > 0 && score < 10, "cross-entropy score out of range: " + score);
            }
            assertEquals(String.valueOf(net.numParams()), modelRow(overview, "Total Parameters"));
            assertEquals("MultiLayerNetwork", modelRow(overview, "Model Type"));

            HttpResponse<String> page = get(dashboard.sessionUri(session));
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("/assets/js/train/overview.js"), "overview page links its script");
            HttpResponse<String> list = get(dashboard.sessionsUri());
            assertTrue(list.body().contains("/train/" + session), "session list names the session");
            assertEquals(404, get(dashboard.uri().resolve("train/no-such-session/overview/data")).statusCode());
            HttpResponse<String> script = get(dashboard.uri().resolve("assets/js/train/overview.js"));
            assertEquals(200, script.statusCode());
            assertEquals("application/javascript", script.headers().firstValue("content-type").orElse(""));
            HttpResponse<String> style = get(dashboard.uri().resolve(
                    "assets/webjars/bootstrap/4.3.1/dist/css/bootstrap.min.css"));
            assertEquals(200, style.statusCode(), "a web jar's file");
            assertTrue(style.headers().firstValue("content-type").orElse("").startsWith("text/css"));
            assertEquals(404, get(dashboard.uri().resolve("assets/js/train/no-such-script.js")).statusCode());
            assertEquals(404, get(dashboard.uri().resolve("assets/webjars/")).statusCode(), "no listing");
            // Dot segments, encoded so that the client sends them as they are, stay inside the assets.
            assertEquals(404, get(URI.create(dashboard.uri() + "assets/%2e%2e/%2e%2e/META-INF/MANIFEST.MF"))
                    .statusCode(), "no file outside the assets");
            port = dashboard.port();
            // Closed before the dashboard, as a program may do; the dashboard must still stop.
            storage.close();
        }
        assertTrue(Files.size(dir.resolve("stats.dl4j")) > 0, "statistics were written to the file");
        assertPortIsFree(port);
    }

    @Test
    void savedStatisticsAreServedAgainFromTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stats.dl4j");
        MultiLayerNetwork net = tinyCnn();
        FileStatsStorage writing = new FileStatsStorage(file.toFile());
        net.setListeners(new StatsListener(writing, REPORT_EVERY, "replayed"));
        org.nd4j.linalg.dataset.DataSet batch = syntheticBatch();
        for (int i = 0; i < 2 * REPORT_EVERY + 1; i++) {
            net.fit(batch);
        }
        writing.close();

        FileStatsStorage reading = new FileStatsStorage(file.toFile());
        try (Dashboard dashboard = Dashboard.start("127.0.0.1", 0)) {
            dashboard.attach(reading);
            JsonObject overview = awaitOverview(dashboard, "replayed", 2 * REPORT_EVERY + 1);
            assertEquals(List.of(REPORT_EVERY, 2 * REPORT_EVERY), overview.getJsonArray("scoresIter").getList());
        } finally {
            reading.close();
        }
    }

    @Test
    void dl4jsOwnAddressesShowTheSessionWithTheNewestStatistics(@TempDir Path dir) throws Exception {
        FileStatsStorage attachedFirst = new FileStatsStorage(dir.resolve("first.dl4j").toFile());
        FileStatsStorage attachedLast = new FileStatsStorage(dir.resolve("last.dl4j").toFile());
        try {
            // The session trained last is neither in the storage attached last nor last by name, so
            // neither order stands in for "newest".
            MultiLayerNetwork older = tinyCnn();
            older.setListeners(new StatsListener(attachedLast, REPORT_EVERY, "b-older"));
            fitThroughNextReport(older);
            MultiLayerNetwork newer = tinyCnn();
            newer.setListeners(new StatsListener(attachedFirst, REPORT_EVERY, "a-newer"));
            fitThroughNextReport(newer);
            assertTrue(lastReport(attachedFirst, "a-newer") > lastReport(attachedLast, "b-older"),
                    "a-newer reported after b-older");

            try (Dashboard dashboard = Dashboard.start("127.0.0.1", 0)) {
                dashboard.attach(attachedFirst);
                dashboard.attach(attachedLast);

                for (String address : List.of("train", "train/overview", "train/overview/", "")) {
                    HttpResponse<String> page = getFollowingRedirects(dashboard.uri().resolve(address));
                    assertEquals(200, page.statusCode(), "/" + address);
                    assertEquals(dashboard.sessionUri("a-newer"), page.uri(), "/" + address);
                    assertTrue(page.body().contains("/assets/js/train/overview.js"), "/" + address);
                }
                for (String tab : List.of("model", "system")) {
                    HttpResponse<String> page = getFollowingRedirects(dashboard.uri().resolve("train/" + tab));
                    assertEquals(200, page.statusCode(), "/train/" + tab);
                    assertEquals(dashboard.uri().resolve("train/a-newer/" + tab), page.uri());
                    assertTrue(page.body().contains("/assets/js/train/" + tab + ".js"), "/train/" + tab);
                }

                HttpResponse<String> olderPage = get(dashboard.sessionUri("b-older"));
                assertEquals(200, olderPage.statusCode(), "the older session's own page");
                assertTrue(olderPage.body().contains("/assets/js/train/overview.js"));
                assertEquals(200, get(dashboard.uri().resolve("train/b-older/overview/data")).statusCode());

                // The older session trains on while attached and so becomes the newest.
                fitThroughNextReport(older);
                assertTrue(lastReport(attachedLast, "b-older") > lastReport(attachedFirst, "a-newer"),
                        "b-older reported after a-newer");
                HttpResponse<String> overview = getFollowingRedirects(dashboard.uri().resolve("train/overview"));
                assertEquals(200, overview.statusCode());
                assertEquals(dashboard.sessionUri("b-older"), overview.uri());

                HttpResponse<String> list = get(dashboard.sessionsUri());
                assertEquals(200, list.statusCode());
                int olderAt = list.body().indexOf("href=\"/train/b-older/overview\"");
                int newerAt = list.body().indexOf("href=\"/train/a-newer/overview\"");
                assertTrue(olderAt >= 0 && newerAt > olderAt, "the list links both, newest first: " + list.body());
            }
        } finally {
            attachedFirst.close();
            attachedLast.close();
        }
    }

    @Test
    void beforeAnySessionTheOverviewAddressSaysSoThenShowsTheFirstSession(@TempDir Path dir) throws Exception {
        FileStatsStorage storage = new FileStatsStorage(dir.resolve("stats.dl4j").toFile());
        try (Dashboard dashboard = Dashboard.start("127.0.0.1", 0)) {
            dashboard.attach(storage);
            URI overviewAddress = dashboard.uri().resolve("train/overview");
            HttpResponse<String> waiting = getFollowingRedirects(overviewAddress);
            assertEquals(200, waiting.statusCode());
            assertEquals(overviewAddress, waiting.uri(), "answered in place, not redirected");
            assertTrue(waiting.body().contains("No training session is attached yet"), waiting.body());

            MultiLayerNetwork net = tinyCnn();
            net.setListeners(new StatsListener(storage, REPORT_EVERY, "live"));
            fitThroughNextReport(net);
            // A session that appears in an attached storage reaches the train module with the next
            // batch of events (every 250 ms).
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            HttpResponse<String> page = getFollowingRedirects(overviewAddress);
            while (!page.uri().equals(dashboard.sessionUri("live")) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                page = getFollowingRedirects(overviewAddress);
            }
            assertEquals(dashboard.sessionUri("live"), page.uri());
            assertEquals(200, page.statusCode(), page.body());
        } finally {
            storage.close();
        }
    }

    @Test
    void loopbackDashboardLeavesThePortFreeOnOtherAddresses() throws IOException {
        InetAddress other = nonLoopbackAddress();
        assumeTrue(other != null, "this machine has no non-loopback address to check against");
        try (Dashboard dashboard = Dashboard.start("127.0.0.1", 0)) {
            assertEquals(302, get(dashboard.uri()).statusCode(), "answers on the loopback address");
            // Binding, not connecting: a server listening on every interface would hold this port on
            // the other address too, and the bind would fail (the test below shows it does).
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(other, dashboard.port()));
            }
        }
    }

    @Test
    void wildcardDashboardHoldsThePortOnEveryAddress() throws IOException {
        InetAddress other = nonLoopbackAddress();
        assumeTrue(other != null, "this machine has no non-loopback address to check against");
        try (Dashboard dashboard = Dashboard.start("0.0.0.0", 0)) {
            assertEquals(URI.create("http://127.0.0.1:" + dashboard.port() + "/"), dashboard.uri());
            assertThrows(BindException.class, () -> {
                try (ServerSocket probe = new ServerSocket()) {
                    probe.bind(new InetSocketAddress(other, dashboard.port()));
                }
            });
        }
    }

    @Test
    void onlyOneDashboardRunsAtATime() throws IOException {
        int port;
        try (Dashboard first = Dashboard.start("127.0.0.1", 0)) {
            port = first.port();
            assertThrows(IllegalStateException.class, () -> Dashboard.start("127.0.0.1", 0));
        }
        assertPortIsFree(port);
        try (Dashboard again = Dashboard.start("127.0.0.1", 0)) {
            assertFalse(again.isClosed());
        }
    }

    @Test
    void aTakenPortIsReportedAndLeavesNothingRunning() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> Dashboard.start("127.0.0.1", taken.getLocalPort()));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
        try (Dashboard after = Dashboard.start("127.0.0.1", 0)) {
            assertFalse(after.isClosed());
        }
    }

    @Test
    void rejectsPortsOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dashboard.start("127.0.0.1", 65536));
        assertEquals("port must be in [0, 65535], was 65536", e.getMessage());
    }

    @Test
    void routeParametersAreNamedInOrder() {
        assertEquals(List.of("sessionId", "layerId"),
                DashboardRoutes.parameterNames("/train/:sessionId/model/data/:layerId"));
        assertEquals(List.of(), DashboardRoutes.parameterNames("/train"));
        assertEquals("[::1]:9000", Dashboard.hostPort("::1", 9000));
    }

    /** A server that really stopped leaves its port to others. */
    private static void assertPortIsFree(int port) throws IOException {
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        }
    }

    private JsonObject awaitOverview(Dashboard dashboard, String session, int iterations) throws Exception {
        URI data = dashboard.uri().resolve("train/" + session + "/overview/data");
        int lastReport = (iterations - 1) / REPORT_EVERY * REPORT_EVERY;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonObject overview = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(data);
            if (response.statusCode() == 200) {
                overview = new JsonObject(response.body());
                JsonArray reported = overview.getJsonArray("scoresIter");
                if (reported != null && !reported.isEmpty()
                        && reported.getInteger(reported.size() - 1) == lastReport) {
                    return overview;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the overview never reported iteration " + lastReport + ": " + overview);
    }

    /**
     * Fits batches up to and including the next iteration the listener reports: a positive multiple of
     * {@value #REPORT_EVERY} (the stats listener does not report iteration 0).
     */
    private static void fitThroughNextReport(MultiLayerNetwork net) {
        org.nd4j.linalg.dataset.DataSet batch = syntheticBatch();
        int iteration;
        do {
            iteration = net.getIterationCount();
            net.fit(batch);
        } while (iteration == 0 || iteration % REPORT_EVERY != 0);
    }

    /** The time of a session's latest statistics update, in milliseconds since the epoch. */
    private static long lastReport(StatsStorage storage, String session) {
        return storage.getLatestUpdateAllWorkers(session, StatsListener.TYPE_ID).stream()
                .mapToLong(Persistable::getTimeStamp).max()
                .orElseThrow(() -> new AssertionError("session " + session + " has no update"));
    }

    private static String modelRow(JsonObject overview, String name) {
        for (Object row : overview.getJsonArray("model")) {
            JsonArray cells = (JsonArray) row;
            if (name.equals(cells.getString(0))) {
                return cells.getString(1);
            }
        }
        throw new AssertionError("no row '" + name + "' in " + overview.getJsonArray("model"));
    }

    private HttpResponse<String> get(URI uri) throws IOException {
        return send(http, uri);
    }

    private HttpResponse<String> getFollowingRedirects(URI uri) throws IOException {
        return send(following, uri);
    }

    private static HttpResponse<String> send(HttpClient http, URI uri) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return address;
                }
            }
        }
        return null;
    }

    private static MultiLayerNetwork tinyCnn() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(11)
                .updater(new Adam(1e-3))
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(4).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static org.nd4j.linalg.dataset.DataSet syntheticBatch() {
        org.nd4j.linalg.api.ndarray.INDArray features = org.nd4j.linalg.factory.Nd4j.rand(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 1, 28, 28);
        org.nd4j.linalg.api.ndarray.INDArray labels = org.nd4j.linalg.factory.Nd4j.zeros(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 10);
        for (int i = 0; i < 8; i++) {
            labels.putScalar(i, i, 1f);
        }
        return new org.nd4j.linalg.dataset.DataSet(features, labels);
    }
}
