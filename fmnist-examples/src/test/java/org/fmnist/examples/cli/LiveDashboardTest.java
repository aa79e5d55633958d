package org.fmnist.examples.cli;

import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.fmnist.examples.training.StopSignal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveDashboardTest {

    private static Options.Ui ui(boolean enabled) {
        Options.Ui ui = new Options.Ui();
        ui.enabled = enabled;
        ui.host = "127.0.0.1";
        ui.port = 0;
        return ui;
    }

    @Test
    void eachModelGetsASessionAndAStatisticsFileInItsNotYetCreatedDirectory(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path variant = dir.resolve("study/dropout");
        try (LiveDashboard dashboard = LiveDashboard.startIfAsked(ui(true), new PrintStream(err, true, StandardCharsets.UTF_8),
                new StopSignal())) {
            dashboard.listen(variant, "dropout");
        }
        assertTrue(Files.isRegularFile(variant.resolve(LiveDashboard.STATS_FILE)));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.matches("dashboard: http://127\\.0\\.0\\.1:\\d+/train/dropout-\\d{8}-\\d{6}/overview\\R"), printed);
    }

    @Test
    void withoutUiThereIsNoDashboard() {
        assertNull(LiveDashboard.startIfAsked(ui(false), System.err, new StopSignal()));
    }

    @Test
    void aSecondCtrlCClosesTheStatisticsFilesFirst(@TempDir Path dir) throws Exception {
        StopSignal stop = new StopSignal();
        Path run = dir.resolve("baseline");
        try (LiveDashboard dashboard = LiveDashboard.startIfAsked(ui(true), new PrintStream(new ByteArrayOutputStream()),
                stop)) {
            dashboard.listen(run, "baseline");
            stop.runBeforeQuit(); // what the second Ctrl-C does before it halts the JVM
            // Closed: the file opens again in this JVM, and closing the dashboard afterwards closes nothing twice.
            FileStatsStorage reopened = new FileStatsStorage(run.resolve(LiveDashboard.STATS_FILE).toFile());
            reopened.close();
        }
    }
}
