package ai.bai.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Batch-mode commands, each run with bash in {@code /home/work}. Empty means skip; {@code "*"} means the
 * image's default (a no-op for clean). An empty exec means build only.
 */
public record BatchOptions(String clean, String build, boolean buildLog, String exec) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clean", clean);
        m.put("build", build);
        m.put("buildLog", buildLog);
        m.put("exec", exec);
        return m;
    }

    static BatchOptions fromMap(Map<String, Object> m) {
        return new BatchOptions(text(m.get("clean")), text(m.get("build")),
                Boolean.TRUE.equals(m.get("buildLog")), text(m.get("exec")));
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
