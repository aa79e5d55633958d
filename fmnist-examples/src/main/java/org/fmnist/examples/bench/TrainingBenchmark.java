package org.fmnist.examples.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 * <p>Like the PyTorch reference ({@code shared/bench/pytorch_reference.py}) it repeats one fixed batch (the first
 * training images, pixels / 255) so that only the network is timed. Timing starts in the steady state that a
 * training run of thousands of steps spends its time in: first, for {@code --warmup-seconds}, every preset trains
 * and infers untimed, taking turns in short slices, while the JVM compiles the Java side of a step (DL4J's layer
 * loop, workspaces, op construction). On a machine with two cores the compiler threads share the cores with the
 * step's OpenMP threads, so this takes tens of seconds: in three runs the first 100 baseline steps after 8 s of
 * warm-up took a mean 27.4, 36.6 and 35.0 ms, steps 2,000 to 2,100, a minute later, 26.8, 28.4 and 29.9 ms.
 * Then each of {@code --rounds} rounds times, per preset,
 * {@code --steps} calls of {@link MultiLayerNetwork#fit(org.nd4j.linalg.dataset.api.DataSet)} and
 * {@code --inference-steps} of {@link MultiLayerNetwork#output(INDArray, boolean)} in inference mode, each after
 * {@code --rewarm-seconds} of the same untimed, and the GEMM rate. With {@code --await-next-round} it waits for a
 * line on standard input between rounds, so that a script can run another program on the idle cores meanwhile
 * ({@code bench/vs-pytorch} runs PyTorch) and still time every round of both in the steady state. It prints one
 * line per figure, {@code round r name value} or {@code round r name preset value}, and the process's figures
 * last:
 * <pre>
 * backend CPU natives=linux-x86_64-onednn-avx2 threads=2 layers=native javacpp.maxPhysicalBytes=0 malloc=KEEP_FREED_MEMORY
 * warmup_seconds 30.0
 * round 1 dl4j_train_images_per_second baseline 1234.5
 * round 1 minor_page_faults_per_training_step baseline 31
 * round 1 dl4j_inference_images_per_second baseline 5678.9
 * round 1 flop_per_training_image baseline 71948544
 * round 1 gemm_gflops_blas 210.5
 * round 1 gemm_gflops_onednn 330.7
 * round 1 gemm_gflops 330.7
 * awaiting_next_round 1
 * round 2 ...
 * peak_rss_mib 812
 * </pre>
 * ({@code awaiting_next_round} only with {@code --await-next-round}; an end of input there ends the run after the
 * round.) Page faults (Linux only) are the process's minor faults during the timed training steps, per step:
 * memory the step's native buffers touch for the first time (see {@link NativeRuntime#keepFreedMemory()}).
 * FLOP per training image counts the multiply-adds of the convolutions and dense layers (2 FLOP each) of the
 * forward pass, times 3 for forward plus backward (input and weight gradients).
 */
@Command(name = "training-benchmark", mixinStandardHelpOptions = true,
        description = "Images per second of the fmnist CNNs (training and inference) and the float32 GEMM rate.")
public final class TrainingBenchmark implements Callable<Integer> {

    /** One turn of training in {@link #warmUp}. */
    private static final double TRAINING_SLICE_SECONDS = 1.0;
    /** One turn of inference in {@link #warmUp}: a forward pass, shorter than training's forward and backward. */
    private static final double INFERENCE_SLICE_SECONDS = 0.25;

    @Option(names = "--presets", split = ",", defaultValue = "baseline,regularized",
            description = "Presets to time, comma-separated (default: ${DEFAULT-VALUE}).")
    private List<String> presets;

    @Option(names = "--batch", defaultValue = "64", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--steps", defaultValue = "40",
            description = "Timed training steps per round and preset (default: ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--rounds", defaultValue = "1",
            description = "Rounds of measurements in this JVM, each timing every preset and the GEMM "
                    + "(default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--await-next-round",
            description = "Between rounds, print 'awaiting_next_round r' and wait for a line on standard input "
                    + "(an end of input ends the run).")
    private boolean awaitNextRound;

    @Option(names = "--warmup-seconds", defaultValue = "30",
            description = "Untimed training and inference of every preset first, in turns, for this long in all, "
                    + "while the JVM compiles the step's Java code (default: ${DEFAULT-VALUE}).")
    private double warmupSeconds;

    @Option(names = "--rewarm-seconds", defaultValue = "1",
            description = "Untimed steps of the same kind before each timed measurement (default: ${DEFAULT-VALUE}).")
    private double rewarmSeconds;

    @Option(names = "--warmup", defaultValue = "5",
            description = "Untimed steps before each timed measurement, at least (default: ${DEFAULT-VALUE}).")
    private int warmup;

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
        requirePositive("--rounds", rounds);
        requirePositive("--steps", steps);
        requirePositive("--inference-steps", inferenceSteps);
        List<Subject> subjects = subjects();
        var env = Nd4j.getExecutioner().getEnvironmentInformation();
        System.out.printf(Locale.ROOT,
                "backend %s natives=%s threads=%s layers=%s javacpp.maxPhysicalBytes=%d malloc=%s%n",
                env.getProperty("backend"), nativeBuild(), Nd4j.getEnvironment().maxThreads(), layers,
                NativeRuntime.maxPhysicalBytes(), NativeRuntime.mallocSetting());
        System.out.printf(Locale.ROOT, "warmup_seconds %.1f%n", warmUp(subjects));

        BufferedReader nextRound = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (int round = 1; round <= rounds; round++) {
            measureRound(round, subjects);
            if (round < rounds && awaitNextRound) {
                System.out.println("awaiting_next_round " + round);
                System.out.flush();
                if (nextRound.readLine() == null) {
                    break;
                }
            }
        }
        System.out.printf(Locale.ROOT, "peak_rss_mib %d%n", peakRssMib());
        return 0;
    }

    private void requirePositive(String option, int value) {
        if (value < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    option + " must be a positive integer, was " + value);
        }
    }

    /** A preset's network and the fixed batches it is timed on. */
    private record Subject(Preset preset, MultiLayerNetwork net, DataSet trainBatch, INDArray inferenceInput) {
    }

    private List<Subject> subjects() throws IOException {
        List<Preset> chosen = new ArrayList<>();
        for (String id : presets) {
            chosen.add(Preset.of(id));
        }
        int images = Math.max(batch, inferenceBatch);
        float[] pixels = synthetic ? syntheticPixels(images) : realPixels(images);
        int[] labels = synthetic ? cyclicLabels(images) : realLabels(images);
        List<Subject> subjects = new ArrayList<>();
        for (Preset preset : chosen) {
            subjects.add(new Subject(preset, network(preset.spec()),
                    new DataSet(features(pixels, batch), oneHot(labels, batch)), features(pixels, inferenceBatch)));
        }
        return subjects;
    }

    /**
     * Trains and infers every preset untimed, in turns of {@link #TRAINING_SLICE_SECONDS} and
     * {@link #INFERENCE_SLICE_SECONDS}, until {@link #warmupSeconds} have passed (and at least one turn each).
     * Taking turns lets the compiler see every preset's code paths before the first timed step, as a steady-state
     * run has. Returns the seconds it took.
     */
    private double warmUp(List<Subject> subjects) {
        long start = System.nanoTime();
        long end = start + (long) (warmupSeconds * 1e9);
        do {
            for (Subject s : subjects) {
                runFor(() -> s.net().fit(s.trainBatch()), TRAINING_SLICE_SECONDS, 1);
                runFor(() -> s.net().output(s.inferenceInput(), false), INFERENCE_SLICE_SECONDS, 1);
            }
        } while (System.nanoTime() < end);
        return (System.nanoTime() - start) / 1e9;
    }

    private void measureRound(int round, List<Subject> subjects) throws IOException {
        for (Subject s : subjects) {
            String id = s.preset().id();
            Timed train = timeTraining(s.net(), s.trainBatch());
            double inference = timeInference(s.net(), s.inferenceInput());
            System.out.printf(Locale.ROOT, "round %d dl4j_train_images_per_second %s %.1f%n", round, id,
                    train.imagesPerSecond());
            if (train.minorPageFaultsPerStep() >= 0) {
                System.out.printf(Locale.ROOT, "round %d minor_page_faults_per_training_step %s %d%n", round, id,
                        train.minorPageFaultsPerStep());
            }
            System.out.printf(Locale.ROOT, "round %d dl4j_inference_images_per_second %s %.1f%n", round, id,
                    inference);
            System.out.printf(Locale.ROOT, "round %d flop_per_training_image %s %d%n", round, id,
                    3 * forwardFlop(s.net().getLayerWiseConfigurations()));
        }
        if (gemmSize > 0) {
            double blas = gemmGflops(gemmSize, Gemm.BLAS);
            double onednn = gemmGflops(gemmSize, Gemm.ONEDNN);
            System.out.printf(Locale.ROOT, "round %d gemm_gflops_blas %.1f%n", round, blas);
            System.out.printf(Locale.ROOT, "round %d gemm_gflops_onednn %.1f%n", round, onednn);
            System.out.printf(Locale.ROOT, "round %d gemm_gflops %.1f%n", round, Math.max(blas, onednn));
        }
        System.out.flush();
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
        runFor(() -> net.fit(data), rewarmSeconds, warmup);
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
        runFor(() -> net.output(input, false), rewarmSeconds, warmup);
        long start = System.nanoTime();
        for (int i = 0; i < inferenceSteps; i++) {
            net.output(input, false);
        }
        return (double) inferenceSteps * input.size(0) / ((System.nanoTime() - start) / 1e9);
    }

    /** Runs {@code step} for {@code seconds}, and at least {@code times} times. */
    private static void runFor(Runnable step, double seconds, int times) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; i < times || System.nanoTime() < end; i++) {
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

    private static float[] realPixels(int images) throws IOException {
        ImageSet train = FashionMnist.load().train();
        float[] pixels = new float[images * ImageSet.PIXELS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (train.pixels()[i] & 0xFF) / 255f;
        }
        return pixels;
    }

    private static int[] realLabels(int images) throws IOException {
        ImageSet train = FashionMnist.load().train();
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
