package org.fmnist.augment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Throughput of each augmentation and of the default pipeline on 28x28 images, on the calling
 * thread only. A benchmark, not a test: run it pinned to one core,
 * {@code taskset -c 0 java -cp ... org.fmnist.augment.AugmentBenchmark [images] [rounds]}.
 * Prints the median of the timed rounds after warm-up rounds.
 */
public final class AugmentBenchmark {

    private AugmentBenchmark() {
    }

    /**
     * @param args optional: images per round (default 20000), timed rounds (default 7)
     */
    public static void main(String[] args) {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        ImageShape shape = ImageShape.FASHION_MNIST;
        float[] src = Images.random(new ImageShape(images, 28, 28), ValueRange.UNIT, Images.SEED);
        float[] dst = new float[src.length];

        System.out.printf("augmentation throughput, 28x28, one thread, %d images x %d rounds (median)%n",
                images, rounds);
        String[] specs = {"rotate=10", "shift=2", "scale=0.9:1.1", "hflip=0.5", "noise=0.05",
            "saltpepper=0.02", Pipeline.DEFAULT_SPEC};
        for (String spec : specs) {
            BatchAugmenter augmenter = BatchAugmenter.of(Pipeline.parse(spec));
            double rate = median(rounds, () -> {
                long t0 = System.nanoTime();
                augmenter.augment(src, dst, images, shape, new SplittableRandom(Images.SEED));
                return images / ((System.nanoTime() - t0) / 1e9);
            });
            System.out.printf("  %-50s %,10.0f images/s%n", spec, rate);
        }

        // The batch form as training uses it: [64, 1, 28, 28] arrays in and out.
        int batch = 64;
        List<INDArray> batches = new ArrayList<>();
        for (int i = 0; i + batch <= images; i += batch) {
            batches.add(Nd4j.create(Arrays.copyOfRange(src, i * 784, (i + batch) * 784),
                    new long[] {batch, 1, 28, 28}, 'c'));
        }
        // "none" measures the array copies alone.
        for (Pipeline pipeline : new Pipeline[] {Pipeline.EMPTY, Pipeline.defaults()}) {
            BatchAugmenter augmenter = BatchAugmenter.of(pipeline);
            double rate = median(rounds, () -> {
                SplittableRandom rng = new SplittableRandom(Images.SEED);
                long t0 = System.nanoTime();
                for (INDArray b : batches) {
                    augmenter.augment(b, rng.split());
                }
                return batches.size() * batch / ((System.nanoTime() - t0) / 1e9);
            });
            String name = (pipeline.steps().isEmpty() ? "none" : "default") + ", INDArray [64,1,28,28]";
            System.out.printf("  %-50s %,10.0f images/s%n", name, rate);
        }
    }

    private interface Round {
        double run();
    }

    private static double median(int rounds, Round round) {
        for (int i = 0; i < 3; i++) {
            round.run();
        }
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            rates[i] = round.run();
        }
        Arrays.sort(rates);
        return rates[rounds / 2];
    }
}
