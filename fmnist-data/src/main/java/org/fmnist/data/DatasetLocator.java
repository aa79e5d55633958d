package org.fmnist.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds Fashion-MNIST without the user doing anything where that is possible. The order:
 * <ol>
 *   <li>an explicit directory ({@link Builder#optDirectory}; the command line's {@code --data-dir});</li>
 *   <li>the directory in the environment variable {@value #ENV_VARIABLE};</li>
 *   <li>the per-user cache, {@code $XDG_CACHE_HOME/fmnist} or {@code ~/.cache/fmnist};</li>
 *   <li>Debian's {@code /usr/share/datasets/fashion-mnist} ({@code apt-get install dataset-fashion-mnist});</li>
 *   <li>a download from the dataset's public mirror into the cache.</li>
 * </ol>
 * A directory that the user named (1 or 2) must hold the files: it is an error, not a reason to look further.
 */
public final class DatasetLocator {

    /** Environment variable naming a directory with the four files. */
    public static final String ENV_VARIABLE = "FMNIST_HOME";
    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final Path SYSTEM_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    private final Path directory;
    private final Map<String, String> environment;
    private final Path cacheDirectory;
    private final Path systemDirectory;
    private final DatasetDownloader downloader;

    private DatasetLocator(Builder builder) {
        this.directory = builder.directory;
        this.environment = builder.environment;
        this.cacheDirectory = builder.cacheDirectory != null ? builder.cacheDirectory
                : defaultCacheDirectory(builder.environment);
        this.systemDirectory = builder.systemDirectory;
        this.downloader = builder.downloader;
    }

    /** A locator with the standard search order, the process environment and downloads enabled. */
    public static DatasetLocator standard() {
        return builder().build();
    }

    /** A builder; every setting is optional and defaults to the standard search. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The per-user cache directory: {@code $XDG_CACHE_HOME/fmnist} if that variable is set, else
     * {@code ~/.cache/fmnist}.
     *
     * @param environment the environment to read {@code XDG_CACHE_HOME} from
     */
    public static Path defaultCacheDirectory(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("fmnist");
    }

    /** The cache directory this locator uses and downloads into. */
    public Path cacheDirectory() {
        return cacheDirectory;
    }

    /**
     * Looks for the dataset without downloading.
     *
     * @return where it is, or empty if no place in the search order has it
     * @throws DatasetException if a directory the user named is missing or lacks files
     */
    public Optional<DatasetLocation> find() throws DatasetException {
        if (directory != null) {
            return Optional.of(requireComplete(directory, DatasetSource.EXPLICIT, "the directory given"));
        }
        String home = environment.get(ENV_VARIABLE);
        if (home != null && !home.isBlank()) {
            return Optional.of(requireComplete(Path.of(home), DatasetSource.ENVIRONMENT,
                    "the directory in " + ENV_VARIABLE));
        }
        if (DatasetLocation.isComplete(cacheDirectory)) {
            return Optional.of(new DatasetLocation(cacheDirectory, DatasetSource.CACHE));
        }
        if (systemDirectory != null && DatasetLocation.isComplete(systemDirectory)) {
            return Optional.of(new DatasetLocation(systemDirectory, DatasetSource.SYSTEM));
        }
        return Optional.empty();
    }

    /**
     * Finds the dataset, downloading it into the cache if no place in the search order has it.
     *
     * @return where it is
     * @throws DatasetException if a named directory lacks files, or the download fails or is disabled
     */
    public DatasetLocation locate() throws DatasetException {
        Optional<DatasetLocation> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        if (downloader == null) {
            throw new DatasetException("Fashion-MNIST not found in " + cacheDirectory
                    + (systemDirectory != null ? " or " + systemDirectory : "")
                    + " and downloading is off; install it with 'apt-get install dataset-fashion-mnist',"
                    + " set " + ENV_VARIABLE + " or pass a directory");
        }
        downloader.download(cacheDirectory);
        return new DatasetLocation(cacheDirectory, DatasetSource.DOWNLOAD);
    }

    private static DatasetLocation requireComplete(Path dir, DatasetSource source, String what)
            throws DatasetException {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(dir + ": " + what + " does not exist or is not a directory");
        }
        List<String> missing = new ArrayList<>();
        for (DatasetFile file : DatasetFile.values()) {
            if (file.findIn(dir).isEmpty()) {
                missing.add(file.gzipName());
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetException(dir + ": " + what + " lacks " + String.join(", ", missing)
                    + " (gzipped or not)");
        }
        return new DatasetLocation(dir, source);
    }

    /** Settings of a {@link DatasetLocator}; all optional. */
    public static final class Builder {
        private Path directory;
        private Map<String, String> environment = System.getenv();
        private Path cacheDirectory;
        private Path systemDirectory = SYSTEM_DIRECTORY;
        private DatasetDownloader downloader = DatasetDownloader.standard();

        private Builder() {
        }

        /** An explicit directory that must hold the files; null for none (the default). */
        public Builder optDirectory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** The environment to read {@value #ENV_VARIABLE} and {@code XDG_CACHE_HOME} from; the process's by default. */
        public Builder optEnvironment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** The cache directory; {@link #defaultCacheDirectory} by default. */
        public Builder optCacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = cacheDirectory;
            return this;
        }

        /** The system-wide directory; {@link #SYSTEM_DIRECTORY} by default, null to skip it. */
        public Builder optSystemDirectory(Path systemDirectory) {
            this.systemDirectory = systemDirectory;
            return this;
        }

        /** The downloader used as last resort; {@link DatasetDownloader#standard()} by default, null for none. */
        public Builder optDownloader(DatasetDownloader downloader) {
            this.downloader = downloader;
            return this;
        }

        /** The locator. */
        public DatasetLocator build() {
            return new DatasetLocator(this);
        }
    }
}
