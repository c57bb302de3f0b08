package ai.bai.manager.session;

import ai.bai.api.BinarySize;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The slots this machine offers and which sessions hold them. Amounts are canonical slot values (cpu as a
 * decimal count, mem in bytes); a session that holds cpu is also given ceil(cpu) cores of its own, the least
 * loaded ones, for CPU affinity.
 */
public final class Capacity {
    private final Map<String, BigDecimal> total;
    private final int cores;
    private final int gpus;
    private final Map<String, Map<String, BigDecimal>> held = new HashMap<>();
    private final Map<String, Allocation> allocations = new HashMap<>();

    public Capacity(Map<String, BigDecimal> total, int cores, int gpus) {
        this.total = Map.copyOf(total);
        this.cores = cores;
        this.gpus = gpus;
    }

    /** Refuses a request that this machine could never give, naming the capacity. */
    public void checkPossible(Map<String, String> requested) {
        requested.forEach((slot, amount) -> {
            BigDecimal have = total.getOrDefault(slot, BigDecimal.ZERO);
            if (new BigDecimal(amount).compareTo(have) > 0) {
                throw new IllegalArgumentException("requested " + slot + "=" + show(slot, new BigDecimal(amount))
                        + " is more than this machine can ever give (capacity: " + describe(total) + ")");
            }
        });
    }

    /** Holds the slots for {@code sessionId} if they are free now; returns the cores and GPUs given to it. */
    public synchronized Optional<Allocation> tryHold(String sessionId, Map<String, String> requested) {
        Map<String, BigDecimal> want = amounts(requested);
        Map<String, BigDecimal> used = used();
        for (var e : want.entrySet()) {
            BigDecimal after = used.getOrDefault(e.getKey(), BigDecimal.ZERO).add(e.getValue());
            if (after.compareTo(total.getOrDefault(e.getKey(), BigDecimal.ZERO)) > 0) {
                return Optional.empty();
            }
        }
        BigDecimal gpuWant = want.getOrDefault("cuda.device", want.getOrDefault("cuda.shares", BigDecimal.ZERO));
        Allocation given = new Allocation(
                pick(cores, atLeastOne(want.getOrDefault("cpu", BigDecimal.ZERO)), Allocation::cores),
                gpuWant.signum() > 0 ? pick(gpus, atLeastOne(gpuWant), Allocation::gpus) : List.of());
        held.put(sessionId, want);
        allocations.put(sessionId, given);
        return Optional.of(given);
    }

    /** Records slots a session already holds (a session re-adopted after a restart). */
    public synchronized void restore(String sessionId, Map<String, String> requested, Allocation given) {
        held.put(sessionId, amounts(requested));
        allocations.put(sessionId, given);
    }

    public synchronized void release(String sessionId) {
        held.remove(sessionId);
        allocations.remove(sessionId);
    }

    public synchronized Map<String, BigDecimal> used() {
        Map<String, BigDecimal> sum = new HashMap<>();
        held.values().forEach(m -> m.forEach((k, v) -> sum.merge(k, v, BigDecimal::add)));
        return sum;
    }

    /** E.g. {@code cpu=2 mem=22.5g}. */
    public static String describe(Map<String, BigDecimal> slots) {
        return new TreeMap<>(slots).entrySet().stream().map(e -> e.getKey() + "=" + show(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static int atLeastOne(BigDecimal amount) {
        return Math.max(1, amount.setScale(0, RoundingMode.CEILING).intValue());
    }

    /** The {@code count} least used of {@code size} devices (cores or GPUs), in index order. */
    private List<Integer> pick(int size, int count, java.util.function.Function<Allocation, List<Integer>> devices) {
        Map<Integer, Integer> load = new LinkedHashMap<>();
        IntStream.range(0, size).forEach(c -> load.put(c, 0));
        allocations.values().forEach(a -> devices.apply(a).forEach(c -> load.merge(c, 1, Integer::sum)));
        List<Integer> order = new ArrayList<>(load.keySet());
        order.sort(Comparator.comparing((Integer c) -> load.get(c)).thenComparing(c -> c));
        return order.subList(0, Math.min(size, count)).stream().sorted().toList();
    }

    private static Map<String, BigDecimal> amounts(Map<String, String> requested) {
        Map<String, BigDecimal> m = new HashMap<>();
        requested.forEach((k, v) -> m.put(k, new BigDecimal(v)));
        return m;
    }

    private static String show(String slot, BigDecimal amount) {
        if (slot.equals("mem")) {
            long bytes = amount.longValue();
            return bytes >= (1L << 30) && bytes % (1L << 30) != 0
                    ? amount.divide(BigDecimal.valueOf(1L << 30), 1, RoundingMode.DOWN).toPlainString() + "g"
                    : BinarySize.format(bytes);
        }
        return amount.stripTrailingZeros().toPlainString();
    }
}
