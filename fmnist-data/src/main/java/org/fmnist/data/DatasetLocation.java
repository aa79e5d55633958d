package org.fmnist.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A directory holding the four Fashion-MNIST files, and how it was found.
 *
 * @param directory the directory
 * @param source how it was found
 */
public record DatasetLocation(Path directory, DatasetSource source) {

    /** @throws NullPointerException if either is null */
    public DatasetLocation {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(source, "source");
    }

    /** True if all four files are in the directory, gzipped or not. */
    public static boolean isComplete(Path directory) {
        for (DatasetFile file : DatasetFile.values()) {
            if (file.findIn(directory).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
