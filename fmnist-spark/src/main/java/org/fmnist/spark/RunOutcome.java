package org.fmnist.spark;

import java.io.Serializable;

/**
 * What an executor reports back about one run.
 *
 * @param index       the run's place in the study's list of tasks
 * @param label       the run, for messages: {@code dropout, seed 2}
 * @param failure     why the run failed for a reason of its own (its settings, an unwritable directory), or null
 *                    when it finished
 * @param trained     whether the task trained (part of) the run, rather than finding it finished
 * @param wallSeconds seconds the task took
 * @param host        the executor's host
 * @param threads     ND4J's threads in the task
 */
public record RunOutcome(int index, String label, String failure, boolean trained, double wallSeconds, String host,
                         int threads) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Whether the run finished. */
    public boolean finished() {
        return failure == null;
    }
}
