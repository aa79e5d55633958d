package org.fmnist.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintStream;

/** The {@code fmnist} command: the study of regularization and augmentation on Fashion-MNIST. */
@Command(name = "fmnist", mixinStandardHelpOptions = true, versionProvider = FmnistCommand.Version.class,
        description = "What regularization and data augmentation do to a CNN on Fashion-MNIST, with Deeplearning4j.",
        subcommands = {TrainCommand.class, CompareCommand.class, EvaluateCommand.class, PreviewCommand.class,
                UiCommand.class, DataCommand.class, CommandLine.HelpCommand.class})
final class FmnistCommand implements Runnable {

    final PrintStream out;
    final PrintStream err;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log DL4J/ND4J start-up and progress at INFO, and print stack traces of errors.")
    boolean verbose;

    @Spec
    CommandLine.Model.CommandSpec spec;

    FmnistCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    /** The version, from the jar's Maven metadata. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws Exception {
            java.util.Properties p = new java.util.Properties();
            try (var in = FmnistCommand.class.getResourceAsStream(
                    "/META-INF/maven/org.fmnist/fmnist-examples/pom.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"fmnist " + p.getProperty("version", "(development build)")};
        }
    }
}
