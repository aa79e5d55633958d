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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.NetworkSpec;
import org.fmnist.models.Preset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Training and inference throughput of the presets' libtorch twins ({@link LibtorchTwin}), timed by the rule
 * {@link TrainingBenchmark} times the fmnist networks with ({@link StepTiming}, on the same {@link FixedBatch});
 * inference in inference mode. A training step is what a
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

    @Mixin
    private StepTiming timing;

    @Option(names = "--threads", defaultValue = "0",
            description = "libtorch's intra-op threads; 0 = the machine's cores (default: ${DEFAULT-VALUE}).")
    private int threads;

    /**
     * Runs the benchmark.
     *
     * @param args the options; {@code --help} lists them
     */
    public static void main(String[] args) {
        System.exit(StepTiming.execute(new LibtorchBenchmark(), args));
    }

    @Override
    public Integer call() throws Exception {
        List<Preset> chosen = timing.presets();
        int intraOp = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        // Read by DJL's PyTorch engine when it loads libtorch: set before the first use.
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOp));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine("PyTorch");
        System.out.printf(Locale.ROOT, "libtorch version=%s djl=%s threads=%d interop_threads=%d%n",
                engine.getVersion(), Engine.getDjlVersion(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads());

        FixedBatch fixed = FixedBatch.firstTrainingImages(Math.max(timing.batch(), timing.inferenceBatch()));
        for (Preset preset : chosen) {
            time(preset.spec(), fixed);
        }
        return 0;
    }

    private void time(ModelSpec spec, FixedBatch fixed) throws Exception {
        int batch = timing.batch();
        int inferenceBatch = timing.inferenceBatch();
        long[] labels = new long[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = fixed.labels()[i];
        }
        try (Model model = Model.newInstance(spec.name(), "PyTorch")) {
            model.setBlock(LibtorchTwin.network(spec));
            try (Trainer trainer = model.newTrainer(LibtorchTwin.trainingConfig(spec))) {
                NDManager manager = trainer.getManager();
                trainer.initialize(new Shape(batch, 1, NetworkSpec.IMAGE_SIZE, NetworkSpec.IMAGE_SIZE));
                System.out.printf(Locale.ROOT, "parameters %s %d%n", spec.name(),
                        LibtorchTwin.parameters(model.getBlock()));
                float[] trainPixels = fixed.pixels(batch);
                float[] inferencePixels = fixed.pixels(inferenceBatch);
                Shape trainShape = new Shape(batch, 1, NetworkSpec.IMAGE_SIZE, NetworkSpec.IMAGE_SIZE);
                Shape inferenceShape = new Shape(inferenceBatch, 1, NetworkSpec.IMAGE_SIZE, NetworkSpec.IMAGE_SIZE);
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
                timing.warmUpTraining(trainStep);
                double train = timing.trainingImagesPerSecond(trainStep);
                double inference = timing.inferenceImagesPerSecond(inferenceStep);
                System.out.printf(Locale.ROOT, "libtorch_train_images_per_second %s %.1f%n", spec.name(), train);
                System.out.printf(Locale.ROOT, "libtorch_inference_images_per_second %s %.1f%n", spec.name(),
                        inference);
                if (timing.breakdown() > 0) {
                    printBreakdown(spec.name(), trainStep, timing.breakdown());
                }
            }
        }
    }

    private static void printBreakdown(String preset, Runnable trainStep, int breakdown) throws java.io.IOException {
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
}
