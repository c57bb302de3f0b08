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
    private final Map<String, Map<String, BigDecimal>> held = new HashMap<>();
    private final Map<String, List<Integer>> heldCores = new HashMap<>();

    public Capacity(Map<String, BigDecimal> total, int cores) {
        this.total = Map.copyOf(total);
        this.cores = cores;
    }

    public Map<String, BigDecimal> total() {
        return total;
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

    /** Holds the slots for {@code sessionId} if they are free now; returns the cores given to it. */
    public synchronized Optional<List<Integer>> tryHold(String sessionId, Map<String, String> requested) {
        Map<String, BigDecimal> want = amounts(requested);
        Map<String, BigDecimal> used = used();
        for (var e : want.entrySet()) {
            BigDecimal after = used.getOrDefault(e.getKey(), BigDecimal.ZERO).add(e.getValue());
            if (after.compareTo(total.getOrDefault(e.getKey(), BigDecimal.ZERO)) > 0) {
                return Optional.empty();
            }
        }
        List<Integer> given = pickCores(want.getOrDefault("cpu", BigDecimal.ZERO));
        hold(sessionId, want, given);
        return Optional.of(given);
    }

    /** Records slots a session already holds (a session re-adopted after a restart). */
    public synchronized void restore(String sessionId, Map<String, String> requested, List<Integer> given) {
        hold(sessionId, amounts(requested), given);
    }

    public synchronized void release(String sessionId) {
        held.remove(sessionId);
        heldCores.remove(sessionId);
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

    private void hold(String sessionId, Map<String, BigDecimal> amounts, List<Integer> given) {
        held.put(sessionId, amounts);
        heldCores.put(sessionId, List.copyOf(given));
    }

    private List<Integer> pickCores(BigDecimal cpu) {
        int count = Math.min(cores, Math.max(1, cpu.setScale(0, RoundingMode.CEILING).intValue()));
        Map<Integer, Integer> load = new LinkedHashMap<>();
        IntStream.range(0, cores).forEach(c -> load.put(c, 0));
        heldCores.values().forEach(list -> list.forEach(c -> load.merge(c, 1, Integer::sum)));
        List<Integer> order = new ArrayList<>(load.keySet());
        order.sort(Comparator.comparing((Integer c) -> load.get(c)).thenComparing(c -> c));
        return order.subList(0, count).stream().sorted().toList();
    }

    private static Map<String, BigDecimal> amounts(Map<String, String> requested) {
        Map<String, BigDecimal> m = new HashMap<>();
        requested.forEach((k, v) -> m.put(k, new BigDecimal(v)));
        return m;
    }

    private static String show(String slot, BigDecimal amount) {
        if (slot.equals("mem")) {
            long bytes = amount.longValue();
            long gib = 1L << 30;
            return bytes % (1L << 20) == 0 && bytes >= gib
                    ? amount.divide(BigDecimal.valueOf(gib), 1, RoundingMode.DOWN).stripTrailingZeros().toPlainString() + "g"
                    : BinarySize.format(bytes);
        }
        return amount.stripTrailingZeros().toPlainString();
    }
}
