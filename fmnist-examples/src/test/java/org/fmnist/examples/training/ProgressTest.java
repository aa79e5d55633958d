package org.fmnist.examples.training;

import org.fmnist.examples.report.EpochMetrics;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {

    private static final EpochMetrics EPOCH = new EpochMetrics(2, 0.25, 0.9, 0.5, 0.85, 65, 70, 846.2);

    @Test
    void withoutATerminalOnlyEpochLinesArePrinted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        p.startEpoch("dropout", 2, 10, 1000);
        p.batch(500, 0.3, 0.88, 800);
        p.endEpoch(EPOCH, "best so far");
        assertEquals("dropout epoch 2/10  train loss 0.2500 acc 90.00% | validation loss 0.5000 acc 85.00% | "
                + "846 img/s, 1:05  best so far" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onATerminalTheBarRedrawsInPlaceAndIsClearedByTheSummary() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        p.startEpoch("baseline", 1, 3, 1000);
        p.batch(1000, 0.3, 0.875, 500);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\rbaseline epoch 1/3 [========================] 100%  loss 0.3000  acc 87.50%  500 img/s  eta 0:00"), text);
        assertFalse(text.contains("\n"), "the bar stays on one line");
        p.endEpoch(EPOCH, "");
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("\r" + " ".repeat(text.length() - 1) + "\r"),
                "the bar is blanked before the summary line");
    }

    @Test
    void clockReadsMinutesAndHours() {
        assertEquals("0:59", Progress.clock(59.4));
        assertEquals("1:00:05", Progress.clock(3605));
        assertEquals("  -  ", Progress.percent(Double.NaN));
    }

    @Test
    void stopSignalCountsRequestsAndReleasesWaiters() throws InterruptedException {
        StopSignal stop = new StopSignal();
        assertFalse(stop.isRequested());
        assertEquals(1, stop.request());
        stop.await();
        assertTrue(stop.isRequested());
        assertEquals(2, stop.request());
    }
}
