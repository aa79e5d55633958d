package org.fmnist.data.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fmnist.data.DatasetLocation;
import org.fmnist.data.DatasetLocator;
import org.fmnist.data.FashionMnist;
import org.fmnist.data.FashionMnistIterator;
import org.fmnist.data.Split;

/**
 * How fast the data module loads and serves Fashion-MNIST, next to plain {@code zcat} of the same files.
 * Run it with {@code bench/data} (pinned to one core). Prints medians of several warm repetitions.
 */
public final class DataBenchmark {

    private DataBenchmark() {
    }

    /** @param args optional: repetitions (default 7) */
    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        DatasetLocation location = DatasetLocator.builder().optDownloader(null).build().locate();
        System.out.println("dataset " + location.directory() + " (" + location.source() + ")");

        FashionMnist data = FashionMnist.load(location); // warm-up: JIT, page cache
        List<Double> load = new ArrayList<>();
        List<Double> zcat = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            data = FashionMnist.load(location);
            load.add((System.nanoTime() - t0) / 1e9);
            zcat.add(zcat(location.directory()));
        }
        double loadMedian = median(load);
        double zcatMedian = median(zcat);
        System.out.printf("load_seconds %.3f%n", loadMedian);
        System.out.printf("zcat_seconds %.3f%n", zcatMedian);
        System.out.printf("load_over_zcat %.2f%n", loadMedian / zcatMedian);

        FashionMnistIterator it = FashionMnistIterator.builder(data, Split.TRAIN).optBatchSize(64).optSeed(1).build();
        drain(it);
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            it.reset();
            long t0 = System.nanoTime();
            int images = drain(it);
            rates.add(images / ((System.nanoTime() - t0) / 1e9));
        }
        System.out.printf("iterator_images_per_second %.0f%n", median(rates));
    }

    private static int drain(FashionMnistIterator it) {
        int n = 0;
        while (it.hasNext()) {
            n += it.next().numExamples();
        }
        return n;
    }

    private static double zcat(Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of("zcat"));
        for (String name : new String[] {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
            command.add(dir.resolve(name).toString());
        }
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("zcat failed");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
