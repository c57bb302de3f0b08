package ai.bai.api;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Backend.AI API version such as {@code v9.20250722}: the header value selects the server's behaviour. */
public record ApiVersion(int major, String date) implements Comparable<ApiVersion> {
    private static final Pattern FORMAT = Pattern.compile("v(\\d+)\\.(\\d{8})");

    public static final ApiVersion V6_20220315 = new ApiVersion(6, "20220315");
    public static final ApiVersion V8_20240915 = new ApiVersion(8, "20240915");
    public static final ApiVersion V9_20250722 = new ApiVersion(9, "20250722");
    public static final ApiVersion LATEST = V9_20250722;

    /** The versions the embedded manager accepts: the official 22.03 client's up to the newest. */
    public static final List<ApiVersion> SUPPORTED = List.of(
            V6_20220315, new ApiVersion(6, "20220615"), new ApiVersion(6, "20221201"),
            new ApiVersion(6, "20230315"), new ApiVersion(7, "20230615"), new ApiVersion(8, "20240315"),
            V8_20240915, V9_20250722);

    public static ApiVersion parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("malformed API version '" + text + "' (expected v<major>.<yyyymmdd>)");
        }
        return new ApiVersion(Integer.parseInt(m.group(1)), m.group(2));
    }

    public boolean isSupported() {
        return SUPPORTED.contains(this);
    }

    public boolean atLeast(ApiVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : date.compareTo(o.date);
    }

    @Override
    public String toString() {
        return "v" + major + "." + date;
    }
}
