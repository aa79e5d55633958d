package org.fmnist.models;

/**
 * Settings of the native runtime under ND4J that a training process should make before its first ND4J array.
 *
 * <p>JavaCPP, which holds ND4J's off-heap memory, by default reads the process's resident size
 * ({@code /proc/self/statm}) every time it registers a native allocation, including the small shape buffers
 * behind every array view, so that it can call for a garbage collection when the process grows past
 * {@code org.bytedeco.javacpp.maxPhysicalBytes}. A training step of these networks creates a few hundred such
 * buffers, and the system calls took about 7% of the step (a wall-clock profile of the training thread on the
 * 2-core development machine). {@link #configureForTraining()} sets that limit to 0 (none) unless it is set
 * already; JavaCPP's other limit, {@code org.bytedeco.javacpp.maxBytes} on the bytes it has allocated itself
 * (the JVM's maximum heap by default), stays in force and costs nothing to check.
 *
 * <p>JavaCPP reads the property once, when its {@code Pointer} class initializes, so this has to run first:
 * the project's command line, example programs and benchmark call it at the top of {@code main}. A program of
 * your own can do the same, or pass {@code -Dorg.bytedeco.javacpp.maxPhysicalBytes=0} to the JVM.
 */
public final class NativeRuntime {

    /** JavaCPP's system property for the resident-size limit. */
    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    /** The all-lower-case spelling of {@link #MAX_PHYSICAL_BYTES}, which JavaCPP reads first. */
    static final String MAX_PHYSICAL_BYTES_LOWER_CASE = "org.bytedeco.javacpp.maxphysicalbytes";

    private NativeRuntime() {
    }

    /**
     * Turns off JavaCPP's resident-size check, unless a limit was set with either spelling of its property.
     *
     * @return true when this call set the property, false when it was set already (and is left as it was)
     */
    public static boolean configureForTraining() {
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
}
