package ai.bai.manager.session;

import ai.bai.api.BinarySize;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The slot names this manager knows and their canonical values: counts are normalised decimals ({@code "2"},
 * {@code "0.5"}), byte slots a number of bytes.
 */
public final class ResourceSlots {
    private final Map<String, String> kinds;

    /** @param kinds slot name to {@code count} or {@code bytes}, as {@code GET /config/resource-slots} lists them */
    public ResourceSlots(Map<String, String> kinds) {
        this.kinds = Map.copyOf(kinds);
    }

    public static ResourceSlots intrinsic() {
        return new ResourceSlots(Map.of("cpu", "count", "mem", "bytes"));
    }

    /** A {@code gpu} request names the CUDA slot the host has: whole devices. */
    static final String GPU_ALIAS = "gpu";


    /** Validates and normalises requested slots; unknown names and bad amounts are errors that list what works. */
    public Map<String, String> canonical(Map<String, Object> requested) {
        Map<String, String> out = new LinkedHashMap<>();
        requested.forEach((requestedSlot, value) -> {
            String slot = requestedSlot.equals(GPU_ALIAS) && kinds.containsKey("cuda.device") ? "cuda.device"
                    : requestedSlot;
            String kind = kinds.get(slot);
            if (kind == null) {
                throw new IllegalArgumentException("Unknown requested resource slot: " + slot + " (known slots: "
                        + String.join(", ", new TreeSet<>(kinds.keySet())) + ")");
            }
            out.put(slot, kind.equals("bytes") ? bytes(slot, value) : count(slot, value));
        });
        return out;
    }


    private static String bytes(String slot, Object value) {
        String text = String.valueOf(value).trim();
        if (text.startsWith("-")) {
            throw new IllegalArgumentException("negative amount '" + text + "' for slot " + slot);
        }
        try {
            return Long.toString(BinarySize.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("slot " + slot + ": " + e.getMessage());
        }
    }

    private static String count(String slot, Object value) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid amount '" + value + "' for slot " + slot
                    + "; expected a number such as 1, 2 or 0.5");
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("negative amount '" + value + "' for slot " + slot);
        }
        return amount.stripTrailingZeros().toPlainString();
    }
}
