package org.fmnist.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.fmnist.data.ImageSet;
import org.fmnist.models.DenormalFlush;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.NativeRuntime;
import org.fmnist.models.NetworkBuilder;
import org.fmnist.models.NetworkSpec;
import org.fmnist.models.Preset;
import org.fmnist.models.layers.NativeLayers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Training and inference throughput of the project's CNNs, and this machine's float32 matrix-multiply rate, in one
 * JVM.
 *
 * <p>Its libtorch peer ({@link LibtorchBenchmark}) and the PyTorch reference ({@code bench/pytorch_reference.py})
 * time their networks the same way ({@link StepTiming}): one fixed batch of the first training images
 * ({@link FixedBatch}), untimed steps while the JVM compiles the step's Java code, then the mean over the timed
 * calls of {@link MultiLayerNetwork#fit(org.nd4j.linalg.dataset.api.DataSet)}; inference the same with
 * {@link MultiLayerNetwork#output(INDArray, boolean)} in inference mode. It prints one line per figure,
 * {@code name value} or {@code name preset value}:
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

    @Mixin
    private StepTiming timing;

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
        System.exit(StepTiming.execute(new TrainingBenchmark(), args));
    }

    @Override
    public Integer call() throws IOException {
        if (!layers.equals("native") && !layers.equals("standard")) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--layers must be native or standard, was " + layers);
        }
        List<Preset> chosen = timing.presets();
        var env = Nd4j.getExecutioner().getEnvironmentInformation();
        System.out.printf(Locale.ROOT,
                "backend %s natives=%s threads=%s layers=%s javacpp.maxPhysicalBytes=%d malloc=%s%n",
                env.getProperty("backend"), nativeBuild(), Nd4j.getEnvironment().maxThreads(), layers,
                NativeRuntime.maxPhysicalBytes(), NativeRuntime.mallocSetting());

        int images = Math.max(timing.batch(), timing.inferenceBatch());
        FixedBatch fixed = synthetic ? FixedBatch.synthetic(images) : FixedBatch.firstTrainingImages(images);
        for (Preset preset : chosen) {
            MultiLayerNetwork net = network(preset.spec());
            System.out.printf(Locale.ROOT, "parameters %s %d%n", preset.id(), net.numParams());
            DataSet trainBatch = new DataSet(features(fixed, timing.batch()), oneHot(fixed, timing.batch()));
            INDArray inferenceInput = features(fixed, timing.inferenceBatch());
            Timed train = timeTraining(net, trainBatch);
            // fit() and output() return when their work is done: ND4J's CPU backend executes ops synchronously.
            double inference = timing.inferenceImagesPerSecond(() -> net.output(inferenceInput, false));
            if (timing.breakdown() > 0) {
                StepBreakdown.print(preset.id(), net, trainBatch, timing.breakdown());
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
        Runnable step = () -> net.fit(data);
        timing.warmUpTraining(step);
        long faults = NativeRuntime.minorPageFaults();
        double imagesPerSecond = timing.trainingImagesPerSecond(step);
        long perStep = faults < 0 ? -1
                : Math.round((double) (NativeRuntime.minorPageFaults() - faults) / timing.steps());
        return new Timed(imagesPerSecond, perStep);
    }

    /** Multiply-adds x 2 of the convolution and fully connected layers, forward pass, one image. */
    static long forwardFlop(MultiLayerConfiguration conf) {
        List<InputType> outputs = conf.getLayerActivationTypes(
                InputType.convolutional(NetworkSpec.IMAGE_SIZE, NetworkSpec.IMAGE_SIZE, 1));
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

    /** The first {@code n} images as [n, 1, 28, 28]. */
    private static INDArray features(FixedBatch fixed, int n) {
        return Nd4j.create(fixed.pixels(n), new long[] {n, 1, ImageSet.ROWS, ImageSet.COLS}, 'c');
    }

    /** The labels of the first {@code n} images, one-hot. */
    private static INDArray oneHot(FixedBatch fixed, int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, NetworkSpec.CLASSES);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, fixed.labels()[i], 1.0);
        }
        return y;
    }
}
