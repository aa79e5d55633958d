package org.fmnist.models;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the native runtime under ND4J that a training process should make before its first ND4J array.
 *
 * <p><b>JavaCPP's resident-size check.</b> JavaCPP, which holds ND4J's off-heap memory, by default reads the
 * process's resident size ({@code /proc/self/statm}) every time it registers a native allocation, including the
 * small shape buffers behind every array view, so that it can call for a garbage collection when the process grows
 * past {@code org.bytedeco.javacpp.maxPhysicalBytes}. A training step of these networks creates a few hundred such
 * buffers, and the system calls took about 7% of the step (a wall-clock profile of the training thread on the
 * 2-core development machine). {@link #liftJavaCppLimit()} sets that limit to 0 (none) unless it is set already;
 * JavaCPP's other limit, {@code org.bytedeco.javacpp.maxBytes} on the bytes it has allocated itself (the JVM's
 * maximum heap by default), stays in force and costs nothing to check. JavaCPP reads the property once, when its
 * {@code Pointer} class initializes, so this has to run first.
 *
 * <p><b>glibc's malloc.</b> ND4J's native operations and the oneDNN primitives under them allocate their outputs
 * and scratch buffers with {@code malloc}, several megabytes each, every step. By default glibc serves such blocks
 * with fresh {@code mmap}s (above its adaptive threshold, at most 32 MiB), gives free memory at the top of a heap
 * back to the system, and unmaps a thread's extra 64 MiB heap as soon as nothing in it is in use; every page of
 * memory the process then touches again costs a page fault. Training steps of the benchmark faulted up to 2,265
 * times each (mostly a block the size of the second convolution's output, 9 MiB, in a heap mapped and unmapped
 * again every step). {@link #keepFreedMemory()} sets glibc's {@code M_MMAP_THRESHOLD} and {@code M_TRIM_THRESHOLD} to
 * {@value #MALLOC_THRESHOLD_BYTES} bytes and {@code M_TOP_PAD} to {@value #MALLOC_TOP_PAD_BYTES} bytes (the size
 * of such a heap, which keeps glibc from unmapping it), so that blocks below 1 GiB come from malloc's heaps and
 * freed memory stays with the process for the next step. The price is that the process keeps its high-water mark
 * of native memory. When the environment sets glibc's own variables for these settings
 * ({@code MALLOC_MMAP_THRESHOLD_}, {@code MALLOC_TRIM_THRESHOLD_}, {@code MALLOC_TOP_PAD_}, or
 * {@code glibc.malloc.mmap_threshold}, {@code trim_threshold} or {@code top_pad} in {@code GLIBC_TUNABLES}), that
 * choice is left alone; setting any of them is also the way to opt out.
 *
 * <p>{@link #configureForTraining()} does both; the project's command line, example programs and benchmark call
 * it at the top of {@code main}. A program of your own can do the same, or pass
 * {@code -Dorg.bytedeco.javacpp.maxPhysicalBytes=0} to the JVM and set {@code MALLOC_MMAP_THRESHOLD_},
 * {@code MALLOC_TRIM_THRESHOLD_} and {@code MALLOC_TOP_PAD_} in its environment.
 */
public final class NativeRuntime {

    /** JavaCPP's system property for the resident-size limit. */
    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    /** The all-lower-case spelling of {@link #MAX_PHYSICAL_BYTES}, which JavaCPP reads first. */
    static final String MAX_PHYSICAL_BYTES_LOWER_CASE = "org.bytedeco.javacpp.maxphysicalbytes";

    /** The mmap and trim thresholds {@link #keepFreedMemory()} gives glibc's malloc: 1 GiB. */
    public static final long MALLOC_THRESHOLD_BYTES = 1L << 30;

    /** The padding {@link #keepFreedMemory()} gives glibc's heaps: 64 MiB, the size of a thread's extra heap. */
    public static final long MALLOC_TOP_PAD_BYTES = 64L << 20;

    /** glibc's {@code mallopt} parameter numbers, from {@code malloc.h}. */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;

    /** What {@link #keepFreedMemory()} did. */
    public enum MallocSetting {
        /** Not asked for in this process. */
        DEFAULT,
        /** The thresholds are {@link #MALLOC_THRESHOLD_BYTES}, the padding {@link #MALLOC_TOP_PAD_BYTES}. */
        KEEP_FREED_MEMORY,
        /** The environment sets glibc's thresholds or padding; left as it is. */
        FROM_ENVIRONMENT,
        /** Not a glibc system (or its C library could not be reached); nothing changed. */
        UNSUPPORTED
    }

    private static volatile MallocSetting mallocSetting = MallocSetting.DEFAULT;

    private NativeRuntime() {
    }

    /** Both settings: {@link #liftJavaCppLimit()} and {@link #keepFreedMemory()}. Call it before ND4J loads. */
    public static void configureForTraining() {
        liftJavaCppLimit();
        keepFreedMemory();
    }

    /**
     * Turns off JavaCPP's resident-size check, unless a limit was set with either spelling of its property.
     *
     * @return true when this call set the property, false when it was set already (and is left as it was)
     */
    public static boolean liftJavaCppLimit() {
        if (System.getProperty(MAX_PHYSICAL_BYTES_LOWER_CASE) != null || System.getProperty(MAX_PHYSICAL_BYTES) != null) {
            return false;
        }
        System.setProperty(MAX_PHYSICAL_BYTES, "0");
        return true;
    }

    /**
     * The resident-size limit JavaCPP works with in this process (0: none). Loads JavaCPP's {@code Pointer} class,
     * which fixes the limit, so call it after {@link #configureForTraining()}.
     *
     * @return the limit in bytes, 0 when there is none
     */
    public static long maxPhysicalBytes() {
        return org.bytedeco.javacpp.Pointer.maxPhysicalBytes();
    }

    /**
     * Sets glibc malloc's mmap and trim thresholds to {@link #MALLOC_THRESHOLD_BYTES} and its top padding to
     * {@link #MALLOC_TOP_PAD_BYTES} for the whole process, unless the environment sets any of them. The setting
     * cannot be undone in the process; calling again changes nothing.
     *
     * @return what is in force after the call
     */
    public static synchronized MallocSetting keepFreedMemory() {
        if (mallocSetting == MallocSetting.DEFAULT) {
            mallocSetting = setMalloc(System.getenv(), System.getProperty("os.name", ""));
        }
        return mallocSetting;
    }

    /** @return what {@link #keepFreedMemory()} did in this process, {@link MallocSetting#DEFAULT} before it ran */
    public static MallocSetting mallocSetting() {
        return mallocSetting;
    }

    /**
     * The process's minor page faults so far, to see what {@link #keepFreedMemory()} is for: field 10 of
     * {@code /proc/self/stat}.
     *
     * @return the count, -1 on a system without {@code /proc/self/stat}
     * @throws IOException if the file exists but cannot be read
     */
    public static long minorPageFaults() throws IOException {
        Path stat = Path.of("/proc/self/stat");
        if (!Files.isReadable(stat)) {
            return -1;
        }
        String line = Files.readString(stat);
        // The command name in parentheses may contain spaces; the fields after it are space-separated.
        return Long.parseLong(line.substring(line.lastIndexOf(')') + 2).split(" ")[7]);
    }

    /**
     * Whether the environment sets glibc's mmap threshold, trim threshold or top padding itself.
     *
     * @param environment the process environment
     * @return true when one of glibc's variables for the three settings is set
     */
    static boolean environmentSetsMalloc(Map<String, String> environment) {
        for (String setting : List.of("mmap_threshold", "trim_threshold", "top_pad")) {
            String variable = "MALLOC_" + setting.toUpperCase(Locale.ROOT) + "_";
            if (environment.containsKey(variable)
                    || environment.getOrDefault("GLIBC_TUNABLES", "").contains("glibc.malloc." + setting)) {
                return true;
            }
        }
        return false;
    }

    private static MallocSetting setMalloc(Map<String, String> environment, String osName) {
        if (environmentSetsMalloc(environment)) {
            return MallocSetting.FROM_ENVIRONMENT;
        }
        // glibc's own mallopt parameters: other C libraries' differ.
        if (!isGlibc(osName)) {
            return MallocSetting.UNSUPPORTED;
        }
        try {
            Function mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
            int threshold = (int) MALLOC_THRESHOLD_BYTES;
            int mmapSet = mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, threshold});
            int trimSet = mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, threshold});
            int padSet = mallopt.invokeInt(new Object[] {M_TOP_PAD, (int) MALLOC_TOP_PAD_BYTES});
            return mmapSet == 1 && trimSet == 1 && padSet == 1
                    ? MallocSetting.KEEP_FREED_MEMORY : MallocSetting.UNSUPPORTED;
        } catch (LinkageError | RuntimeException e) { // no JNA to reach the C library
            return MallocSetting.UNSUPPORTED;
        }
    }

    /**
     * Whether this process runs on Linux with glibc: its C library has glibc's own version function.
     *
     * @param osName the {@code os.name} system property
     */
    static boolean isGlibc(String osName) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return false;
        }
        try {
            NativeLibrary.getInstance("c").getFunction("gnu_get_libc_version");
            return true;
        } catch (LinkageError | RuntimeException e) { // another C library, or no JNA
            return false;
        }
    }
}
