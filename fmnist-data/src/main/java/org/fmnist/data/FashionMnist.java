package org.fmnist.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fashion-MNIST in memory: 60,000 training and 10,000 test images of 28x28 unsigned bytes with labels 0-9.
 * Immutable once loaded; load it once and build as many iterators over it as needed.
 *
 * <p>The dataset is split once, here, into three disjoint parts ({@link Split}): a validation part held out of the
 * training file ({@value #DEFAULT_VALIDATION_SIZE} of the published 60,000 images, a deterministic, stratified
 * choice that does not depend on any run's seed), the rest of the training file, and the test file. Every
 * iterator built from the same instance serves the same parts, so training and validation images never overlap;
 * {@link #withValidationSize} gives a differently split view of the same images.
 *
 * <p>Every file's decompressed content is checked against the published SHA-256. Where they differ, a directory
 * the user named ({@link DatasetSource#userNamed()}) is accepted with a warning, so people can use their own IDX
 * files of the same shape; anywhere else it is an error.
 */
public final class FashionMnist {

    /**
     * Images held out of the published training file as the validation part, unless {@link #withValidationSize}
     * says otherwise. Other training files hold out one twelfth of their images, as the published one does,
     * rounded down.
     */
    public static final int DEFAULT_VALIDATION_SIZE = 5_000;
    private static final int VALIDATION_SHARE = 12;

    private static final Logger LOG = LoggerFactory.getLogger(FashionMnist.class);
    // Fixed so that the held-out validation images never depend on a run's seed.
    private static final long VALIDATION_SPLIT_SEED = 0x5EED_F00DL;

    private final ImageSet train;
    private final ImageSet test;
    private final DatasetLocation location;
    private final Map<DatasetFile, FileCheck> checks;
    private final int[] trainPart;
    private final int[] validationPart;
    private volatile ImageSet.PixelStatistics trainStatistics;

    private FashionMnist(ImageSet train, ImageSet test, DatasetLocation location, Map<DatasetFile, FileCheck> checks,
            int validationSize) {
        this.train = train;
        this.test = test;
        this.location = location;
        this.checks = checks;
        int[] all = range(train.size());
        this.validationPart = StratifiedSampling.choose(train.labels(), all, validationSize, VALIDATION_SPLIT_SEED);
        this.trainPart = StratifiedSampling.complement(train.size(), validationPart);
    }

    /**
     * Finds the dataset in the standard places (see {@link DatasetLocator}), downloading it if needed, and loads it.
     *
     * @throws DatasetException if it cannot be found, downloaded or read
     */
    public static FashionMnist load() throws DatasetException {
        return load(DatasetLocator.standard().locate());
    }

    /**
     * Loads the four files from a directory the user named.
     *
     * @param directory holds the four files, gzipped or not
     * @throws DatasetException naming the file and what is wrong
     */
    public static FashionMnist load(Path directory) throws DatasetException {
        return load(DatasetLocator.builder().optDirectory(directory).build().locate());
    }

    /**
     * Loads the four files from a location.
     *
     * @throws DatasetException naming the file and what is wrong
     */
    public static FashionMnist load(DatasetLocation location) throws DatasetException {
        Objects.requireNonNull(location, "location");
        Map<DatasetFile, FileCheck> checks = new EnumMap<>(DatasetFile.class);
        Map<DatasetFile, byte[]> parsed = new EnumMap<>(DatasetFile.class);
        for (DatasetFile file : DatasetFile.values()) {
            Path path = file.findIn(location.directory())
                    .orElseThrow(() -> DatasetException.of(location.directory().resolve(file.gzipName()),
                            "file not found (gzipped or not)"));
            IdxReader.Content content = file.isImages() ? IdxReader.readImages(path) : IdxReader.readLabels(path);
            checks.put(file, new FileCheck(path, content.sha256()));
            parsed.put(file, content.data());
        }
        ImageSet train = pair(checks, parsed, DatasetFile.TRAIN_IMAGES, DatasetFile.TRAIN_LABELS);
        ImageSet test = pair(checks, parsed, DatasetFile.TEST_IMAGES, DatasetFile.TEST_LABELS);
        FashionMnist data = new FashionMnist(train, test, location, Collections.unmodifiableMap(checks),
                defaultValidationSize(train.size()));
        List<String> unverified = data.unverifiedFiles();
        if (!unverified.isEmpty()) {
            String what = "not the published Fashion-MNIST (SHA-256 differs): " + String.join(", ", unverified);
            if (!location.source().userNamed()) {
                throw new DatasetException(location.directory() + ": " + what
                        + "; remove the files or reinstall them");
            }
            LOG.warn("{}: {}; using them as your own data", location.directory(), what);
        }
        return data;
    }

    private static ImageSet pair(Map<DatasetFile, FileCheck> checks, Map<DatasetFile, byte[]> parsed,
            DatasetFile imagesFile, DatasetFile labelsFile) throws DatasetException {
        byte[] pixels = parsed.get(imagesFile);
        byte[] labels = parsed.get(labelsFile);
        if (pixels.length / ImageSet.PIXELS != labels.length) {
            throw new DatasetException(checks.get(imagesFile).path() + " has " + pixels.length / ImageSet.PIXELS
                    + " images but " + checks.get(labelsFile).path() + " has " + labels.length + " labels");
        }
        return new ImageSet(pixels, labels);
    }

    /**
     * The same images split with another number held out for validation.
     *
     * @param validationSize images of the training file held out as {@link Split#VALIDATION}, stratified by class;
     *                       0 for none (then {@link Split#TRAIN} is the whole training file)
     * @throws IllegalArgumentException if it is negative or leaves no training image
     */
    public FashionMnist withValidationSize(int validationSize) {
        if (validationSize < 0 || validationSize >= train.size()) {
            throw new IllegalArgumentException("validationSize must be in [0, " + train.size() + "), was "
                    + validationSize);
        }
        if (validationSize == validationPart.length) {
            return this;
        }
        return new FashionMnist(train, test, location, checks, validationSize);
    }

    /** Images held out of the training file as {@link Split#VALIDATION}. */
    public int validationSize() {
        return validationPart.length;
    }

    /**
     * The images of one part, in the order of its file (ascending); a copy. {@link Split#TRAIN} and
     * {@link Split#VALIDATION} index {@link #train()}, {@link Split#TEST} indexes {@link #test()}.
     */
    public int[] indices(Split split) {
        return switch (Objects.requireNonNull(split, "split")) {
            case TRAIN -> trainPart.clone();
            case VALIDATION -> validationPart.clone();
            case TEST -> range(test.size());
        };
    }

    /** Number of images in one part. */
    public int size(Split split) {
        return switch (Objects.requireNonNull(split, "split")) {
            case TRAIN -> trainPart.length;
            case VALIDATION -> validationPart.length;
            case TEST -> test.size();
        };
    }

    /** The file a part's {@link #indices(Split) indices} point into: {@link #test()} or {@link #train()}. */
    public ImageSet file(Split split) {
        return Objects.requireNonNull(split, "split") == Split.TEST ? test : train;
    }

    /** The training file's images (60,000 for the published data), the validation part included. */
    public ImageSet train() {
        return train;
    }

    /** The test file's images (10,000 for the published data). */
    public ImageSet test() {
        return test;
    }

    /**
     * Pixel mean and standard deviation of the {@link Split#TRAIN} part on the [0, 1] scale, used for
     * standardization: validation and test images do not enter them. Computed once, on first use.
     */
    public ImageSet.PixelStatistics trainPixelStatistics() {
        ImageSet.PixelStatistics stats = trainStatistics;
        if (stats == null) {
            stats = train.pixelStatistics(trainPart);
            trainStatistics = stats;
        }
        return stats;
    }

    /** Where the data was loaded from. */
    public DatasetLocation location() {
        return location;
    }

    /** The path and content checksum of each file. */
    public Map<DatasetFile, FileCheck> fileChecks() {
        return checks;
    }

    /** True if all four files are the published Fashion-MNIST, byte for byte once decompressed. */
    public boolean isVerified() {
        return unverifiedFiles().isEmpty();
    }

    private List<String> unverifiedFiles() {
        List<String> names = new ArrayList<>();
        checks.forEach((file, check) -> {
            if (!check.sha256().equals(file.sha256())) {
                names.add(check.path().getFileName().toString());
            }
        });
        return names;
    }

    private static int defaultValidationSize(int trainFileSize) {
        return trainFileSize / VALIDATION_SHARE;
    }

    private static int[] range(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    /**
     * One file as loaded.
     *
     * @param path the file read
     * @param sha256 lower-case hex SHA-256 of its decompressed content
     */
    public record FileCheck(Path path, String sha256) {
    }
}
