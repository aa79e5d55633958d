package org.fmnist.examples.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The machine a study ran on, in one line, for its settings: the CPU model where Linux names it, and the cores. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        int cores = Runtime.getRuntime().availableProcessors();
        return cpuModel().map(model -> model + ", ").orElse("") + cores + " cores";
    }

    private static Optional<String> cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).strip());
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
