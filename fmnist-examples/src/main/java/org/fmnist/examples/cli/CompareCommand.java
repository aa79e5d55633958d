package org.fmnist.examples.cli;

import org.fmnist.data.FashionMnist;
import org.fmnist.examples.study.StudyPlan;
import org.fmnist.examples.study.StudyReport;
import org.fmnist.examples.study.StudyResults;
import org.fmnist.examples.study.StudyRunner;
import org.fmnist.examples.training.Progress;
import org.fmnist.examples.training.StopSignal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code fmnist compare}: a study, every variant with the same seeds and budget, and its report with the
 * statistics over seeds.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The study: trains each variant of --study with each of --seeds on one --budget, one run "
                + "after the other, then writes study.json, report.md, report.html (self-contained) and the plots to "
                + "--out, and each run's files to --out/VARIANT/seed-SEED. A re-run with the same --out trains only "
                + "what is missing: finished runs are kept, an interrupted one continues from its checkpoint.",
                "Budgets: quick (2 seeds, 5 epochs on 1,000 training images, validated on 1,000 and tested on 2,000: "
                        + "a quick look), default (3 seeds, 10 epochs on 10,000 training images, validated on all "
                        + "5,000, tested on all 10,000), full (5 seeds, all 55,000 training images, each variant "
                        + "its preset's epochs)."})
final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    FmnistCommand root;

    @Mixin
    StudyOptions options;

    @Mixin
    Options.Ui ui;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Train N runs at a time on this machine, each in its own thread with its share of the "
                    + "cores (the ./fmnist launcher sets OMP_NUM_THREADS to cores/N unless it is set); default: "
                    + "${DEFAULT-VALUE}, one run after the other with every core.")
    int parallel;

    @Option(names = "--spark", paramLabel = "MASTER_URL",
            description = "Run the study on a Spark cluster (spark://HOST:7077, yarn, k8s://..., local[N]), one task "
                    + "per run: the ./fmnist launcher hands the command to fmnist-spark's application.")
    String spark;

    @Override
    public Integer call() throws Exception {
        Options.require(spark == null, "--spark runs through fmnist-spark's application: start it with the ./fmnist "
                + "launcher (./fmnist compare --spark " + spark + " ...) or spark-submit (see fmnist-spark's README)");
        StudyPlan plan = options.plan();
        Options.require(parallel >= 1, "--parallel must be at least 1, was " + parallel);
        ui.check();
        Path dir = options.outputDirectory();
        FashionMnist fashion = options.loadData();

        StopSignal stop = StopSignal.onInterrupt(root.err);
        try (LiveDashboard dashboard = LiveDashboard.startIfAsked(ui, root.err, stop)) {
            StudyRunner runner = new StudyRunner(fashion, dir, Progress.standardError(), stop, (run, runDir) -> {
                try {
                    return dashboard == null ? null : dashboard.listen(runDir, run.variant().id() + "-seed-" + run.seed());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (parallel > 1) {
                String threads = System.getenv("OMP_NUM_THREADS");
                root.err.println(threads != null
                        ? "compare: " + parallel + " runs at a time, OMP_NUM_THREADS=" + threads + " each"
                        : "compare: " + parallel + " runs at a time; OMP_NUM_THREADS is not set, so each uses every "
                                + "core: set it to the cores divided by " + parallel + " (the ./fmnist launcher does)");
            }
            List<StudyRunner.FinishedRun> runs = runner.run(plan, parallel);
            if (runs.isEmpty()) {
                root.err.println("continue with: ./fmnist " + commandLine()
                        + (options.outGiven() ? "" : " --out " + dir));
                return StopSignal.EXIT_INTERRUPTED;
            }
            StudyReport report = StudyReport.writeStudy(plan, runs, dir, fashion, "./fmnist " + commandLine());
            root.out.println(report.summaryText());
            root.out.println("report: " + dir.resolve(StudyReport.MARKDOWN) + " and " + dir.resolve(StudyReport.HTML)
                    + "; results: " + dir.resolve(StudyResults.FILE));
            if (dashboard != null) {
                dashboard.holdUntilStopped(stop);
            }
            return 0;
        }
    }

    private String commandLine() {
        return String.join(" ", root.spec.commandLine().getParseResult().originalArgs());
    }
}
