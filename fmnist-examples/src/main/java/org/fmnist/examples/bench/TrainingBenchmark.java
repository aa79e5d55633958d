package org.fmnist.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.ImageSet;
import org.fmnist.models.DenormalFlush;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.NativeRuntime;
import org.fmnist.models.NetworkBuilder;
import org.fmnist.models.Preset;
import org.fmnist.models.layers.NativeLayers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training and inference throughput of the project's CNNs, and this machine's float32 matrix-multiply rate, in one
 * JVM.
 *
 * <p>Like its peers, the PyTorch reference ({@code bench/pytorch_reference.py}) and fmnist-bench's libtorch
 * twins, it repeats one fixed batch (the first training images, pixels / 255) so that only the network is timed:
 * training runs untimed steps for {@code --warmup-seconds} (at least {@code --warmup} of them), then
 * {@code --steps} timed calls of
 * {@link MultiLayerNetwork#fit(org.nd4j.linalg.dataset.api.DataSet)}; inference the same with
 * {@link MultiLayerNetwork#output(INDArray, boolean)} in inference mode. The warm-up is measured in time because
 * the JVM compiles the Java side of a step (DL4J's layer loop, workspaces, op construction) during the first
 * seconds, and on a machine with two cores its compiler threads take CPU from the timed steps: steady-state
 * speed, what a training run of thousands of steps sees, starts after that. It prints one line per
 * figure, {@code name value} or {@code name preset value}:
 * <pre>
 * backend CPU natives=linux-x86_64-onednn-avx2 threads=2 layers=native javacpp.maxPhysicalBytes=0 malloc=KEEP_FREED_MEMORY
 * parameters baseline 1199882
 * dl4j_train_images_per_second baseline 1234.5
 * minor_page_faults_per_training_step baseline 31
 * dl4j_inference_images_per_second baseline 5678.9
 * flop_per_training_image baseline 71954688
 * gemm_gflops_blas 210.5
 * gemm_gflops_onednn 330.7
 * gemm_gflops 330.7
 * peak_rss_mib 812
 * </pre>
 * Page faults (Linux only) are the process's minor faults during the timed training steps, per step: memory
 * the step's native buffers touch for the first time (see {@link NativeRuntime#keepFreedMemory()}).
 * FLOP per training image counts the multiply-adds of the convolutions and dense layers (2 FLOP each) of the
 * forward pass, times 3 for forward plus backward (input and weight gradients).
 */
@Command(name = "training-benchmark", mixinStandardHelpOptions = true,
        description = "Images per second of the fmnist CNNs (training and inference) and the float32 GEMM rate.")
public final class TrainingBenchmark implements Callable<Integer> {

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
            description = "Untimed inference batches first for this long, after the training warm-up has run the "
                    + "forward pass many times (default: ${DEFAULT-VALUE}).")
    private double inferenceWarmupSeconds;

    @Option(names = "--inference-batch", defaultValue = "256",
            description = "Inference batch size (default: ${DEFAULT-VALUE}).")
    private int inferenceBatch;

    @Option(names = "--inference-steps", defaultValue = "40",
            description = "Timed inference batches (default: ${DEFAULT-VALUE}).")
    private int inferenceSteps;

    @Option(names = "--layers", defaultValue = "native",
            description = "native: convolution, batch norm, activation and dropout on ND4J's native ops "
                    + "(org.fmnist.models.layers); standard: DL4J's own implementations (default: ${DEFAULT-VALUE}).")
    private String layers;

    @Option(names = "--gemm-size", defaultValue = "2048",
            description = "Side of the square float32 matrices timed for the GEMM rate; 0 skips it "
                    + "(default: ${DEFAULT-VALUE}).")
    private int gemmSize;

    @Option(names = "--breakdown", paramLabel = "STEPS", defaultValue = "0",
            description = "Also time each layer's forward and backward pass over this many training steps and "
                    + "print where a step goes (step_ms lines); 0 = off (default: ${DEFAULT-VALUE}).")
    private int breakdown;

    @Option(names = "--synthetic", description = "Uniform random images instead of the real training images.")
    private boolean synthetic;

    /**
     * Runs the benchmark.
     *
     * @param args the options; {@code --help} lists them
     */
    public static void main(String[] args) {
        NativeRuntime.configureForTraining(); // as every training program of the project: timed with it
        CommandLine cli = new CommandLine(new TrainingBenchmark());
        // One line naming what went wrong (a missing dataset, an unreadable file), not a stack trace.
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            failed.getErr().println(failed.getCommandSpec().name() + ": " + message.lines().findFirst().orElse(""));
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (!layers.equals("native") && !layers.equals("standard")) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--layers must be native or standard, was " + layers);
        }
        List<Preset> chosen = new ArrayList<>();
        for (String id : presets) {
            chosen.add(Preset.of(id));
        }
        var env = Nd4j.getExecutioner().getEnvironmentInformation();
        System.out.printf(Locale.ROOT,
                "backend %s natives=%s threads=%s layers=%s javacpp.maxPhysicalBytes=%d malloc=%s%n",
                env.getProperty("backend"), nativeBuild(), Nd4j.getEnvironment().maxThreads(), layers,
                NativeRuntime.maxPhysicalBytes(), NativeRuntime.mallocSetting());

        int images = Math.max(batch, inferenceBatch);
        ImageSet trainingSet = synthetic ? null : FashionMnist.load().train();
        float[] pixels = synthetic ? syntheticPixels(images) : realPixels(trainingSet, images);
        int[] labels = synthetic ? cyclicLabels(images) : realLabels(trainingSet, images);
        for (Preset preset : chosen) {
            MultiLayerNetwork net = network(preset.spec());
            System.out.printf(Locale.ROOT, "parameters %s %d%n", preset.id(), net.numParams());
            DataSet trainBatch = new DataSet(features(pixels, batch), oneHot(labels, batch));
            INDArray inferenceInput = features(pixels, inferenceBatch);
            Timed train = timeTraining(net, trainBatch);
            double inference = timeInference(net, inferenceInput);
            if (breakdown > 0) {
                StepBreakdown.print(preset.id(), net, trainBatch, breakdown);
            }
            System.out.printf(Locale.ROOT, "dl4j_train_images_per_second %s %.1f%n", preset.id(),
                    train.imagesPerSecond());
            if (train.minorPageFaultsPerStep() >= 0) {
                System.out.printf(Locale.ROOT, "minor_page_faults_per_training_step %s %d%n", preset.id(),
                        train.minorPageFaultsPerStep());
            }
            System.out.printf(Locale.ROOT, "dl4j_inference_images_per_second %s %.1f%n", preset.id(), inference);
            System.out.printf(Locale.ROOT, "flop_per_training_image %s %d%n", preset.id(),
                    3 * forwardFlop(net.getLayerWiseConfigurations()));
        }
        if (gemmSize > 0) {
            double blas = gemmGflops(gemmSize, Gemm.BLAS);
            double onednn = gemmGflops(gemmSize, Gemm.ONEDNN);
            System.out.printf(Locale.ROOT, "gemm_gflops_blas %.1f%n", blas);
            System.out.printf(Locale.ROOT, "gemm_gflops_onednn %.1f%n", onednn);
            System.out.printf(Locale.ROOT, "gemm_gflops %.1f%n", Math.max(blas, onednn));
        }
        System.out.printf(Locale.ROOT, "peak_rss_mib %d%n", peakRssMib());
        return 0;
    }

    private MultiLayerNetwork network(ModelSpec spec) {
        MultiLayerConfiguration built = NetworkBuilder.configuration(spec);
        MultiLayerConfiguration conf = layers.equals("native")
                ? NativeLayers.replaceIn(built) : NativeLayers.standardIn(built);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // As in every training run of the project: timed with its cost.
        net.addListeners(new DenormalFlush());
        return net;
    }

    /** Training speed, and minor page faults per step (-1 where the system does not count them). */
    record Timed(double imagesPerSecond, long minorPageFaultsPerStep) {
    }

    private Timed timeTraining(MultiLayerNetwork net, DataSet data) throws IOException {
        warmUp(() -> net.fit(data), warmupSeconds);
        long faults = NativeRuntime.minorPageFaults();
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            net.fit(data);
        }
        // fit() returns when the update is applied: ND4J's CPU backend executes ops synchronously.
        double imagesPerSecond = (double) steps * batch / ((System.nanoTime() - start) / 1e9);
        long perStep = faults < 0 ? -1 : Math.round((double) (NativeRuntime.minorPageFaults() - faults) / steps);
        return new Timed(imagesPerSecond, perStep);
    }

    private double timeInference(MultiLayerNetwork net, INDArray input) {
        warmUp(() -> net.output(input, false), inferenceWarmupSeconds);
        long start = System.nanoTime();
        for (int i = 0; i < inferenceSteps; i++) {
            net.output(input, false);
        }
        return (double) inferenceSteps * input.size(0) / ((System.nanoTime() - start) / 1e9);
    }

    /** Runs {@code step} for {@code seconds}, and at least {@link #warmup} times. */
    private void warmUp(Runnable step, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; i < warmup || System.nanoTime() < end; i++) {
            step.run();
        }
    }

    /** Multiply-adds x 2 of the convolution and fully connected layers, forward pass, one image. */
    static long forwardFlop(MultiLayerConfiguration conf) {
        List<InputType> outputs = conf.getLayerActivationTypes(
                InputType.convolutional(ModelSpec.IMAGE_SIZE, ModelSpec.IMAGE_SIZE, 1));
        long flop = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            if (layer instanceof ConvolutionLayer conv) {
                InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional) outputs.get(i);
                int[] k = conv.getKernelSize();
                flop += 2L * out.getHeight() * out.getWidth() * out.getChannels() * conv.getNIn() * k[0] * k[1];
            } else if (layer instanceof FeedForwardLayer ff && ff.getNIn() > 0 && ff.getNOut() > 0
                    && ff.initializer().numParams(conf.getConf(i)) > 0 && !(layer instanceof
                    org.deeplearning4j.nn.conf.layers.BatchNormalization)) {
                flop += 2L * ff.getNIn() * ff.getNOut();
            }
        }
        return flop;
    }

    /** The two float32 matrix multiplies ND4J's CPU backend has. */
    enum Gemm {
        /** {@code INDArray.mmul}: the BLAS library's sgemm (OpenBLAS in nd4j-native). */
        BLAS,
        /** The {@code matmul} op into a row-major array: oneDNN's sgemm on the {@code *-onednn-*} natives. */
        ONEDNN
    }

    /**
     * Median float32 GEMM rate of {@code n x n} by {@code n x n}, 5 timed of 7 runs. The machine's rate, the
     * roofline's denominator, is the faster of the two paths: on a CPU with AVX-512 oneDNN's is about 1.5 times
     * OpenBLAS's.
     */
    static double gemmGflops(int n, Gemm path) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {n, n}, 'c');
        double[] seconds = new double[7];
        for (int i = 0; i < seconds.length; i++) {
            long start = System.nanoTime();
            if (path == Gemm.BLAS) {
                a.mmuli(b, c);
            } else {
                Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(c).build());
            }
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        double[] timed = Arrays.copyOfRange(seconds, 2, seconds.length);
        Arrays.sort(timed);
        return 2.0 * n * n * n / timed[timed.length / 2] / 1e9;
    }

    /**
     * The build of ND4J's natives that JavaCPP loaded, named by the folder it came from (for example
     * {@code linux-x86_64-onednn-avx2}): with several nd4j-native classifiers on the class path this, not the
     * build configuration, says which one runs.
     */
    static String nativeBuild() {
        for (var library : org.bytedeco.javacpp.Loader.getLoadedLibraries().entrySet()) {
            if (library.getKey().contains("nd4j")) {
                Path path = Path.of(library.getValue());
                return path.getParent() == null ? path.toString() : path.getParent().getFileName().toString();
            }
        }
        return "unknown";
    }

    /** The process's peak resident set (VmHWM), or -1 where /proc is not there. */
    static long peakRssMib() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static float[] realPixels(ImageSet train, int images) {
        float[] pixels = new float[images * ImageSet.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (train.pixels()[i] & 0xFF) / 255f;
        }
        return pixels;
    }

    private static int[] realLabels(ImageSet train, int images) {
        int[] labels = new int[images];
        for (int i = 0; i < images; i++) {
            labels[i] = train.label(i);
        }
        return labels;
    }

    private static float[] syntheticPixels(int images) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(ModelSpec.DEFAULT_SEED);
        float[] pixels = new float[images * ImageSet.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) rng.nextDouble();
        }
        return pixels;
    }

    private static int[] cyclicLabels(int images) {
        int[] labels = new int[images];
        for (int i = 0; i < images; i++) {
            labels[i] = i % ModelSpec.CLASSES;
        }
        return labels;
    }

    /** The first {@code n} images as [n, 1, 28, 28]. */
    private static INDArray features(float[] pixels, int n) {
        return Nd4j.create(Arrays.copyOf(pixels, n * ImageSet.PIXELS),
                new long[] {n, 1, ImageSet.ROWS, ImageSet.COLS}, 'c');
    }

    private static INDArray oneHot(int[] labels, int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, ModelSpec.CLASSES);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, labels[i], 1.0);
        }
        return y;
    }
}
