package org.fmnist.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.TaskContext;
import org.fmnist.data.FashionMnist;
import org.fmnist.examples.cli.StudyOptions;
import org.fmnist.examples.cli.UserException;
import org.fmnist.examples.study.Budget;
import org.fmnist.examples.study.StudyPlan;
import org.fmnist.examples.study.StudyRunner;
import org.fmnist.examples.training.Progress;
import org.fmnist.examples.training.StopSignal;
import org.fmnist.models.NativeRuntime;
import org.fmnist.models.Preset;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One (variant, seed) run of a study as a Spark task: a few strings that travel to an executor, which rebuilds the
 * run from them and trains it with {@link StudyRunner#run(StudyPlan.PlannedRun)} into the study's directory, as a
 * local study does. A task that runs again after its executor died continues from the run's last checkpoint.
 *
 * @param index          the task's place in the study's list of tasks
 * @param variant        the variant's preset id
 * @param seed           the run's seed
 * @param budget         the budget's id
 * @param epochs         the plan's epochs, 0 for the budget's
 * @param studyDirectory the study's directory, absolute, on a file system every executor can write
 * @param dataDirectory  where the executor finds the dataset, or null for its usual places
 */
public record RunTask(int index, String variant, long seed, String budget, int epochs, String studyDirectory,
                      String dataDirectory) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The dataset, loaded once per executor JVM (tasks of one executor share it), with the directory it came from. */
    private static volatile Loaded loaded;

    private record Loaded(String directory, FashionMnist data) {
    }

    /** Validates the fields. */
    public RunTask {
        Objects.requireNonNull(variant, "variant must not be null");
        Objects.requireNonNull(budget, "budget must not be null");
        Objects.requireNonNull(studyDirectory, "studyDirectory must not be null");
        if (!Path.of(studyDirectory).isAbsolute()) {
            throw new IllegalArgumentException("studyDirectory must be absolute, was " + studyDirectory);
        }
    }

    /**
     * The tasks of a study: one per run that is not finished, in the plan's order.
     *
     * @param plan      the study
     * @param directory the study's directory
     * @param dataDir   the dataset's directory on every executor, or null for its usual places
     * @return the tasks, indexed from 0
     */
    public static List<RunTask> of(StudyPlan plan, Path directory, Path dataDir) {
        List<RunTask> tasks = new ArrayList<>();
        for (StudyPlan.PlannedRun run : StudyRunner.unfinished(plan, directory)) {
            tasks.add(new RunTask(tasks.size(), run.variant().id(), run.seed(), run.budget().id(), plan.epochs(),
                    directory.toAbsolutePath().normalize().toString(),
                    dataDir == null ? null : dataDir.toAbsolutePath().normalize().toString()));
        }
        return tasks;
    }

    /** The run this task stands for, as the driver's plan has it. */
    public StudyPlan.PlannedRun plannedRun() {
        StudyPlan plan = new StudyPlan(variant, List.of(Preset.of(variant)), List.of(seed), Budget.of(budget), epochs);
        return plan.runs().get(0);
    }

    /** For messages: {@code dropout, seed 2}. */
    public String label() {
        return variant + ", seed " + seed;
    }

    /**
     * Trains the run on this executor. A failure of the run's own (its settings, its directory) comes back as the
     * outcome's {@link RunOutcome#failure()}, so that the study fails with that message instead of Spark retrying
     * it; anything else (the executor running out of memory, a lost file system) is thrown, and Spark retries the
     * task.
     *
     * @return what happened
     */
    public RunOutcome run() {
        long start = System.nanoTime();
        String host = host();
        int threads = threads();
        try {
            StudyRunner runner = new StudyRunner(data(), Path.of(studyDirectory), new Progress(System.err, false),
                    new StopSignal(), (run, directory) -> null);
            StudyRunner.FinishedRun finished = runner.run(plannedRun());
            if (finished == null) {
                throw new IllegalStateException(label() + " stopped before it finished");
            }
            return new RunOutcome(index, label(), null, finished.trained(), seconds(start), host, threads);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | UserException e) {
            return new RunOutcome(index, label(), e.getMessage() == null ? e.toString() : e.getMessage(), false,
                    seconds(start), host, threads);
        }
    }

    /**
     * ND4J's threads for this task: the cores Spark gave it ({@code spark.task.cpus}), so that the tasks an
     * executor runs at the same time do not compete for cores. The executor's OpenMP threads come from
     * {@code OMP_NUM_THREADS}, which {@link SparkStudy} sets for every executor.
     */
    private static int threads() {
        TaskContext context = TaskContext.get();
        int cpus = context == null ? Runtime.getRuntime().availableProcessors() : context.cpus();
        NativeRuntime.configureForTraining();
        if (Nd4j.getEnvironment().maxThreads() != cpus) {
            Nd4j.getEnvironment().setMaxThreads(cpus);
            Nd4j.getEnvironment().setMaxMasterThreads(cpus);
        }
        return Nd4j.getEnvironment().maxThreads();
    }

    private FashionMnist data() {
        Loaded current = loaded;
        if (current == null || !Objects.equals(current.directory(), dataDirectory)) {
            synchronized (RunTask.class) {
                current = loaded;
                if (current == null || !Objects.equals(current.directory(), dataDirectory)) {
                    current = new Loaded(dataDirectory,
                            StudyOptions.load(dataDirectory == null ? null : Path.of(dataDirectory)));
                    loaded = current;
                }
            }
        }
        return current.data();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
