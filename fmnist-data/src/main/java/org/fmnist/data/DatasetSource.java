package org.fmnist.data;

/** Where the dataset was found, in the order {@link DatasetLocator} looks. */
public enum DatasetSource {
    /** A directory the caller named (API or {@code --data-dir}). */
    EXPLICIT(true),
    /** The directory named by the environment variable {@code FMNIST_HOME}. */
    ENVIRONMENT(true),
    /** The per-user cache directory, where downloads go. */
    CACHE(false),
    /** Debian's {@code /usr/share/datasets/fashion-mnist} (package {@code dataset-fashion-mnist}). */
    SYSTEM(false),
    /** Downloaded into the cache just now. */
    DOWNLOAD(false);

    private final boolean userNamed;

    DatasetSource(boolean userNamed) {
        this.userNamed = userNamed;
    }

    /**
     * True where a person named the directory: there, IDX files of the right shape that are not the published
     * Fashion-MNIST are accepted with a warning, so people can use their own data. Elsewhere they are an error.
     */
    public boolean userNamed() {
        return userNamed;
    }
}
