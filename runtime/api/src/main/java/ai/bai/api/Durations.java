package ai.bai.api;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations and start times as Backend.AI writes them: {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d},
 * {@code 1w}, a bare number of seconds, or (for start times) an ISO 8601 timestamp.
 */
public final class Durations {
    private static final Pattern RELATIVE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(s|m|h|d|w)?");
    public static final String ACCEPTED = "a duration such as 30s, 10m, 2h, 1d or 1w, or a number of seconds";

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher m = RELATIVE.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration '" + text + "'; expected " + ACCEPTED);
        }
        double amount = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86_400;
            case "w" -> 604_800;
            default -> 1;
        };
        return Duration.ofMillis(Math.round(amount * unit * 1000));
    }

    /** A start time: relative to {@code now} ({@code 10m}) or absolute (ISO 8601); it must lie in the future. */
    public static Instant startTime(String text, Instant now) {
        Instant at;
        try {
            at = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException notAbsolute) {
            try {
                at = now.plus(parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid start time '" + text + "'; expected an ISO 8601 time "
                        + "such as 2026-12-01T09:00:00+00:00 or " + ACCEPTED);
            }
        }
        if (!at.isAfter(now)) {
            throw new IllegalArgumentException("start time '" + text + "' is in the past");
        }
        return at;
    }
}
