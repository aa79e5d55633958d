package org.fmnist.examples.ui;

import java.util.List;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.ui.VertxUIServer;
import org.nd4j.common.function.Function;

/**
 * Stands in for DL4J's server in its JVM-wide {@code VertxUIServer.getInstance()}, which the train
 * module consults; it never starts a server of its own.
 */
final class ServerRegistration extends VertxUIServer {
    /** The dashboard answered for, set once it listens. */
    volatile Dashboard dashboard;
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
        return dashboard != null && dashboard.isAttached(statsStorage);
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
    public void enableRemoteListener(StatsStorageRouter router, boolean attach) {
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
