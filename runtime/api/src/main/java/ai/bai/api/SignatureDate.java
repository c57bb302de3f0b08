package ai.bai.api;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The Date header of a signed request: ISO 8601 (what the Python client sends) or RFC 1123; UTC when no offset. */
public final class SignatureDate {
    private SignatureDate() {
    }

    public static OffsetDateTime parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing Date header");
        }
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException ignored) {
            // try the next accepted form
        }
        try {
            return LocalDateTime.parse(v, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try the next accepted form
        }
        try {
            return OffsetDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unparsable Date header '" + value
                    + "' (expected ISO 8601 such as 2024-09-15T12:34:56.789012+00:00, or RFC 1123)");
        }
    }

    /** What a client sends: ISO 8601 in UTC with microseconds and an explicit offset. */
    public static String format(OffsetDateTime when) {
        return when.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx"));
    }
}
