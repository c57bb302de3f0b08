package ai.bai.client.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One combination of a sweep, after interpolation.
 *
 * @param index   0-based position in the sweep, after duplicates were dropped
 * @param params  the range variables of this case: env ranges, then build, then exec, each in option order
 * @param environ the {@code -e} variables with range values substituted, in their given order
 * @param build   the build command after substitution, or null when none was given
 * @param exec    the exec command after substitution, or null when none was given
 */
public record SweepCase(int index, Map<String, String> params, Map<String, String> environ, String build,
                        String exec) {
    public SweepCase {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        params = frozen(params);
        environ = frozen(environ);
    }

    // Map.copyOf would lose the order, which the display and the session's environment keep.
    private static Map<String, String> frozen(Map<String, String> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(map)));
    }
}
