package ai.bai.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code KEY=VALUE} items of options such as {@code -e}, {@code -r} and {@code --resource-opts}. */
public final class KeyValues {
    private KeyValues() {
    }

    /**
     * Splits each item on its first '='; the last of repeated keys wins.
     *
     * @param option the option's name, for the error message
     * @throws IllegalArgumentException naming the item and the accepted form
     */
    public static Map<String, String> parse(String option, List<String> items) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed " + option + " item '" + item + "'; expected KEY=VALUE");
            }
            out.put(item.substring(0, eq).trim(), item.substring(eq + 1));
        }
        return out;
    }
}
