package dev.stophack.bench.machine;

import java.lang.management.ManagementFactory;

/**
 * The machine a run measured, as the page states it.
 *
 * @param cores    processors available to the JVM
 * @param memoryMb physical memory
 * @param java     runtime version and vendor
 * @param os       name, version, architecture
 */
public record MachineInfo(int cores, long memoryMb, String java, String os) {
    public static MachineInfo current() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() >> 20,
                System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    /** The one-minute load average, or a negative number where the system does not give one. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** More runnable work than cores: other work takes turns with the benchmark, and its figures drop. */
    public boolean busy(double loadAverage) {
        return loadAverage > cores;
    }
}
