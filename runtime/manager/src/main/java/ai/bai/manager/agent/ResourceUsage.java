package ai.bai.manager.agent;

/**
 * What a session uses: memory now and at its peak, in bytes, and CPU time consumed so far, in nanoseconds
 * ({@code cpuNanos} is negative where the hierarchy does not account CPU time).
 */
public record ResourceUsage(long memoryBytes, long maxMemoryBytes, long cpuNanos) {
}
