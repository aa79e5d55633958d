package org.fmnist.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.ImageSet;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.Preset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training and inference throughput of the presets' libtorch twins ({@link LibtorchTwin}), timed exactly as
 * fmnist-examples' {@code TrainingBenchmark} times the fmnist networks: one fixed batch of the first training
 * images (pixels / 255) repeated; untimed steps for {@code --warmup-seconds} (at least {@code --warmup} of them),
 * then the mean over {@code --steps} timed steps; inference the same in inference mode. A training step is what a
 * DJL user's training loop does per batch, {@link EasyTrain#trainBatch} then {@link Trainer#step()}, in a
 * sub-manager that frees the step's arrays. It prints:
 * <pre>
 * libtorch version=2.7.1 djl=0.36.0 threads=2 interop_threads=1
 * parameters baseline 1199882
 * libtorch_train_images_per_second baseline 1234.5
 * libtorch_inference_images_per_second baseline 5678.9
 * </pre>
 * With {@code --breakdown N} it also runs N training steps under libtorch's own profiler and prints
 * {@code step_ms libtorch <preset> <operation> <ms per step>} for each top-level operation
 * ({@link ProfileSummary}) and {@code step_ms libtorch <preset> total step <ms>} for the steps' wall time.
 */
@Command(name = "libtorch-benchmark", mixinStandardHelpOptions = true,
        description = "Images per second of the fmnist presets' libtorch twins (DJL), training and inference.")
public final class LibtorchBenchmark implements Callable<Integer> {

    @Option(names = "--presets", split = ",", defaultValue = "baseline,regularized",
            description = "Presets whose twins to time, comma-separated (default: ${DEFAULT-VALUE}).")
    private List<String> presets;

    @Option(names = "--batch", defaultValue = "64", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--steps", defaultValue = "40", description = "Timed training steps (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--warmup", defaultValue = "5",
            description = "Untimed steps first, at least (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "8",
            description = "Untimed training steps first for this long (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--threads", defaultValue = "0",
            description = "libtorch's intra-op threads; 0 = the machine's cores (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--breakdown", paramLabel = "STEPS", defaultValue = "0",
            description = "Also run this many training steps under libtorch's profiler and print where a step goes "
                    + "(step_ms lines); 0 = off (default: ${DEFAULT-VALUE}).")
    private int breakdown;

    /**
     * Runs the benchmark.
     *
     * @param args the options; {@code --help} lists them
     */
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new LibtorchBenchmark());
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            failed.getErr().println(failed.getCommandSpec().name() + ": " + message.lines().findFirst().orElse(""));
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        for (String[] positive : new String[][] {{"--batch", "" + batch}, {"--steps", "" + steps},
                {"--inference-batch", "" + inferenceBatch}, {"--inference-steps", "" + inferenceSteps}}) {
            if (Integer.parseInt(positive[1]) < 1) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        positive[0] + " must be at least 1, was " + positive[1]);
            }
        }
        int intraOp = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        // Read by DJL's PyTorch engine when it loads libtorch: set before the first use.
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOp));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        List<Preset> chosen = presets.stream().map(Preset::of).toList();
        Engine engine = Engine.getEngine("PyTorch");
        System.out.printf(Locale.ROOT, "libtorch version=%s djl=%s threads=%d interop_threads=%d%n",
                engine.getVersion(), Engine.getDjlVersion(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads());

        ImageSet train = FashionMnist.load().train();
        int images = Math.max(batch, inferenceBatch);
        float[] pixels = new float[images * ImageSet.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (train.pixels()[i] & 0xFF) / 255f;
        }
        long[] labels = new long[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = train.label(i);
        }
        for (Preset preset : chosen) {
            time(preset.spec(), pixels, labels);
        }
        return 0;
    }

    private void time(ModelSpec spec, float[] pixels, long[] labels) throws Exception {
        try (Model model = Model.newInstance(spec.name(), "PyTorch")) {
            model.setBlock(LibtorchTwin.network(spec));
            try (Trainer trainer = model.newTrainer(LibtorchTwin.trainingConfig(spec))) {
                NDManager manager = trainer.getManager();
                trainer.initialize(new Shape(batch, 1, ModelSpec.IMAGE_SIZE, ModelSpec.IMAGE_SIZE));
                System.out.printf(Locale.ROOT, "parameters %s %d%n", spec.name(),
                        LibtorchTwin.parameters(model.getBlock()));
                float[] trainPixels = Arrays.copyOf(pixels, batch * ImageSet.PIXELS);
                float[] inferencePixels = Arrays.copyOf(pixels, inferenceBatch * ImageSet.PIXELS);
                Shape trainShape = new Shape(batch, 1, ModelSpec.IMAGE_SIZE, ModelSpec.IMAGE_SIZE);
                Shape inferenceShape = new Shape(inferenceBatch, 1, ModelSpec.IMAGE_SIZE, ModelSpec.IMAGE_SIZE);
                // Each step's arrays live in a sub-manager closed after the step, as a DJL training loop's
                // batches do; the batch is created in it from the Java arrays (a copy of 200 KB, about a
                // thousandth of a step).
                Runnable trainStep = () -> {
                    try (NDManager scope = manager.newSubManager()) {
                        NDList x = new NDList(scope.create(trainPixels, trainShape));
                        NDList y = new NDList(scope.create(labels));
                        EasyTrain.trainBatch(trainer,
                                new Batch(scope, x, y, batch, Batchifier.STACK, Batchifier.STACK, 0, 1));
                        trainer.step();
                    }
                };
                Runnable inferenceStep = () -> {
                    try (NDManager scope = manager.newSubManager()) {
                        trainer.evaluate(new NDList(scope.create(inferencePixels, inferenceShape)));
                    }
                };
                warmUp(trainStep, warmupSeconds);
                double train = timed(trainStep, steps) * batch;
                warmUp(inferenceStep, inferenceWarmupSeconds);
                double inference = timed(inferenceStep, inferenceSteps) * inferenceBatch;
                System.out.printf(Locale.ROOT, "libtorch_train_images_per_second %s %.1f%n", spec.name(), train);
                System.out.printf(Locale.ROOT, "libtorch_inference_images_per_second %s %.1f%n", spec.name(),
                        inference);
                if (breakdown > 0) {
                    printBreakdown(spec.name(), trainStep);
                }
            }
        }
    }

    private void printBreakdown(String preset, Runnable trainStep) throws java.io.IOException {
        Path trace = Files.createTempFile("libtorch-profile", ".json");
        try {
            JniUtils.startProfile(false, false, false);
            long start = System.nanoTime();
            for (int i = 0; i < breakdown; i++) {
                trainStep.run();
            }
            double stepMs = (System.nanoTime() - start) / 1e6 / breakdown;
            JniUtils.stopProfile(trace.toString());
            for (var op : ProfileSummary.topLevelMicros(trace).entrySet()) {
                System.out.printf(Locale.ROOT, "step_ms libtorch %s %s %.3f%n", preset,
                        op.getKey().replace(' ', '_'), op.getValue() / 1e3 / breakdown);
            }
            System.out.printf(Locale.ROOT, "step_ms libtorch %s total step %.3f%n", preset, stepMs);
        } finally {
            Files.deleteIfExists(trace);
        }
    }

    /** Runs {@code step} {@code n} times; returns steps per second. */
    private static double timed(Runnable step, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            step.run();
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Runs {@code step} for {@code seconds}, and at least {@link #warmup} times. */
    private void warmUp(Runnable step, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; i < warmup || System.nanoTime() < end; i++) {
            step.run();
        }
    }
}
