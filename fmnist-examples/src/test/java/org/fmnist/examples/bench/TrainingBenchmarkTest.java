package org.fmnist.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fmnist.models.NetworkBuilder;
import org.fmnist.models.Preset;
import org.junit.jupiter.api.Test;

/** The benchmark's counts; its speed is what it measures, never asserted here. */
class TrainingBenchmarkTest {

    /** conv 1->32 on 26x26 outputs, conv 32->64 on 24x24, dense 9216->128, output 128->10; 3x3 kernels. */
    @Test
    void countsTheBaselinesMultiplyAddsTwice() {
        long expected = 2L * (26 * 26 * 32 * 9 + 24 * 24 * 64 * 32 * 9 + 9216 * 128 + 128 * 10);
        assertEquals(23_984_896L, expected);
        assertEquals(expected, TrainingBenchmark.forwardFlop(NetworkBuilder.configuration(Preset.of("baseline").spec())));
    }

    /** Batch norm and dropout add no multiply-adds that the count includes. */
    @Test
    void regularizedCountsTheSameAsBaseline() {
        assertEquals(TrainingBenchmark.forwardFlop(NetworkBuilder.configuration(Preset.of("baseline").spec())),
                TrainingBenchmark.forwardFlop(NetworkBuilder.configuration(Preset.of("regularized").spec())));
    }

    /** Writing 16 MiB of memory the process never touched faults its 4,096 pages in. */
    @Test
    void countsThePageFaultsOfFreshMemory() throws Exception {
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")) && Files.isReadable(thp), "Linux /proc and /sys");
        assumeFalse(Files.readString(thp).contains("[always]"), "huge pages fault per 2 MiB");
        long before = TrainingBenchmark.minorPageFaults();
        ByteBuffer block = ByteBuffer.allocateDirect(16 << 20); // zeroed by the JVM: every page written
        long faults = TrainingBenchmark.minorPageFaults() - before;
        assertEquals(16 << 20, block.capacity());
        assertTrue(faults >= 4096 * 9 / 10 && faults < 4096 * 3, "minor faults for 4,096 fresh pages: " + faults);
    }
}
