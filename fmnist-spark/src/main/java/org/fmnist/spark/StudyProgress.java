package org.fmnist.spark;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;
import org.fmnist.examples.study.StudyReport;

/**
 * The driver's progress lines: one as each run's task ends on an executor, with the runs done and the time left
 * at the rate so far, and one for each attempt Spark has to repeat (an executor lost, say).
 */
final class StudyProgress extends SparkListener {

    private final List<RunTask> tasks;
    private final PrintStream err;
    private final long start = System.nanoTime();
    private int done;

    StudyProgress(List<RunTask> tasks, PrintStream err) {
        this.tasks = List.copyOf(tasks);
        this.err = err;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        TaskInfo info = end.taskInfo();
        if (info == null || info.index() < 0 || info.index() >= tasks.size()) {
            return;
        }
        String label = tasks.get(info.index()).label();
        String where = info.host() + " (executor " + info.executorId() + ")";
        if (end.reason() == Success$.MODULE$) {
            done++;
            double elapsed = (System.nanoTime() - start) / 1e9;
            String left = done == tasks.size() ? "" : ", about " + StudyReport.duration(elapsed / done
                    * (tasks.size() - done)) + " left";
            err.printf(Locale.ROOT, "[%d/%d] %s: finished on %s in %s; %s elapsed%s%n", done, tasks.size(), label,
                    where, StudyReport.duration(info.duration() / 1e3), StudyReport.duration(elapsed), left);
        } else {
            String reason = end.reason().toString().lines().findFirst().orElse("");
            err.printf(Locale.ROOT, "%s: attempt %d on %s ended: %s; Spark runs it again%n", label,
                    info.attemptNumber() + 1, where, reason);
        }
    }

    /** Prints the study's last progress line. */
    synchronized void finished() {
        err.printf(Locale.ROOT, "fmnist-spark: %d runs finished in %s%n", done,
                StudyReport.duration((System.nanoTime() - start) / 1e9));
    }
}
