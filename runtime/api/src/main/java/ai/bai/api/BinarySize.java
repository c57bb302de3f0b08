package ai.bai.api;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as Backend.AI writes them: {@code 4g}, {@code 4G}, {@code 4GiB}, {@code 4 gb}, {@code 1.5g},
 * {@code 256m}; suffixes are binary (k = 2^10 ...); bare digits are bytes.
 */
public final class BinarySize {
    private static final Pattern FORMAT = Pattern.compile(
            "(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*([kmgtpe])?(?:i?b(?:ytes?)?|bytes?)?");
    private static final String UNITS = "kmgtpe";
    public static final String ACCEPTED = "a number of bytes with an optional binary suffix k, m, g, t, p or e "
            + "(e.g. 256m, 4g, 4GiB, 1.5g)";

    private BinarySize() {
    }

    public static long parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing size; expected " + ACCEPTED);
        }
        String t = text.trim().replace("_", "").toLowerCase(Locale.ROOT);
        Matcher m = FORMAT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size '" + text + "'; expected " + ACCEPTED);
        }
        BigDecimal value = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
        if (m.group(2) != null) {
            value = value.multiply(BigDecimal.valueOf(2).pow(10 * (UNITS.indexOf(m.group(2)) + 1)));
        }
        try {
            return value.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("invalid size '" + text + "': not a whole number of bytes");
        }
    }

    /** Human form with a binary suffix, e.g. 268435456 → {@code 256m}; whole units only. */
    public static String format(long bytes) {
        for (int i = UNITS.length() - 1; i >= 0; i--) {
            long unit = 1L << (10 * (i + 1));
            if (bytes >= unit && bytes % unit == 0) {
                return (bytes / unit) + String.valueOf(UNITS.charAt(i));
            }
        }
        return Long.toString(bytes);
    }
}
