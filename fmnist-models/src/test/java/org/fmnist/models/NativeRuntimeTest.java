package org.fmnist.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NativeRuntimeTest {

    private Properties saved;

    @BeforeEach
    void clearProperties() {
        saved = (Properties) System.getProperties().clone();
        System.clearProperty(NativeRuntime.MAX_PHYSICAL_BYTES);
        System.clearProperty(NativeRuntime.MAX_PHYSICAL_BYTES_LOWER_CASE);
    }

    @AfterEach
    void restoreProperties() {
        System.setProperties(saved);
    }

    @Test
    void setsNoLimitWhenNoneIsSet() {
        assertTrue(NativeRuntime.configureForTraining());
        assertEquals("0", System.getProperty(NativeRuntime.MAX_PHYSICAL_BYTES));
        assertFalse(NativeRuntime.configureForTraining(), "a second call finds the property set");
    }

    @Test
    void leavesALimitSetWithEitherSpellingAlone() {
        System.setProperty(NativeRuntime.MAX_PHYSICAL_BYTES, "8G");
        assertFalse(NativeRuntime.configureForTraining());
        assertEquals("8G", System.getProperty(NativeRuntime.MAX_PHYSICAL_BYTES));

        System.clearProperty(NativeRuntime.MAX_PHYSICAL_BYTES);
        System.setProperty(NativeRuntime.MAX_PHYSICAL_BYTES_LOWER_CASE, "4G");
        assertFalse(NativeRuntime.configureForTraining());
        assertNull(System.getProperty(NativeRuntime.MAX_PHYSICAL_BYTES));
    }

    /** In a JVM of its own: JavaCPP takes the setting when it comes first, and keeps its default otherwise. */
    @Test
    void javaCppHasNoLimitWhenConfiguredFirst() throws Exception {
        assertEquals("0", runChild("configure"));
        long defaultLimit = Long.parseLong(runChild("plain"));
        assertTrue(defaultLimit > 0, "JavaCPP's default limit, was " + defaultLimit);
    }

    private static String runChild(String mode) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), Child.class.getName(), mode))
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.exitValue(), output);
        List<String> lines = output.lines().toList();
        return lines.get(lines.size() - 1);
    }

    /** Prints JavaCPP's resident-size limit, after {@link NativeRuntime#configureForTraining()} or without it. */
    static final class Child {
        public static void main(String[] args) {
            if (args[0].equals("configure")) {
                NativeRuntime.configureForTraining();
            }
            System.out.println(NativeRuntime.maxPhysicalBytes());
        }
    }
}
