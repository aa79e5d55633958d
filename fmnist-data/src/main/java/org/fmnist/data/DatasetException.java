package org.fmnist.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The dataset could not be found, read or trusted. The message names the file and what is wrong with it,
 * so that it can be shown to a person as it is.
 */
public class DatasetException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, including the file it concerns */
    public DatasetException(String message) {
        super(message);
    }

    /** @param message what is wrong, including the file it concerns; @param cause the underlying failure */
    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }

    static DatasetException of(Path file, String problem) {
        return new DatasetException(file + ": " + problem);
    }

    static DatasetException of(Path file, String problem, Throwable cause) {
        return new DatasetException(file + ": " + problem, cause);
    }
}
