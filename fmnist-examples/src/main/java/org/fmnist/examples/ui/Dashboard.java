package org.fmnist.examples.ui;

import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.core.storage.StatsStorageListener;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.Route;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NProvider;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.impl.QueueStatsStorageListener;
import org.deeplearning4j.ui.module.defaultModule.DefaultModule;
import org.deeplearning4j.ui.module.train.TrainModule;
import org.nd4j.common.function.Function;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Deeplearning4j training dashboard (the pages of DL4J's {@link TrainModule}) served by an HTTP
 * server bound to one chosen address, by default the loopback address {@value #DEFAULT_HOST}.
 *
 * <p>DL4J's own {@code VertxUIServer} always listens on every network interface and has no
 * authentication, so anyone who can reach the machine could read the training statistics. This class
 * serves the same UI modules, static assets and statistics storages through a Vert.x server of its
 * own whose listening address is a parameter.
 *
 * <p>Every training session is shown on its own pages: {@code /train/<session>/overview}, {@code model}
 * and {@code system} ({@link #sessionUri}). DL4J's own addresses, the ones its documentation gives,
 * show the <em>newest</em> session, the one whose latest statistics were recorded last (the model
 * training now, or of saved runs the one that trained last): {@code /}, {@code /train} and
 * {@code /train/overview} redirect to {@code /train/<newest>/overview}, and {@code /train/model} and
 * {@code /train/system} to that session's other tabs. The redirect is what makes them work: the pages'
 * scripts read the session from the address. Before any session is attached these addresses answer a
 * page that says so and reloads itself until one is. {@code /train/sessions} ({@link #sessionsUri})
 * lists every session, newest first. (DL4J's own server in its multi-session mode lists the sessions at
 * {@code /train} and takes {@code /train/overview} for a session named "overview", unknown, so 404; in
 * its single-session mode, the one its documentation describes, {@code /train} and
 * {@code /train/overview} are the overview of the newest session, as here.)
 * A session named {@code overview}, {@code model}, {@code system} or {@code sessions} keeps its pages
 * below {@code /train/<session>/}, but {@code /train/<session>} itself then means the address above.
 *
 * <p>At most one dashboard runs per JVM at a time, because DL4J's train module looks its server up
 * through a JVM-wide static.
 *
 * <pre>{@code
 * try (Dashboard dashboard = Dashboard.start("127.0.0.1", 9000)) {
 *     dashboard.attach(new FileStatsStorage(statsFile));
 *     System.out.println(dashboard.sessionsUri());
 *     ...
 * }
 * }</pre>
 */
public final class Dashboard implements AutoCloseable {

    /** The default listening address: the loopback interface only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The default TCP port, DL4J's usual one. */
    public static final int DEFAULT_PORT = 9000;

    private static final String ASSETS_PREFIX = "/assets/";
    private static final String SESSIONS_PATH = "/train/sessions";
    /** The train module's tab pages, each at {@code /train/<session>/<tab>}. */
    private static final List<String> TABS = List.of("overview", "model", "system");
    /** How often the page shown before any session is attached reloads itself, in seconds. */
    private static final int WAITING_RELOAD_SECONDS = 5;
    private static final String UI_ASSETS = "deeplearning4jUiAssets/";
    private static final String WEBJARS = "META-INF/resources/";
    private static final long START_TIMEOUT_SECONDS = 60;
    /** Statistics events are routed in batches; DL4J's own server waits 500 ms between batches. */
    private static final long EVENT_BATCH_MILLIS = 250;
    private static final Object LOCK = new Object();

    private final Vertx vertx;
    private final HttpServer server;
    private final String host;
    private final int port;
    private final List<UIModule> modules;
    private final BlockingQueue<StatsStorageEvent> events = new LinkedBlockingQueue<>();
    private final Map<StatsStorage, StatsStorageListener> attached = new ConcurrentHashMap<>();
    private final Sessions sessions;
    private final Thread eventRouter;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Registration registration;

    private Dashboard(String host, int port, Vertx vertx, HttpServer server, List<UIModule> modules,
                      Sessions sessions, Registration registration) {
        this.host = host;
        this.port = port;
        this.vertx = vertx;
        this.server = server;
        this.modules = modules;
        this.sessions = sessions;
        this.registration = registration;
        this.eventRouter = new Thread(this::routeEvents, "dashboard-events");
        this.eventRouter.setDaemon(true);
    }

    /**
     * Starts a dashboard listening on {@code host:port} and waits until it accepts connections.
     *
     * @param host the address to listen on: a host name or IP literal; {@value #DEFAULT_HOST} keeps the
     *             dashboard on this machine, {@code 0.0.0.0} exposes it on every interface (it has no
     *             authentication)
     * @param port the TCP port, in [0, 65535]; 0 picks a free port (see {@link #port()})
     * @return the running dashboard; close it to stop the server
     * @throws IllegalArgumentException if the port is out of range or the host does not resolve
     * @throws IllegalStateException if another dashboard is already running in this JVM
     * @throws UncheckedIOException if the server cannot listen on the address (for example, the port
     *                              is taken)
     */
    public static Dashboard start(String host, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be a host name or IP address, was '" + host + "'");
        }
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host does not resolve to an address, was '" + host + "'");
        }
        synchronized (LOCK) {
            VertxUIServer existing = VertxUIServer.getInstance();
            if (existing != null && !existing.isStopped()) {
                throw new IllegalStateException("a dashboard is already running in this JVM at "
                        + existing.getAddress());
            }
            return startLocked(host, port);
        }
    }

    private static Dashboard startLocked(String host, int port) {
        // DL4J's train module asks the JVM-wide VertxUIServer instance whether the UI is in
        // multi-session mode and what its address is; constructing the registration makes it that
        // instance, answering for this dashboard.
        Registration registration = new Registration();
        List<UIModule> modules = List.of(new DefaultModule(true), new TrainModule());

        // Assets are read from the classpath by this class, so Vert.x needs neither its classpath
        // resolver nor the file cache it would otherwise create in the working directory.
        VertxOptions options = new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(2)
                .setMaxEventLoopExecuteTime(10)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS)
                .setFileSystemOptions(new FileSystemOptions()
                        .setClassPathResolvingEnabled(false)
                        .setFileCachingEnabled(false));
        Vertx vertx = Vertx.vertx(options);
        Router router = Router.router(vertx);
        router.get(ASSETS_PREFIX + "*").handler(Dashboard::serveAsset);
        router.get("/setlang/:sessionId/:to").handler(rc -> {
            I18NProvider.getInstance(rc.pathParam("sessionId")).setDefaultLanguage(rc.pathParam("to"));
            rc.response().end();
        });
        // Routed before the train module's, whose multi-session routes would take /train for its
        // session list and /train/overview for a session named "overview".
        Sessions sessions = new Sessions();
        router.get("/train").handler(rc -> showNewest(rc, sessions, "overview"));
        for (String tab : TABS) {
            router.get("/train/" + tab).handler(rc -> showNewest(rc, sessions, tab));
        }
        router.get(SESSIONS_PATH).handler(rc -> listSessions(rc, sessions));
        for (UIModule module : modules) {
            for (Route route : module.getRoutes()) {
                io.vertx.core.http.HttpMethod method = io.vertx.core.http.HttpMethod.valueOf(route.getHttpMethod().name());
                List<String> names = parameterNames(route.getRoute());
                router.route(method, route.getRoute()).handler(rc -> {
                    List<String> values = new ArrayList<>(names.size());
                    for (String name : names) {
                        values.add(rc.pathParam(name));
                    }
                    route.getConsumer().accept(values, rc);
                });
            }
        }

        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(router);
        CompletableFuture<HttpServer> listening = new CompletableFuture<>();
        server.listen(result -> complete(listening, result));
        try {
            listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(vertx);
            registration.release();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new UncheckedIOException("dashboard cannot listen on " + hostPort(host, port) + ": "
                    + describe(cause), cause instanceof IOException io ? io : new IOException(cause));
        }
        Dashboard dashboard = new Dashboard(host, server.actualPort(), vertx, server, modules, sessions,
                registration);
        registration.dashboard = dashboard;
        dashboard.eventRouter.start();
        return dashboard;
    }

    private static void complete(CompletableFuture<HttpServer> future, AsyncResult<HttpServer> result) {
        if (result.succeeded()) {
            future.complete(result.result());
        } else {
            future.completeExceptionally(result.cause());
        }
    }

    /** The address the server listens on, as given to {@link #start}. */
    public String host() {
        return host;
    }

    /** The TCP port the server listens on (the one picked when started with port 0). */
    public int port() {
        return port;
    }

    /**
     * The dashboard's base URI, {@code http://host:port/}. A wildcard listening address ({@code 0.0.0.0},
     * {@code ::}) is shown as this machine's loopback address, which it includes.
     */
    public URI uri() {
        String shown = host;
        try {
            if (InetAddress.getByName(host).isAnyLocalAddress()) {
                shown = DEFAULT_HOST;
            }
        } catch (UnknownHostException e) {
            // start() resolved it already; keep the name as given.
        }
        return URI.create("http://" + hostPort(shown, port) + "/");
    }

    /**
     * The page listing every training session attached to this dashboard, newest first, each linked to
     * its overview: {@code /train/sessions}. ({@code /train} itself shows the newest session.)
     */
    public URI sessionsUri() {
        return uri().resolve(SESSIONS_PATH.substring(1));
    }

    /**
     * The overview page of one training session.
     *
     * @param sessionId the session id given to the {@code StatsListener}; URL-safe characters only
     */
    public URI sessionUri(String sessionId) {
        return uri().resolve("train/" + sessionId + "/overview");
    }

    /**
     * Shows the sessions of a statistics storage on the dashboard, including sessions that are still
     * being written to it. Attaching the same storage twice has no effect.
     *
     * @param storage a storage that training listeners write to, or one read back from a file
     */
    public void attach(StatsStorage storage) {
        if (storage == null) {
            throw new IllegalArgumentException("storage must not be null");
        }
        ensureOpen();
        QueueStatsStorageListener listener = new QueueStatsStorageListener(events);
        if (attached.putIfAbsent(storage, listener) != null) {
            return;
        }
        storage.registerStatsStorageListener(listener);
        for (UIModule module : modules) {
            module.onAttach(storage);
        }
        sessions.addAll(storage);
    }

    /**
     * Removes a storage's sessions from the dashboard; the storage itself stays open.
     *
     * @param storage a storage previously given to {@link #attach}; others are ignored
     */
    public void detach(StatsStorage storage) {
        StatsStorageListener listener = attached.remove(storage);
        if (listener == null) {
            return;
        }
        storage.deregisterStatsStorageListener(listener);
        sessions.removeAll(storage);
        for (UIModule module : modules) {
            module.onDetach(storage);
        }
        for (String sessionId : storage.listSessionIDs()) {
            I18NProvider.removeInstance(sessionId);
        }
    }

    /** The storages currently shown. */
    public List<StatsStorage> storages() {
        return List.copyOf(attached.keySet());
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Stops the server and detaches every storage (it does not close them). Idempotent. */
    @Override
    public void close() {
        synchronized (LOCK) {
            if (VertxUIServer.getInstance() == registration && !closed.get()) {
                // Clears DL4J's JVM-wide instance; it calls registration.stop(), which shuts this down.
                try {
                    VertxUIServer.stopInstance();
                } catch (Exception e) {
                    shutdown();
                }
            }
            shutdown();
        }
    }

    private void shutdown() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            for (StatsStorage storage : List.copyOf(attached.keySet())) {
                try {
                    detach(storage);
                } catch (RuntimeException e) {
                    // A storage closed before the dashboard cannot list its sessions any more; the
                    // server must stop all the same.
                    attached.remove(storage);
                }
            }
        } finally {
            eventRouter.interrupt();
            closeQuietly(vertx);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the dashboard at " + uri() + " is closed");
        }
    }

    /** Hands statistics events to the modules that asked for their type, in batches. */
    private void routeEvents() {
        try {
            while (!closed.get()) {
                List<StatsStorageEvent> batch = new ArrayList<>();
                batch.add(events.take());
                events.drainTo(batch);
                for (UIModule module : modules) {
                    List<String> types = module.getCallbackTypeIDs();
                    List<StatsStorageEvent> wanted = new ArrayList<>();
                    for (StatsStorageEvent event : batch) {
                        if (types.contains(event.getTypeID()) && attached.containsKey(event.getStatsStorage())) {
                            wanted.add(event);
                        }
                    }
                    if (!wanted.isEmpty()) {
                        module.reportStorageEvents(wanted);
                    }
                }
                // After the train module has taken them in, so that a redirect never names a session
                // it does not know yet (it would answer 404).
                for (StatsStorageEvent event : batch) {
                    if (event.getEventType() == StatsStorageListener.EventType.PostStaticInfo
                            && StatsListener.TYPE_ID.equals(event.getTypeID())
                            && attached.containsKey(event.getStatsStorage())) {
                        sessions.add(event.getSessionID(), event.getStatsStorage());
                    }
                }
                Thread.sleep(EVENT_BATCH_MILLIS);
            }
        } catch (InterruptedException e) {
            // close() interrupts this thread to end it.
        }
    }

    /**
     * Redirects to one tab of the newest session, or before any session is attached answers a page
     * that says so and reloads itself.
     */
    private static void showNewest(RoutingContext rc, Sessions sessions, String tab) {
        List<SessionTime> newestFirst = sessions.newestFirst();
        if (newestFirst.isEmpty()) {
            htmlPage(rc, sessionsPage(newestFirst, true));
            return;
        }
        // Temporary and not to be cached: which session is the newest changes as training goes on.
        rc.response()
                .setStatusCode(302)
                .putHeader("location", sessionPath(newestFirst.get(0).id(), tab))
                .putHeader("cache-control", "no-store")
                .end();
    }

    private static void listSessions(RoutingContext rc, Sessions sessions) {
        List<SessionTime> newestFirst = sessions.newestFirst();
        htmlPage(rc, sessionsPage(newestFirst, newestFirst.isEmpty()));
    }

    private static void htmlPage(RoutingContext rc, String html) {
        rc.response()
                .putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(html);
    }

    /** The session list: each session linked to its overview, newest first. */
    private static String sessionsPage(List<SessionTime> newestFirst, boolean reload) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n");
        if (reload) {
            html.append("<meta http-equiv=\"refresh\" content=\"").append(WAITING_RELOAD_SECONDS).append("\">\n");
        }
        html.append("<title>Training sessions - DL4J Training UI</title>\n</head>\n<body>\n")
                .append("<h1>DL4J Training UI</h1>\n");
        if (newestFirst.isEmpty()) {
            html.append("<p>No training session is attached yet. This page reloads every ")
                    .append(WAITING_RELOAD_SECONDS).append(" seconds until one is.</p>\n");
        } else {
            html.append("<p>Training sessions, newest first; <a href=\"/train\">/train</a> shows the first.</p>\n")
                    .append("<ul>\n");
            for (SessionTime session : newestFirst) {
                String id = escapeHtml(session.id());
                html.append("<li><a href=\"").append(escapeHtml(sessionPath(session.id(), "overview")))
                        .append("\">").append(id).append("</a>");
                if (session.lastMillis() != Long.MIN_VALUE) {
                    html.append(", latest statistics ").append(Instant.ofEpochMilli(session.lastMillis()));
                }
                html.append("</li>\n");
            }
            html.append("</ul>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    /** {@code /train/<session>/<tab>}, with characters that may not stand in a path percent-encoded. */
    private static String sessionPath(String sessionId, String tab) {
        try {
            return new URI(null, null, "/train/" + sessionId + "/" + tab, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("session id cannot form a path, was '" + sessionId + "'", e);
        }
    }

    private static String escapeHtml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static void serveAsset(RoutingContext rc) {
        String path = rc.normalisedPath().substring(ASSETS_PREFIX.length());
        if (path.contains("..") || path.contains("\\")) {
            rc.response().setStatusCode(404).end();
            return;
        }
        int webjars = path.indexOf("webjars/");
        String resource = webjars >= 0 ? WEBJARS + path.substring(webjars) : UI_ASSETS + path;
        byte[] bytes;
        try (InputStream in = Dashboard.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                rc.response().setStatusCode(404).end();
                return;
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            rc.response().setStatusCode(500).end();
            return;
        }
        rc.response().putHeader("content-type", contentType(resource)).end(Buffer.buffer(bytes));
    }

    static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String extension = lower.substring(lower.lastIndexOf('.') + 1);
        return switch (extension) {
            case "js" -> "application/javascript";
            case "css" -> "text/css";
            case "html", "htm" -> "text/html; charset=utf-8";
            case "json", "map" -> "application/json";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "jpg", "jpeg" -> "image/jpeg";
            case "svg" -> "image/svg+xml";
            case "ico" -> "image/x-icon";
            case "woff" -> "font/woff";
            case "woff2" -> "font/woff2";
            case "ttf" -> "font/ttf";
            case "eot" -> "application/vnd.ms-fontobject";
            case "otf" -> "font/otf";
            default -> "application/octet-stream";
        };
    }

    /** The names of a route's path parameters, in order: {@code /train/:sessionId/x/:id} gives both. */
    static List<String> parameterNames(String route) {
        List<String> names = new ArrayList<>();
        for (String segment : route.split("/")) {
            if (segment.startsWith(":")) {
                names.add(segment.substring(1));
            }
        }
        return names;
    }

    static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        if (t instanceof java.net.BindException || (message != null && message.contains("in use"))) {
            return "the address is already in use";
        }
        return message == null ? t.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(Vertx vertx) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.close(result -> done.complete(null));
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Shutting down anyway; the event loop threads are daemons.
        }
    }

    /**
     * A session and the time of its latest statistics.
     *
     * @param id         the session id
     * @param lastMillis the time stamp of its latest update, or without one of its static information,
     *                   in milliseconds since the epoch; {@link Long#MIN_VALUE} when its storage cannot
     *                   be read (for example, it was closed)
     */
    private record SessionTime(String id, long lastMillis) {
    }

    /**
     * The sessions the train module shows, each with the storage holding it: a copy of the module's own
     * (private) record, kept by the same rules and updated after the module is.
     */
    private static final class Sessions {
        private static final Comparator<SessionTime> NEWEST_FIRST =
                Comparator.comparingLong(SessionTime::lastMillis).reversed().thenComparing(SessionTime::id);
        private final Map<String, StatsStorage> byId = new ConcurrentHashMap<>();

        /** A storage's sessions, as the train module takes them when the storage is attached. */
        void addAll(StatsStorage storage) {
            for (String id : storage.listSessionIDs()) {
                if (storage.listTypeIDsForSession(id).contains(StatsListener.TYPE_ID)) {
                    byId.put(id, storage);
                }
            }
        }

        /** A session that appeared in an attached storage; the train module keeps the first storage. */
        void add(String id, StatsStorage storage) {
            byId.putIfAbsent(id, storage);
        }

        void removeAll(StatsStorage storage) {
            byId.values().removeIf(s -> s == storage);
        }

        List<SessionTime> newestFirst() {
            List<SessionTime> times = new ArrayList<>();
            byId.forEach((id, storage) -> times.add(new SessionTime(id, lastMillis(storage, id))));
            times.sort(NEWEST_FIRST);
            return times;
        }

        private static long lastMillis(StatsStorage storage, String id) {
            try {
                long last = Long.MIN_VALUE;
                for (Persistable update : storage.getLatestUpdateAllWorkers(id, StatsListener.TYPE_ID)) {
                    last = Math.max(last, update.getTimeStamp());
                }
                if (last == Long.MIN_VALUE) {
                    for (Persistable info : storage.getAllStaticInfos(id, StatsListener.TYPE_ID)) {
                        last = Math.max(last, info.getTimeStamp());
                    }
                }
                return last;
            } catch (RuntimeException e) {
                // A storage closed while still attached: its sessions sort last rather than fail the page.
                return Long.MIN_VALUE;
            }
        }
    }

    /**
     * Stands in for DL4J's server in its JVM-wide {@code VertxUIServer.getInstance()}, which the train
     * module consults; it never starts a server of its own.
     */
    private static final class Registration extends VertxUIServer {
        private volatile Dashboard dashboard;
        private volatile boolean released;

        @Override
        public boolean isMultiSession() {
            return true;
        }

        @Override
        public boolean isStopped() {
            return released || (dashboard != null && dashboard.isClosed());
        }

        @Override
        public String getAddress() {
            Dashboard d = dashboard;
            return d == null ? "(starting)" : d.uri().toString().replaceAll("/$", "");
        }

        @Override
        public int getPort() {
            Dashboard d = dashboard;
            return d == null ? -1 : d.port();
        }

        @Override
        public Function<String, Boolean> getStatsStorageLoader() {
            return null;
        }

        @Override
        public void attach(StatsStorage statsStorage) {
            dashboard.attach(statsStorage);
        }

        @Override
        public void detach(StatsStorage statsStorage) {
            dashboard.detach(statsStorage);
        }

        @Override
        public boolean isAttached(StatsStorage statsStorage) {
            return dashboard != null && dashboard.attached.containsKey(statsStorage);
        }

        @Override
        public List<StatsStorage> getStatsStorageInstances() {
            return dashboard == null ? List.of() : dashboard.storages();
        }

        @Override
        public void stop() {
            Dashboard d = dashboard;
            if (d != null) {
                d.shutdown();
            }
        }

        @Override
        public void stopAsync(io.vertx.core.Promise<Void> stopCallback) {
            stop();
            stopCallback.complete();
        }

        /** Marks a registration whose server never started as stopped, so a later start may proceed. */
        void release() {
            released = true;
        }

        @Override
        public void enableRemoteListener() {
            throw new UnsupportedOperationException("this dashboard does not accept remote statistics");
        }

        @Override
        public void enableRemoteListener(org.deeplearning4j.core.storage.StatsStorageRouter router, boolean attach) {
            throw new UnsupportedOperationException("this dashboard does not accept remote statistics");
        }

        @Override
        public void disableRemoteListener() {
            // Never enabled.
        }

        @Override
        public boolean isRemoteListenerEnabled() {
            return false;
        }
    }
}
