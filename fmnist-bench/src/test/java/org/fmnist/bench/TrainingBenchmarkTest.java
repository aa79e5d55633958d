package org.fmnist.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fmnist.models.NetworkBuilder;
import org.fmnist.models.Preset;
import org.junit.jupiter.api.Test;

/** The benchmark's counts; its speed is what it measures, never asserted here. */
class TrainingBenchmarkTest {

    /** conv 1->32 on 26x26 outputs, conv 32->64 on 24x24, dense 9216->128, output 128->10; 3x3 kernels. */
    @Test
    void countsTheBaselinesMultiplyAddsTwice() {
        long expected = 2L * (26 * 26 * 32 * 9 + 24 * 24 * 64 * 32 * 9 + 9216 * 128 + 128 * 10);
        assertEquals(expected,
                TrainingBenchmark.forwardFlop(NetworkBuilder.configuration(Preset.of("baseline").spec())));
    }

    /** Batch norm and dropout add no multiply-adds that the count includes. */
    @Test
    void regularizedCountsTheSameAsBaseline() {
        assertEquals(TrainingBenchmark.forwardFlop(NetworkBuilder.configuration(Preset.of("baseline").spec())),
                TrainingBenchmark.forwardFlop(NetworkBuilder.configuration(Preset.of("regularized").spec())));
    }
}
