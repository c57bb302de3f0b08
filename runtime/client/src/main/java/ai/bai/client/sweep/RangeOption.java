package ai.bai.client.sweep;

import java.util.Objects;

/** One {@code --env-range}, {@code --build-range} or {@code --exec-range} value: {@code KEY=TYPE:ARGS}. */
public record RangeOption(String key, RangeExpr expr) {
    static final String ACCEPTED = "case:A,B,..., linspace:START,STOP,POINTS, range:START,STOP[,STEP]";
    static final String BAD_KEY = "the key must be an identifier (letters, digits and _, not starting with a digit)";

    public RangeOption {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expr, "expr");
        if (!isIdentifier(key)) {
            throw new IllegalArgumentException(BAD_KEY);
        }
    }

    /**
     * Parses {@code KEY=TYPE:ARGS}, splitting on the first '=' and the first ':' after it.
     *
     * @throws IllegalArgumentException with a one-line message naming the text and the accepted forms
     */
    public static RangeOption parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            int eq = text.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected KEY=TYPE:ARGS with TYPE:ARGS one of " + ACCEPTED);
            }
            String key = text.substring(0, eq);
            if (!isIdentifier(key)) {
                throw new IllegalArgumentException(BAD_KEY);
            }
            String rest = text.substring(eq + 1);
            int colon = rest.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected TYPE:ARGS after '=', one of " + ACCEPTED);
            }
            return new RangeOption(key, expr(rest.substring(0, colon), rest.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(oneLine("invalid range '" + text + "': " + e.getMessage()), e);
        }
    }

    private static RangeExpr expr(String type, String args) {
        return switch (type) {
            case "case" -> RangeExpr.Cases.parse(args);
            case "linspace" -> RangeExpr.Linspace.parse(args);
            case "range" -> RangeExpr.Range.parse(args);
            default -> throw new IllegalArgumentException("unknown type '" + type + "'; accepted: " + ACCEPTED);
        };
    }

    /** Python's {@code [_a-zA-Z][_a-zA-Z0-9]*}, ASCII only, as upstream's slug check and string.Template use. */
    static boolean isIdentifier(CharSequence s) {
        if (s.isEmpty() || !identStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!identPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean identStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean identPart(char c) {
        return identStart(c) || (c >= '0' && c <= '9');
    }

    /** Keeps the message on one line even when the offending text spans several. */
    private static String oneLine(String message) {
        return message.replace("\r", "\\r").replace("\n", "\\n");
    }
}
