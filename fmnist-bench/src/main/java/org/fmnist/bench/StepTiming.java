package org.fmnist.bench;

import java.util.List;
import org.fmnist.models.Preset;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The timing rule every benchmark of this module follows, and its command-line options: one fixed batch
 * repeated, untimed steps for {@code --warmup-seconds} (at least {@code --warmup} of them) while the JVM compiles
 * the step's Java code, then the mean over {@code --steps} timed steps; inference the same with its own batch,
 * warm-up and count. The warm-up is measured in time because on a machine with two cores the JIT compiler's
 * threads take CPU from the first seconds of steps: steady-state speed, what a training run of thousands of steps
 * sees, starts after that. A picocli mixin: {@code @Mixin StepTiming timing}.
 */
public final class StepTiming {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--presets", split = ",", defaultValue = "baseline,regularized",
            description = "Presets to time, comma-separated (default: ${DEFAULT-VALUE}).")
    private List<String> presets;

    @Option(names = "--batch", defaultValue = "64", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--steps", defaultValue = "40", description = "Timed training steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--warmup", defaultValue = "5",
            description = "Untimed steps first, at least (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "8",
            description = "Untimed training steps first for this long, while the JVM compiles the step's Java code "
                    + "(default: ${DEFAULT-VALUE}).")
    private double warmupSeconds;

    @Option(names = "--inference-warmup-seconds", defaultValue = "3",
            description = "Untimed inference batches first for this long (default: ${DEFAULT-VALUE}).")
    private double inferenceWarmupSeconds;

    @Option(names = "--inference-batch", defaultValue = "256",
            description = "Inference batch size (default: ${DEFAULT-VALUE}).")
    private int inferenceBatch;

    @Option(names = "--inference-steps", defaultValue = "40",
            description = "Timed inference batches (default: ${DEFAULT-VALUE}).")
    private int inferenceSteps;

    @Option(names = "--breakdown", paramLabel = "STEPS", defaultValue = "0",
            description = "Also time this many more training steps piece by piece and print where a step goes "
                    + "(step_ms lines); 0 = off (default: ${DEFAULT-VALUE}).")
    private int breakdown;

    /**
     * The chosen presets, after checking every count and size.
     *
     * @throws CommandLine.ParameterException naming the option, if a batch or step count is below 1, the
     *                                        breakdown is negative or a preset is unknown
     */
    public List<Preset> presets() {
        int[] positive = {batch, steps, inferenceBatch, inferenceSteps};
        String[] names = {"--batch", "--steps", "--inference-batch", "--inference-steps"};
        for (int i = 0; i < positive.length; i++) {
            if (positive[i] < 1) {
                throw new CommandLine.ParameterException(command.commandLine(),
                        names[i] + " must be at least 1, was " + positive[i]);
            }
        }
        if (breakdown < 0 || warmup < 0 || !(warmupSeconds >= 0) || !(inferenceWarmupSeconds >= 0)) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "--breakdown, --warmup, --warmup-seconds and --inference-warmup-seconds must not be negative");
        }
        try {
            return presets.stream().map(Preset::of).toList();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), "--presets: " + e.getMessage());
        }
    }

    /** The training batch size. */
    public int batch() {
        return batch;
    }

    /** The number of timed training steps. */
    public int steps() {
        return steps;
    }

    /** The inference batch size. */
    public int inferenceBatch() {
        return inferenceBatch;
    }

    /** The number of steps of the breakdown; 0 for none. */
    public int breakdown() {
        return breakdown;
    }

    /** Runs training steps untimed, for the warm-up's time and at least its count. */
    public void warmUpTraining(Runnable step) {
        warmUp(step, warmupSeconds);
    }

    /** Runs the timed training steps; returns training images per second, the mean over them. */
    public double trainingImagesPerSecond(Runnable step) {
        return batch * perSecond(step, steps);
    }

    /** Warms up, then times inference batches; returns images per second, the mean over the timed ones. */
    public double inferenceImagesPerSecond(Runnable batchStep) {
        warmUp(batchStep, inferenceWarmupSeconds);
        return inferenceBatch * perSecond(batchStep, inferenceSteps);
    }

    private void warmUp(Runnable step, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; i < warmup || System.nanoTime() < end; i++) {
            step.run();
        }
    }

    /** Runs {@code step} {@code n} times; returns steps per second. */
    private static double perSecond(Runnable step, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            step.run();
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Runs a benchmark command: its exit code, with a failure as one line naming what went wrong (a missing
     * dataset, an unreadable file) instead of a stack trace.
     *
     * @param command a picocli command
     * @param args    its arguments
     */
    static int execute(Object command, String[] args) {
        CommandLine cli = new CommandLine(command);
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            failed.getErr().println(failed.getCommandSpec().name() + ": " + message.lines().findFirst().orElse(""));
            return 1;
        });
        return cli.execute(args);
    }
}
