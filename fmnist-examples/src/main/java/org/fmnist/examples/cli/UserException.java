package org.fmnist.examples.cli;

/**
 * A problem the person running a command can fix (a wrong option value, missing data, an unwritable
 * directory): reported as one line, without a stack trace.
 */
public final class UserException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and, where it helps, what to do; one line
     */
    public UserException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong; one line
     * @param cause   the underlying error, shown with {@code --verbose}
     */
    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
