package org.fmnist.examples.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.fmnist.augment.Perturbation;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.FashionMnistIterator;
import org.fmnist.data.Split;
import org.fmnist.examples.evaluation.RobustnessCalibration;
import org.fmnist.examples.report.VariantResult;
import org.fmnist.examples.training.Checkpoint;
import org.fmnist.examples.training.Progress;
import org.fmnist.examples.training.StopSignal;
import org.fmnist.examples.training.TrainingRun;
import org.fmnist.models.Preset;
import org.fmnist.models.SavedModel;

/**
 * Runs a {@link StudyPlan} on this machine, one (variant, seed) run after the other, each in its own directory
 * ({@link StudyPlan.PlannedRun#directory}). A run whose directory holds its result is not trained again, and one
 * that was interrupted continues from its checkpoint: a study re-run with the same directory trains only what is
 * missing, so seeds or variants added later reuse the finished runs. Runs do not depend on each other.
 *
 * <p>Each finished run is also evaluated beyond its clean accuracy: under the {@link Perturbation#standard()}
 * perturbations of its test images and for calibration ({@link RobustnessCalibration}, in the run's directory). A
 * finished run without that file, from an earlier release, gets it on the next study run, without training.
 */
public final class StudyRunner {

    /** Images per inference batch of the robustness evaluation. */
    private static final int EVALUATION_BATCH = 500;

    private final FashionMnist data;
    private final Path directory;
    private final Progress progress;
    private final StopSignal stop;
    private final BiFunction<StudyPlan.PlannedRun, Path, TrainingListener> listeners;

    /**
     * @param data      the dataset
     * @param directory the study's directory
     * @param progress  where each run's progress and the study's progress lines go
     * @param stop      stops the study between batches; the current run keeps its last checkpoint
     * @param listeners a listener for each run (given the run and its directory), for example the dashboard's, or
     *                  a function that returns null for none
     */
    public StudyRunner(FashionMnist data, Path directory, Progress progress, StopSignal stop,
            BiFunction<StudyPlan.PlannedRun, Path, TrainingListener> listeners) {
        this.data = Objects.requireNonNull(data, "data must not be null");
        this.directory = Objects.requireNonNull(directory, "directory must not be null");
        this.progress = Objects.requireNonNull(progress, "progress must not be null");
        this.stop = Objects.requireNonNull(stop, "stop must not be null");
        this.listeners = Objects.requireNonNull(listeners, "listeners must not be null");
    }

    /**
     * A finished run.
     *
     * @param run        what was planned
     * @param result     its result
     * @param evaluation its delivered model's robustness and calibration on the run's test images
     * @param trained    whether this call trained it (or part of it), rather than finding it finished
     */
    public record FinishedRun(StudyPlan.PlannedRun run, VariantResult result, RobustnessCalibration evaluation,
                              boolean trained) {

        /** Wall-clock seconds the run took, evaluation after each epoch included. */
        public double wallSeconds() {
            return result.lastEpoch().elapsedSeconds();
        }
    }

