package org.fmnist.examples.cli;

import org.fmnist.augment.Pipeline;
import org.fmnist.data.FashionMnist;
import org.fmnist.examples.ui.Dashboard;
import org.fmnist.models.ModelSpec;
import org.fmnist.models.Preset;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Option groups shared by several subcommands, mixed in with picocli's {@code @Mixin}. */
final class Options {

    private Options() {
    }

    /** {@code --data-dir}: where the dataset is. */
    static final class Data {
        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Directory holding the four Fashion-MNIST IDX files (gzipped or not). "
                        + "Default: $FMNIST_HOME, the download cache, then /usr/share/datasets/fashion-mnist; "
                        + "downloaded into the cache if none has it.")
        Path dataDir;

        FashionMnist load() {
            return StudyOptions.load(dataDir);
        }
    }

    /** {@code --epochs --batch --seed --train-subset}: the training budget. */
    static final class Budget {
        @Option(names = "--epochs", paramLabel = "N", description = "Epochs to train (default: the preset's).")
        Integer epochs;

        @Option(names = "--batch", paramLabel = "N", description = "Batch size (default: the preset's, 64).")
        Integer batch;

        @Option(names = "--seed", paramLabel = "N",
                description = "Seed of the run: weights, image order, augmentation (default: the preset's, 42).")
        Long seed;

        @Option(names = "--train-subset", paramLabel = "N",
                description = "Train on a class-balanced subset of N training images; 0 = all 55,000 "
                        + "(default: all for train; the budget's for compare).")
        Integer trainSubset;

        ModelSpec apply(ModelSpec spec, Integer defaultEpochs) {
            ModelSpec.Builder b = spec.toBuilder();
            Integer e = epochs != null ? epochs : defaultEpochs;
            if (e != null) {
                require(e >= 1, "--epochs must be at least 1, was " + e);
                b.optEpochs(e);
            }
            if (batch != null) {
                require(batch >= 1, "--batch must be at least 1, was " + batch);
                b.optBatchSize(batch);
            }
            if (seed != null) {
                b.optSeed(seed);
            }
            return build(b);
        }

        int trainSubset(int defaultSubset) {
            int n = trainSubset != null ? trainSubset : defaultSubset;
            require(n >= 0, "--train-subset must be at least 0 (0 = all), was " + n);
            return n;
        }
    }

    /** {@code --ui --ui-port --ui-host}: the training dashboard. */
    static final class Ui {
        @Option(names = "--ui", description = "Serve DL4J's training dashboard while training, and save its "
                + "statistics to stats.dl4j in the output directory for 'fmnist ui'.")
        boolean enabled;

        @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "" + Dashboard.DEFAULT_PORT,
                description = "Dashboard port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--ui-host", paramLabel = "ADDRESS", defaultValue = Dashboard.DEFAULT_HOST,
                description = "Address the dashboard listens on (default: ${DEFAULT-VALUE}, this machine only). "
                        + "It has no authentication: 0.0.0.0 shows your training to everyone who can reach you.")
        String host;

        /** Checks the values before any work starts, so that a typo fails at once. */
        void check() {
            if (enabled) {
                require(port >= 0 && port <= 65535, "--ui-port must be in [0, 65535], was " + port);
                require(!host.isBlank(), "--ui-host must be an address, was '" + host + "'");
            }
        }

        Dashboard start() {
            try {
                return Dashboard.start(host, port);
            } catch (IllegalArgumentException e) {
                throw new UserException("--ui-port/--ui-host: " + e.getMessage(), e);
            } catch (java.io.UncheckedIOException e) {
                throw new UserException(e.getMessage() + " (choose another --ui-port)", e);
            }
        }
    }

    /** The preset named by an option, or a one-line error naming the option. */
    static Preset preset(String option, String id) {
        try {
            return Preset.of(id);
        } catch (IllegalArgumentException e) {
            throw new UserException(option + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code --augment}'s text; {@code none} is the empty pipeline. */
    static Pipeline augmentation(String spec) {
        try {
            return Pipeline.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new UserException("--augment: " + e.getMessage(), e);
        }
    }

    static ModelSpec build(ModelSpec.Builder builder) {
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new UserException(message);
        }
    }

    /**
     * The output directory to use: the one given, or {@code runs/<name>-<time>}; created and checked
     * writable now, so that a bad {@code --out} fails before any training.
     */
    static Path outputDirectory(Path given, String name) {
        Path dir = given != null ? given
                : Path.of("runs", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (FileSystemException e) {
            String reason = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new UserException("cannot write to --out " + dir + ": " + reason
                    + (e.getFile() != null && !e.getFile().equals(dir.toString()) ? " (" + e.getFile() + ")" : ""), e);
        } catch (IOException e) {
            throw new UserException("cannot write to --out " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }
}
