package org.fmnist.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NativeRuntimeTest {

    /** The block the malloc tests hold: with it, the next block does not fit in a thread's 64 MiB heap. */
    private static final long HELD_BYTES = 40L << 20;
    /** The block the malloc tests allocate twice. */
    private static final long BLOCK_BYTES = 30L << 20;
    private static final long BLOCK_PAGES = BLOCK_BYTES / 4096;

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
        assertTrue(NativeRuntime.liftJavaCppLimit());
        assertEquals("0", System.getProperty(NativeRuntime.MAX_PHYSICAL_BYTES));
        assertFalse(NativeRuntime.liftJavaCppLimit(), "a second call finds the property set");
    }

    @Test
    void leavesALimitSetWithEitherSpellingAlone() {
        System.setProperty(NativeRuntime.MAX_PHYSICAL_BYTES, "8G");
        assertFalse(NativeRuntime.liftJavaCppLimit());
        assertEquals("8G", System.getProperty(NativeRuntime.MAX_PHYSICAL_BYTES));

        System.clearProperty(NativeRuntime.MAX_PHYSICAL_BYTES);
        System.setProperty(NativeRuntime.MAX_PHYSICAL_BYTES_LOWER_CASE, "4G");
        assertFalse(NativeRuntime.liftJavaCppLimit());
        assertNull(System.getProperty(NativeRuntime.MAX_PHYSICAL_BYTES));
    }

    /** In a JVM of its own: JavaCPP takes the setting when it comes first, and keeps its default otherwise. */
    @Test
    void javaCppHasNoLimitWhenConfiguredFirst() throws Exception {
        assertEquals("0", runChild("configure", Map.of()).get(0));
        long defaultLimit = Long.parseLong(runChild("plain", Map.of()).get(0));
        assertTrue(defaultLimit > 0, "JavaCPP's default limit, was " + defaultLimit);
    }

    @Test
    void glibcVariablesForTheSettingsAreTheEnvironmentsChoice() {
        assertFalse(NativeRuntime.environmentSetsMalloc(Map.of()));
        assertFalse(NativeRuntime.environmentSetsMalloc(Map.of("MALLOC_ARENA_MAX", "2",
                "GLIBC_TUNABLES", "glibc.malloc.arena_max=2")));
        assertTrue(NativeRuntime.environmentSetsMalloc(Map.of("MALLOC_MMAP_THRESHOLD_", "131072")));
        assertTrue(NativeRuntime.environmentSetsMalloc(Map.of("MALLOC_TRIM_THRESHOLD_", "131072")));
        assertTrue(NativeRuntime.environmentSetsMalloc(Map.of("MALLOC_TOP_PAD_", "0")));
        assertTrue(NativeRuntime.environmentSetsMalloc(
                Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2:glibc.malloc.trim_threshold=0")));
        assertTrue(NativeRuntime.environmentSetsMalloc(Map.of("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=65536")));
        assertTrue(NativeRuntime.environmentSetsMalloc(Map.of("GLIBC_TUNABLES", "glibc.malloc.top_pad=0")));
    }

    /**
     * The point of {@link NativeRuntime#keepFreedMemory()}: with a 40 MiB block held, a 30 MiB block (which needs
     * a heap of its own in a thread's arena, or a mapping of its own) is allocated, written, freed and allocated
     * again, and is written the second time without page faults, because its memory stayed with the process.
     */
    @Test
    void freedMemoryIsReusedWithoutPageFaults() throws Exception {
        assumeGlibc();
        List<String> child = runChild("malloc", Map.of());
        assertEquals(NativeRuntime.MallocSetting.KEEP_FREED_MEMORY.name(), child.get(0));
        long faults = Long.parseLong(child.get(1));
        assertTrue(faults < BLOCK_PAGES / 10, "page faults writing the block again, of " + BLOCK_PAGES + " pages: "
                + faults);
    }

    /**
     * Without the setting (the environment's choice wins) the same block is mapped afresh and faults page by page:
     * with glibc's thresholds fixed at their initial 128 KiB, and with both thresholds at 1 GiB but no padding (a
     * free extra heap is then unmapped at once).
     */
    @Test
    void withGlibcsDefaultsTheBlockFaultsAgain() throws Exception {
        assumeGlibc();
        assumeSmallPages();
        for (String tunables : List.of("glibc.malloc.trim_threshold=131072",
                "glibc.malloc.mmap_threshold=1073741824:glibc.malloc.trim_threshold=1073741824")) {
            List<String> child = runChild("malloc", Map.of("GLIBC_TUNABLES", tunables));
            assertEquals(NativeRuntime.MallocSetting.FROM_ENVIRONMENT.name(), child.get(0), tunables);
            long faults = Long.parseLong(child.get(1));
            assertTrue(faults >= BLOCK_PAGES * 9 / 10, tunables + ": page faults writing the block again, of "
                    + BLOCK_PAGES + " pages: " + faults);
        }
    }

    /**
     * Writing 16 MiB that a fresh process never touched (glibc maps a block that large anew) faults its 4,096
     * pages in. In a process of its own: here, memory freed by earlier tests could serve it.
     */
    @Test
    void countsThePageFaultsOfFreshMemory() throws Exception {
        assumeTrue(NativeRuntime.minorPageFaults() >= 0, "a system with /proc/self/stat");
        assumeSmallPages();
        long faults = Long.parseLong(runChild("fresh", Map.of()).get(0));
        assertTrue(faults >= 4096 * 9 / 10 && faults < 4096 * 3, "minor faults for 4,096 fresh pages: " + faults);
    }

    private static void assumeGlibc() {
        assumeTrue(NativeRuntime.isGlibc(System.getProperty("os.name")), "Linux with glibc");
    }

    /** A fresh mapping faults page by page unless transparent huge pages are always on (then per 2 MiB). */
    private static void assumeSmallPages() throws IOException {
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        assumeTrue(Files.isReadable(setting), "transparent huge page setting readable");
        assumeFalse(Files.readString(setting).contains("[always]"), "huge pages fault per 2 MiB");
    }

    private static List<String> runChild(String mode, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), Child.class.getName(), mode)).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("MALLOC_") || key.equals("GLIBC_TUNABLES"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM finished");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.exitValue(), output);
        List<String> lines = output.lines().filter(line -> line.startsWith("result ")).map(line -> line.substring(7))
                .toList();
        assertFalse(lines.isEmpty(), output);
        return lines;
    }

    /** Reports, as lines starting with "result ", what a fresh process sees. */
    static final class Child {
        public static void main(String[] args) throws IOException {
            switch (args[0]) {
                case "configure" -> {
                    NativeRuntime.configureForTraining();
                    System.out.println("result " + NativeRuntime.maxPhysicalBytes());
                }
                case "plain" -> System.out.println("result " + NativeRuntime.maxPhysicalBytes());
                case "malloc" -> {
                    System.out.println("result " + NativeRuntime.keepFreedMemory());
                    Pointer held = Pointer.malloc(HELD_BYTES);
                    Pointer.memset(held, 1, HELD_BYTES);
                    writeBlock(); // the first time faults in any case
                    long before = NativeRuntime.minorPageFaults();
                    writeBlock();
                    System.out.println("result " + (NativeRuntime.minorPageFaults() - before));
                    Pointer.free(held);
                }
                case "fresh" -> {
                    long before = NativeRuntime.minorPageFaults();
                    ByteBuffer.allocateDirect(16 << 20); // zeroed by the JVM: every page written
                    System.out.println("result " + (NativeRuntime.minorPageFaults() - before));
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }

        private static void writeBlock() {
            Pointer block = Pointer.malloc(BLOCK_BYTES);
            Pointer.memset(block, 1, BLOCK_BYTES);
            Pointer.free(block);
        }

    }
}
