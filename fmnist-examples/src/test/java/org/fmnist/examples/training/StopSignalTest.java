package org.fmnist.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests, and what a second Ctrl-C runs before it ends the JVM. */
class StopSignalTest {

    @Test
    void requestsAreCounted() {
        StopSignal stop = new StopSignal();
        assertFalse(stop.isRequested());
        assertEquals(1, stop.request());
        assertEquals(2, stop.request());
        assertTrue(stop.isRequested());
    }

    @Test
    void beforeQuitActionsRunInOrderEvenAfterOneFails() {
        StopSignal stop = new StopSignal();
        List<String> ran = new ArrayList<>();
        stop.beforeQuit(() -> ran.add("close statistics"));
        stop.beforeQuit(() -> {
            ran.add("fails");
            throw new IllegalStateException("already closed");
        });
        stop.beforeQuit(() -> ran.add("close dashboard"));
        stop.runBeforeQuit();
        assertEquals(List.of("close statistics", "fails", "close dashboard"), ran);
        assertThrows(NullPointerException.class, () -> stop.beforeQuit(null));
    }
}
