package org.fmnist.examples.cli;

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
        try (LiveDashboard dashboard = LiveDashboard.startIfAsked(ui(true), new PrintStream(err, true, StandardCharsets.UTF_8))) {
            dashboard.listen(variant, "dropout");
        }
        assertTrue(Files.isRegularFile(variant.resolve(LiveDashboard.STATS_FILE)));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.matches("dashboard: http://127\\.0\\.0\\.1:\\d+/train/dropout-\\d{8}-\\d{6}/overview\\R"), printed);
    }

    @Test
    void withoutUiThereIsNoDashboard() {
        assertNull(LiveDashboard.startIfAsked(ui(false), System.err));
    }
}
