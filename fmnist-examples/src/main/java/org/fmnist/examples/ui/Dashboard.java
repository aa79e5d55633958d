package org.fmnist.examples.ui;

import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageEvent;
import org.deeplearning4j.core.storage.StatsStorageListener;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.i18n.I18NProvider;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.impl.QueueStatsStorageListener;
import org.deeplearning4j.ui.module.defaultModule.DefaultModule;
import org.deeplearning4j.ui.module.train.TrainModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
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
 * <p>This class runs the server and feeds it statistics; what it answers at which address is in
 * {@code DashboardRoutes}, the sessions it knows in {@code SessionList}, and its stand-in for DL4J's server in
 * {@code ServerRegistration}.
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
    private final SessionList sessions;
    private final Thread eventRouter;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ServerRegistration registration;

    private Dashboard(String host, int port, Vertx vertx, HttpServer server, List<UIModule> modules,
                      SessionList sessions, ServerRegistration registration) {
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
        ServerRegistration registration = new ServerRegistration();
        List<UIModule> modules = List.of(new DefaultModule(true), new TrainModule());

        // The assets come from the class path: Vert.x unpacks those it serves from jars into a directory of
        // its own below the temporary directory (not the working directory) and deletes it when closed.
        VertxOptions options = new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(2)
                .setMaxEventLoopExecuteTime(10)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS)
                .setFileSystemOptions(new FileSystemOptions()
                        .setClassPathResolvingEnabled(true)
                        .setFileCachingEnabled(false)
                        .setFileCacheDir(System.getProperty("java.io.tmpdir")));
        Vertx vertx = Vertx.vertx(options);
        SessionList sessions = new SessionList();
        Router router = DashboardRoutes.create(vertx, modules, sessions);

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
        return uri().resolve(DashboardRoutes.SESSIONS_PATH.substring(1));
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

    /** Whether a storage is shown (attached and not detached since). */
    boolean isAttached(StatsStorage storage) {
        return attached.containsKey(storage);
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

    /** Stops the server and detaches every storage, once; also called by DL4J through the registration. */
    void shutdown() {
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
}
