package ai.bai.manager.agent;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a session may use. {@code cpu} is in cores and may be fractional (null or not positive: no quota);
 * {@code memoryBytes} and {@code pidsMax} not positive mean unlimited; {@code cores} are the CPUs the session is
 * pinned to (empty: any).
 */
public record ResourceLimits(BigDecimal cpu, long memoryBytes, long pidsMax, SortedSet<Integer> cores) {
    public ResourceLimits {
        cores = cores == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(cores));
        if (!cores.isEmpty() && cores.first() < 0) {
            throw new IllegalArgumentException("negative core number " + cores.first());
        }
    }
}
