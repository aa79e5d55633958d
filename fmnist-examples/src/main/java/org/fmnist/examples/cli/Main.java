package org.fmnist.examples.cli;

import org.fmnist.models.NativeRuntime;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;

/**
 * Entry point of the {@code fmnist} command line (the {@code ./fmnist} launcher runs it).
 *
 * <p>Exit status: 0 success, 1 an error (one line on standard error; {@code --verbose} adds the stack
 * trace), 2 a usage error, 130 stopped by Ctrl-C.
 */
public final class Main {

    /** Exit status of an error. */
    public static final int EXIT_ERROR = 1;
    /** Exit status of a usage error (unknown option, missing value). */
    public static final int EXIT_USAGE = 2;

    private Main() {
    }

    /**
     * Runs a command and exits with its status.
     *
     * @param args the command line, such as {@code train --model dropout --epochs 5}
     */
    public static void main(String[] args) {
        NativeRuntime.configureForTraining(); // before the first ND4J array: see its javadoc
        System.exit(run(args));
    }

    /**
     * Runs a command in this JVM and returns its exit status, printing to the standard streams.
     *
     * @param args the command line
     * @return the exit status
     */
    public static int run(String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        configureRuntime(verbose);
        try {
            return commandLine(System.out, System.err).execute(args);
        } catch (Error e) {
            // picocli hands Errors (a missing native library, a broken classpath) straight through.
            System.err.println("fmnist: " + describe(e));
            if (verbose) {
                e.printStackTrace();
            } else {
                System.err.println("(run again with --verbose for the details)");
            }
            return EXIT_ERROR;
        }
    }

    /**
     * The picocli command line, with one-line error reporting.
     *
     * @param out where results go
     * @param err where progress and errors go
     * @return the configured command line
     */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        FmnistCommand root = new FmnistCommand(out, err);
        CommandLine cli = new CommandLine(root);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            err.println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage() + " (see '"
                    + failed.getCommandSpec().qualifiedName() + " --help')");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, failed, parsed) -> {
            err.println(failed.getCommandSpec().qualifiedName() + ": " + describe(e));
            if (root.verbose) {
                e.printStackTrace(err);
            } else if (!(e instanceof UserException)) {
                err.println("(run again with --verbose for the details)");
            }
            return EXIT_ERROR;
        });
        return cli;
    }

    /**
     * One line saying what went wrong: the message of an error the person running the command can act on
     * ({@link UserException}, I/O, a bad argument or state), otherwise the error's type and message.
     *
     * @param e the error
     * @return the line, without the program's name
     */
    public static String describe(Throwable e) {
        if (e instanceof UserException) {
            return e.getMessage();
        }
        if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            String message = e.getMessage();
            return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory: " + e.getMessage() + "; try a smaller --batch";
        }
        Throwable detail = e;
        while (detail.getMessage() == null && detail.getCause() != null) {
            detail = detail.getCause();
        }
        return "unexpected " + e.getClass().getSimpleName() + (detail.getMessage() == null ? "" : ": " + detail.getMessage());
    }

    /**
     * Settings that must be in place before the first logger or AWT class loads: logging quiet unless
     * verbose, Vert.x logging through SLF4J, and headless image rendering.
     */
    static void configureRuntime(boolean verbose) {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        }
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        System.setProperty("java.awt.headless", "true");
    }
}
