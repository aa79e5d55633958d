package org.fmnist.spark;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.fmnist.data.FashionMnist;
import org.fmnist.examples.cli.Main;
import org.fmnist.examples.cli.StudyOptions;
import org.fmnist.examples.cli.UserException;
import org.fmnist.examples.study.StudyPlan;
import org.fmnist.examples.study.StudyReport;
import org.fmnist.examples.study.StudyResults;
import org.fmnist.examples.study.StudyRunner;
import org.fmnist.examples.training.Progress;
import org.fmnist.examples.training.StopSignal;
import org.fmnist.models.NativeRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The study as a Spark application: the options of {@code fmnist compare}, one Spark task per (variant, seed) run
 * that is not finished yet, each trained on an executor into {@code --out} (a directory every executor can
 * write), then {@code study.json} and the report, written by the driver exactly as the local study writes them.
 *
 * <p>Start it with {@code spark-submit --class org.fmnist.spark.SparkStudy fmnist-spark-VERSION-app.jar OPTIONS}
 * or {@code ./fmnist compare --spark MASTER_URL OPTIONS}. Each task gets {@code spark.task.cpus} cores (1 unless
 * set) and ND4J uses that many threads in it: the driver sets {@code spark.executorEnv.OMP_NUM_THREADS} to it
 * unless it is set. A task whose executor dies is retried by Spark ({@code spark.task.maxFailures}) and continues
 * from the run's last checkpoint; a run that fails for a reason of its own fails the study with its message.
 *
 * <p>Exit status: 0 success, 1 an error (one line on standard error), 2 a usage error.
 */
@Command(name = "fmnist-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The study on a Spark cluster: trains each variant of --study with each of --seeds on one "
                + "--budget, one Spark task per run that --out does not hold finished yet, then writes study.json, "
                + "report.md, report.html and the plots to --out, which every executor must be able to write "
                + "(a shared file system; on one machine, a local directory)."})
public final class SparkStudy implements Callable<Integer> {

    /** Exit status of an error. */
    static final int EXIT_ERROR = 1;
    /** Exit status of a usage error. */
    static final int EXIT_USAGE = 2;

    @Mixin
    StudyOptions options;

    @Option(names = "--verbose", description = "Stack traces with errors.")
    boolean verbose;

    private final PrintStream out;
    private final PrintStream err;
    private final SparkConf conf;
    private List<String> args = List.of();

    /**
     * @param out  where results go
     * @param err  where progress and errors go
     * @param conf the Spark configuration (from spark-submit's {@code --master} and {@code --conf}, or a test's)
     */
    SparkStudy(PrintStream out, PrintStream err, SparkConf conf) {
        this.out = out;
        this.err = err;
        this.conf = conf;
    }

    /**
     * Runs the study and exits with its status.
     *
     * @param args the options of {@code fmnist compare}
     */
    public static void main(String[] args) {
        NativeRuntime.configureForTraining(); // before the first ND4J array: see its javadoc
        System.setProperty("java.awt.headless", "true");
        System.exit(run(new SparkConf(), System.out, System.err, args));
    }

    /**
     * Runs the study in this JVM and returns its exit status.
     *
     * @param conf the Spark configuration; its master must be set
     * @param out  where results go
     * @param err  where progress and errors go
     * @param args the options
     * @return the exit status
     */
    static int run(SparkConf conf, PrintStream out, PrintStream err, String... args) {
        SparkStudy study = new SparkStudy(out, err, conf);
        study.args = List.of(args);
        CommandLine cli = new CommandLine(study);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, given) -> {
            err.println("fmnist-spark: " + e.getMessage() + " (see 'fmnist-spark --help')");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            err.println("fmnist-spark: " + Main.describe(e));
            if (study.verbose) {
                e.printStackTrace(err);
            }
            return EXIT_ERROR;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        StudyPlan plan = options.plan();
        Path dir = options.outputDirectory().toAbsolutePath().normalize();
        FashionMnist data = options.loadData();
        List<RunTask> tasks = RunTask.of(plan, dir, options.dataDir());
        if (!conf.contains("spark.master")) {
            throw new UserException("no Spark master: start fmnist-spark with spark-submit --master URL, or with "
                    + "./fmnist compare --spark URL");
        }
        int taskCpus = conf.getInt("spark.task.cpus", 1);
        conf.setIfMissing("spark.app.name", "fmnist: " + plan.title());
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", Integer.toString(taskCpus));
        err.printf(Locale.ROOT, "fmnist-spark: %d of %d runs to train on %s, %d core%s a run; study in %s%n",
                tasks.size(), plan.runs().size(), conf.get("spark.master"), taskCpus, taskCpus == 1 ? "" : "s", dir);

        if (!tasks.isEmpty()) {
            List<RunOutcome> outcomes = train(tasks);
            List<String> failures = new ArrayList<>();
            for (RunOutcome outcome : outcomes) {
                if (!outcome.finished()) {
                    failures.add(outcome.label() + ": " + outcome.failure());
                }
            }
            if (!failures.isEmpty()) {
                throw new UserException("run " + failures.get(0)
                        + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more failed runs)" : ""));
            }
        }
        // Every run is finished: the local runner reads them (nothing is trained) for the study's results.
        List<StudyRunner.FinishedRun> runs = new StudyRunner(data, dir, Progress.silent(), new StopSignal(),
                (run, runDirectory) -> null).run(plan);
        StudyReport report = StudyReport.writeStudy(plan, runs, dir, data,
                "fmnist-spark " + String.join(" ", args));
        out.println(report.summaryText());
        out.println("report: " + dir.resolve(StudyReport.MARKDOWN) + " and " + dir.resolve(StudyReport.HTML)
                + "; results: " + dir.resolve(StudyResults.FILE));
        return 0;
    }

    /** The tasks on the cluster, one partition each, with a line of progress as each ends. */
    private List<RunOutcome> train(List<RunTask> tasks) {
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            spark.setLogLevel("WARN");
            StudyProgress progress = new StudyProgress(tasks, err);
            spark.sc().addSparkListener(progress);
            List<RunOutcome> outcomes = spark.parallelize(tasks, tasks.size()).map(RunTask::run).collect();
            progress.finished();
            return outcomes;
        }
    }

}
