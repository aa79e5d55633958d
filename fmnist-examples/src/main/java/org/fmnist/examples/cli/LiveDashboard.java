package org.fmnist.examples.cli;

import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.fmnist.examples.training.StopSignal;
import org.fmnist.examples.ui.Dashboard;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard of a {@code train --ui} or {@code compare --ui} run: one session per trained model,
 * its statistics streamed live and saved to {@value #STATS_FILE} in the model's output directory.
 */
final class LiveDashboard implements AutoCloseable {

    /** File name of a run's saved dashboard statistics. */
    static final String STATS_FILE = "stats.dl4j";
    /** DL4J statistics every this many iterations; every iteration costs more than it shows. */
    static final int REPORT_EVERY = 10;

    private final Dashboard dashboard;
    private final PrintStream err;
    private final List<FileStatsStorage> storages = new ArrayList<>();

    private LiveDashboard(Dashboard dashboard, PrintStream err) {
        this.dashboard = dashboard;
        this.err = err;
    }

    /**
     * Starts the dashboard if {@code --ui} was given, else returns null. A second Ctrl-C closes its statistics
     * files before the JVM ends (MapDB writes them in place).
     */
    static LiveDashboard startIfAsked(Options.Ui ui, PrintStream err, StopSignal stop) {
        if (!ui.enabled) {
            return null;
        }
        LiveDashboard dashboard = new LiveDashboard(ui.start(), err);
        stop.beforeQuit(dashboard::closeStorages);
        return dashboard;
    }

    /**
     * A listener streaming one model's training to the dashboard as its own session.
     *
     * @param runDir the model's output directory, where the statistics file goes
     * @param label  the model's name, the start of the session id
     */
    StatsListener listen(Path runDir, String label) throws IOException {
        Files.createDirectories(runDir);
        FileStatsStorage storage = new FileStatsStorage(runDir.resolve(STATS_FILE).toFile());
        synchronized (storages) {
            storages.add(storage);
        }
        dashboard.attach(storage);
        String session = label + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        err.println("dashboard: " + dashboard.sessionUri(session));
        return new StatsListener(storage, REPORT_EVERY, session);
    }

    /** Keeps serving until Ctrl-C, unless a stop was already requested. */
    void holdUntilStopped(StopSignal stop) throws InterruptedException {
        if (stop.isRequested()) {
            return;
        }
        stop.setFirstPressMessage("dashboard stopped");
        err.println("training finished; the dashboard stays up at " + dashboard.sessionsUri() + " (Ctrl-C to stop)");
        stop.await();
    }

    @Override
    public void close() {
        dashboard.close();
        closeStorages();
    }

    /** Closes the statistics files opened so far; each once. */
    private void closeStorages() {
        synchronized (storages) {
            for (FileStatsStorage storage : storages) {
                storage.close();
            }
            storages.clear();
        }
    }
}
