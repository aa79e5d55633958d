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
 * <p>Every file's decompressed content is checked against the published SHA-256. Where they differ, a directory
 * the user named ({@link DatasetSource#userNamed()}) is accepted with a warning, so people can use their own IDX
 * files of the same shape; anywhere else it is an error.
 */
public final class FashionMnist {

    private static final Logger LOG = LoggerFactory.getLogger(FashionMnist.class);

    private final ImageSet train;
    private final ImageSet test;
    private final DatasetLocation location;
    private final Map<DatasetFile, FileCheck> checks;
    private volatile ImageSet.PixelStatistics trainStatistics;

    private FashionMnist(ImageSet train, ImageSet test, DatasetLocation location, Map<DatasetFile, FileCheck> checks) {
        this.train = train;
        this.test = test;
        this.location = location;
        this.checks = checks;
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
        FashionMnist data = new FashionMnist(train, test, location, Collections.unmodifiableMap(checks));
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

    /** The training file's images (60,000 for the published data), validation included. */
    public ImageSet train() {
        return train;
    }

    /** The test file's images (10,000 for the published data). */
    public ImageSet test() {
        return test;
    }

    /**
     * Pixel mean and standard deviation of the training file on the [0, 1] scale, used for standardization;
     * computed once, on first use.
     */
    public ImageSet.PixelStatistics trainPixelStatistics() {
        ImageSet.PixelStatistics stats = trainStatistics;
        if (stats == null) {
            stats = train.pixelStatistics();
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

    /**
     * One file as loaded.
     *
     * @param path the file read
     * @param sha256 lower-case hex SHA-256 of its decompressed content
     */
    public record FileCheck(Path path, String sha256) {
    }
}