    /**
     * Trains what is missing.
     *
     * @param plan the study
     * @return every run of the plan in its order, or an empty list when the stop signal ended the study early
     * @throws IOException if a file cannot be read or written, or a run directory holds a run of other settings
     */
    public List<FinishedRun> run(StudyPlan plan) throws IOException {
        List<StudyPlan.PlannedRun> runs = plan.runs();
        List<FinishedRun> finished = new ArrayList<>();
        Map<Preset, List<Double>> seconds = new HashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < runs.size(); i++) {
            StudyPlan.PlannedRun run = runs.get(i);
            Path runDirectory = run.directory(directory);
            boolean started = started(runDirectory);
            if (!Files.exists(runDirectory.resolve(TrainingRun.RESULT))) {
                progress.message(String.format(Locale.ROOT, "[%d/%d] %s%s; %s", i + 1, runs.size(), run.label(),
                        started ? " (continuing)" : "", eta(runs, i, finished, seconds, start)));
            }
            FinishedRun done = run(run, started);
            if (done == null) {
                return List.of();
            }
            finished.add(done);
            seconds.computeIfAbsent(run.variant(), v -> new ArrayList<>()).add(done.wallSeconds());
        }
        progress.message(String.format(Locale.ROOT, "study: %d runs finished, %s", runs.size(),
                StudyReport.duration((System.nanoTime() - start) / 1e9)));
        return finished;
    }

    /**
     * Trains what is missing, {@code parallel} runs at a time, each in a thread of its own. ND4J's threads are the
     * process's: give each run its share of the cores ({@code OMP_NUM_THREADS}, which the {@code ./fmnist} launcher
     * sets for {@code compare --parallel}). Progress lines have no bar, and one line says as each run finishes how
     * many are done and the time left at the rate so far. If a run fails, the others stop at their next batch
     * (keeping their checkpoints) and the failure is thrown.
     *
     * @param plan     the study
     * @param parallel runs at a time, at least 1; 1 is {@link #run(StudyPlan)}
     * @return every run of the plan in its order, or an empty list when the stop signal ended the study early
     * @throws IOException if a file cannot be read or written, or a run directory holds a run of other settings
     */
    public List<FinishedRun> run(StudyPlan plan, int parallel) throws IOException {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
        }
        if (parallel == 1) {
            return run(plan);
        }
        List<StudyPlan.PlannedRun> runs = plan.runs();
        StudyRunner concurrent = new StudyRunner(data, directory, progress.withoutBar(), stop, listeners);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, runs.size()), task -> {
            Thread thread = new Thread(task, "study-run");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        List<Future<FinishedRun>> futures = new ArrayList<>();
        for (StudyPlan.PlannedRun run : runs) {
            futures.add(pool.submit(() -> {
                FinishedRun finished = concurrent.run(run);
                if (finished != null) {
                    int n = done.incrementAndGet();
                    if (!finished.trained()) {
                        return finished;
                    }
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    progress.message(String.format(Locale.ROOT, "[%d/%d] %s finished; %s elapsed%s", n,
                            runs.size(), run.label(), StudyReport.duration(elapsed), n == runs.size() ? ""
                                    : ", about " + StudyReport.duration(elapsed / n * (runs.size() - n)) + " left"));
                }
                return finished;
            }));
        }
        pool.shutdown();
        List<FinishedRun> finished = new ArrayList<>();
        Throwable failure = null;
        for (Future<FinishedRun> future : futures) {
            try {
                finished.add(future.get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                    stop.request();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.request();
                throw new IOException("interrupted while waiting for the study's runs", e);
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        } else if (failure instanceof RuntimeException runtime) {
            throw runtime;
        } else if (failure instanceof Error error) {
            throw error;
        } else if (failure != null) {
            throw new IOException(failure);
        }
        if (finished.contains(null)) {
            return List.of();
        }
        progress.message(String.format(Locale.ROOT, "study: %d runs finished, %d at a time, %s", runs.size(),
                parallel, StudyReport.duration((System.nanoTime() - start) / 1e9)));
        return finished;
    }

    /**
     * Trains one run of a study, or continues it from its checkpoint, and evaluates it; a run found finished is
     * read, not trained. This is the unit of work another executor can take: runs do not depend on each other.
     *
     * @param run the run
     * @return the finished run, or null when the stop signal ended it early (its checkpoint is kept)
     * @throws IOException if a file cannot be read or written, or the run's directory holds a run of other settings
     */
    public FinishedRun run(StudyPlan.PlannedRun run) throws IOException {
        return run(run, started(run.directory(directory)));
    }

    /** Whether a run's directory holds a finished run or a checkpoint to continue from. */
    private static boolean started(Path runDirectory) {
        return Files.exists(runDirectory.resolve(TrainingRun.RESULT))
                || Files.exists(runDirectory.resolve(Checkpoint.FILE));
    }

    /**
     * The runs of a plan that {@link #run(StudyPlan)} would train or evaluate: those whose directory lacks the
     * result or the robustness and calibration file.
     *
     * @param plan      the study
     * @param directory the study's directory
     * @return the unfinished runs in the plan's order
     */
    public static List<StudyPlan.PlannedRun> unfinished(StudyPlan plan, Path directory) {
        return plan.runs().stream().filter(run -> {
            Path runDirectory = run.directory(directory);
            return !Files.exists(runDirectory.resolve(TrainingRun.RESULT))
                    || !Files.exists(runDirectory.resolve(RobustnessCalibration.FILE));
        }).toList();
    }

    private FinishedRun run(StudyPlan.PlannedRun run, boolean started) throws IOException {
        Path runDirectory = run.directory(directory);
        TrainingRun.Builder training = TrainingRun.builder(data, run.spec(), runDirectory)
                .optLabel(run.label())
                .optDescription(run.variant().description())
                .optTrainSubset(run.budget().trainImages())
                .optValidationSubset(run.budget().validationImages())
                .optTestSubset(run.budget().testImages())
                .optTrainSample(run.budget().trainSample())
                .optResume(started)
                .optProgress(progress)
                .optStopSignal(stop);
        TrainingListener listener = listeners.apply(run, runDirectory);
        if (listener != null) {
            training.optListener(listener);
        }
        TrainingRun.Outcome outcome = training.build().run();
        if (outcome.interrupted()) {
            return null;
        }
        return new FinishedRun(run, outcome.result(), evaluation(run, runDirectory), !outcome.resumedFinished());
    }

    /** The run's robustness and calibration: read from its directory, or measured on its model and written there. */
    private RobustnessCalibration evaluation(StudyPlan.PlannedRun run, Path runDirectory) throws IOException {
        Path file = runDirectory.resolve(RobustnessCalibration.FILE);
        if (Files.exists(file)) {
            return RobustnessCalibration.read(file);
        }
        FashionMnistIterator test = FashionMnistIterator.builder(data, Split.TEST)
                .optSubset(run.budget().testImages()).optBatchSize(EVALUATION_BATCH).build();
        RobustnessCalibration evaluation = RobustnessCalibration.evaluate(
                SavedModel.load(runDirectory.resolve(TrainingRun.MODEL)).network(), test, Perturbation.standard(),
                run.budget().perturbedImages());
        evaluation.write(file);
        progress.message(String.format(Locale.ROOT, "%s: calibration on %,d test images, %d perturbations of "
                + "%,d of them, in %s", run.label(), evaluation.calibration().images(),
                evaluation.perturbedAccuracy().size(), evaluation.images(),
                StudyReport.duration(evaluation.seconds())));
        return evaluation;
    }

    /**
     * "3 of 27 runs done, 4 min 02 s elapsed, about 41 min 10 s left": the time left from the runs finished so far, a variant's
     * own runs where it has some (variants differ several-fold in speed), else the mean over all finished runs.
     */
    private static String eta(List<StudyPlan.PlannedRun> runs, int next, List<FinishedRun> finished,
            Map<Preset, List<Double>> seconds, long start) {
        String done = String.format(Locale.ROOT, "%d of %d runs done, %s elapsed", next, runs.size(),
                StudyReport.duration((System.nanoTime() - start) / 1e9));
        if (finished.isEmpty()) {
            return done;
        }
        double overall = finished.stream().mapToDouble(FinishedRun::wallSeconds).average().orElse(0);
        double left = 0;
        for (int i = next; i < runs.size(); i++) {
            List<Double> own = seconds.get(runs.get(i).variant());
            left += own == null ? overall : own.stream().mapToDouble(Double::doubleValue).average().orElse(overall);
        }
        return done + ", about " + StudyReport.duration(left) + " left";
    }
}
