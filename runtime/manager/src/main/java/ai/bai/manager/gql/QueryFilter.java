package ai.bai.manager.gql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles Backend.AI's GraphQL {@code filter} and {@code order} mini-languages into SQLite SQL.
 *
 * <pre>
 *   filter  := [ or ]                       (blank: "1=1")
 *   or      := and ( '|' and )*
 *   and     := primary ( '&amp;' primary )*
 *   primary := '(' or ')' | FIELD cmp value | FIELD ( 'in' | 'not' 'in' ) list
 *   cmp     := '==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=' | 'like' | 'ilike'
 *   value   := "str" | 'str' | NUMBER | 'true' | 'false' | 'null'
 *   list    := '[' [ value ( ',' value )* ] ']'
 *   order   := item ( ',' item )*,  item := [ '+' | '-' ] FIELD
 * </pre>
 * Keywords are case-insensitive, field names are not; strings take the escapes {@code \" \' \\} (any other
 * backslash pair is kept as written, so {@code "100\%"} reaches LIKE as an escaped percent sign); numbers may be
 * signed and may have a fraction and an exponent. The SQL text holds only the mapped column expressions, fixed
 * keywords, operators, parentheses and {@code ?}; every user value is a bound parameter. A top-level OR comes
 * back parenthesized, so the result can be ANDed with other conditions. {@code null} may only follow {@code ==}
 * or {@code !=} (giving IS NULL / IS NOT NULL); {@code in []} gives SQLite's {@code IN ()}, which matches nothing.
 *
 * <p>SQLite's LIKE is case-insensitive for ASCII unless {@code PRAGMA case_sensitive_like} is on (not assumed
 * here), so on SQLite both {@code like} and {@code ilike} match ASCII letters case-insensitively; {@code ilike}
 * additionally lower-cases both sides. Both use {@code \} as the LIKE escape character.
 */
public final class QueryFilter {
    /** A piece of SQL with '?' placeholders and the values to bind, in order. */
    public record Sql(String text, List<Object> params) { }

    private static final String OPERATORS = "==, !=, <, <=, >, >=, like, ilike, in, not in";
    private static final String VALUES = "a quoted string, a number, true, false or null";
    private static final int MAX_DEPTH = 64;
    private static final Object NULL = new Object();
    private static final Pattern TOKEN = Pattern.compile("(?<number>[+-]?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)"
            + "|(?<word>[A-Za-z_][A-Za-z0-9_]*)|(?<op>[=!<>~]+)|[()\\[\\],&|]");

    private QueryFilter() { }

    /** Compiles a filter expression; fields maps the user-visible field name to the SQL column expression. */
    public static Sql where(String filter, Map<String, String> fields) {
        if (filter == null || filter.isBlank()) {
            return new Sql("1=1", List.of());
        }
        Parser parser = new Parser(tokenize(filter), fields);
        String text = parser.parse();
        return new Sql(text, Collections.unmodifiableList(parser.params));
    }

    /** Compiles an order expression into an ORDER BY list (without the words ORDER BY). */
    public static String orderBy(String order, Map<String, String> fields) {
        if (order == null || order.isBlank()) {
            return "";
        }
        List<String> items = new ArrayList<>();
        int offset = 0;
        for (String raw : order.split(",", -1)) {
            items.add(orderItem(raw.strip(), offset + raw.length() - raw.stripLeading().length(), fields));
            offset += raw.length() + 1;
        }
        return String.join(", ", items);
    }

    private static String orderItem(String item, int pos, Map<String, String> fields) {
        if (item.isEmpty()) {
            throw error("empty item in order at position " + pos + "; expected [+|-]FIELD, e.g. -created_at,name");
        }
        boolean signed = item.charAt(0) == '-' || item.charAt(0) == '+';
        String name = signed ? item.substring(1).strip() : item;
        String column = fields.get(name);
        if (column == null) {
            throw error("unknown field " + quote(name) + " in order at position " + pos + "; accepted: "
                    + accepted(fields));
        }
        return column + (item.charAt(0) == '-' ? " DESC" : " ASC");
    }

    private static String accepted(Map<String, String> fields) {
        return String.join(", ", new TreeSet<>(fields.keySet()));
    }

    /** Echoes user text in an error message: quoted, on one line, and at most 40 characters. */
    private static String quote(String text) {
        StringBuilder b = new StringBuilder("'");
        (text.length() > 40 ? text.substring(0, 37) + "..." : text).chars().forEach(c -> b.append(
                Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? String.format("\\u%04x", c)
                        : String.valueOf((char) c)));
        return b.append('\'').toString();
    }

    private static IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message);
    }

    // ---- tokenizer ----

    private enum Kind { WORD, STRING, NUMBER, OP, PUNCT, END }

    private record Tok(Kind kind, String text, Object value, int pos) {
        boolean is(String s) {
            return kind == Kind.WORD ? text.equalsIgnoreCase(s) : kind != Kind.STRING && text.equals(s);
        }

        String show() {
            return kind == Kind.END ? "end of filter" : quote(text);
        }
    }

    private static List<Tok> tokenize(String s) {
        List<Tok> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(s);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                i = string(s, i, out);
            } else if (m.region(i, s.length()).lookingAt()) {
                Kind kind = m.group("number") != null ? Kind.NUMBER
                        : m.group("word") != null ? Kind.WORD : m.group("op") != null ? Kind.OP : Kind.PUNCT;
                out.add(new Tok(kind, m.group(), kind == Kind.NUMBER ? number(m.group()) : null, i));
                i = m.end();
            } else {
                throw error("unexpected character " + quote(String.valueOf(c)) + " at position " + i);
            }
        }
        out.add(new Tok(Kind.END, "", null, s.length()));
        return out;
    }

    /** Scans a quoted string; \" \' \\ are unescaped, any other backslash pair is kept as written. */
    private static int string(String s, int start, List<Tok> out) {
        StringBuilder b = new StringBuilder();
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == s.charAt(start)) {
                out.add(new Tok(Kind.STRING, s.substring(start, i + 1), b.toString(), start));
                return i + 1;
            }
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
                b.append(c == '"' || c == '\'' || c == '\\' ? "" : "\\");
            }
            b.append(c);
        }
        throw error("unterminated string starting at position " + start);
    }

    private static Object number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notALong) {
            return Double.parseDouble(text);
        }
    }

    // ---- parser ----

    /** A compiled piece of WHERE text; atomic pieces need no parentheses when combined. */
    private record Expr(String sql, boolean atomic) { }

    private static final class Parser {
        private final List<Tok> toks;
        private final Map<String, String> fields;
        private final List<Object> params = new ArrayList<>();
        private int at;
        private int depth;

        Parser(List<Tok> toks, Map<String, String> fields) {
            this.toks = toks;
            this.fields = fields;
        }

        String parse() {
            String sql = or().sql();
            Tok t = toks.get(at);
            if (t.kind() != Kind.END) {
                throw error("unexpected " + t.show() + " at position " + t.pos()
                        + "; expected &, | or the end of the filter");
            }
            return sql;
        }

        private Tok next() {
            return toks.get(at < toks.size() - 1 ? at++ : at);
        }

        private Expr or() {
            List<Expr> terms = new ArrayList<>(List.of(and()));
            while (toks.get(at).is("|")) {
                at++;
                terms.add(and());
            }
            if (terms.size() == 1) {
                return terms.get(0);
            }
            List<String> parts = terms.stream().map(e -> e.atomic() ? e.sql() : "(" + e.sql() + ")").toList();
            return new Expr("(" + String.join(" OR ", parts) + ")", true);
        }

        private Expr and() {
            List<String> factors = new ArrayList<>(List.of(primary().sql()));
            while (toks.get(at).is("&")) {
                at++;
                factors.add(primary().sql());
            }
            return new Expr(String.join(" AND ", factors), factors.size() == 1);
        }

        private Expr primary() {
            Tok open = toks.get(at);
            if (!open.is("(")) {
                return new Expr(comparison(), true);
            }
            if (++depth > MAX_DEPTH) {
                throw error("too many nested parentheses at position " + open.pos() + "; at most " + MAX_DEPTH);
            }
            at++;
            Expr inner = or();
            Tok close = next();
            if (!close.is(")")) {
                throw error("expected ')' at position " + close.pos() + " to close '(' at position " + open.pos()
                        + ", found " + close.show());
            }
            depth--;
            return inner.atomic() ? inner : new Expr("(" + inner.sql() + ")", true);
        }

        private String comparison() {
            Tok field = next();
            if (field.kind() != Kind.WORD) {
                throw error("expected a field name at position " + field.pos() + ", found " + field.show()
                        + "; accepted: " + accepted(fields));
            }
            String col = fields.get(field.text());
            if (col == null) {
                throw error("unknown field " + quote(field.text()) + " in filter at position " + field.pos()
                        + "; accepted: " + accepted(fields));
            }
            Tok op = next();
            boolean opLike = op.kind() == Kind.WORD || op.kind() == Kind.OP;
            return switch (opLike ? op.text().toLowerCase(Locale.ROOT) : "") {
                case "==" -> equality(col, op, "=", "IS NULL");
                case "!=" -> equality(col, op, "<>", "IS NOT NULL");
                case "<", "<=", ">", ">=" -> col + " " + op.text() + " " + param(value(op, "can only be compared"
                        + " with == or !="));
                case "like" -> col + " LIKE " + param(string(op)) + " ESCAPE '\\'";
                case "ilike" -> "lower(" + col + ") LIKE lower(" + param(string(op)) + ") ESCAPE '\\'";
                case "in" -> col + " IN " + list(op);
                case "not" -> col + " NOT IN " + list(notIn());
                default -> throw error(opLike ? "unknown operator " + quote(op.text()) + " at position " + op.pos()
                        + "; accepted: " + OPERATORS : "expected an operator at position " + op.pos() + ", found "
                        + op.show() + "; accepted: " + OPERATORS);
            };
        }

        private String equality(String col, Tok op, String sqlOp, String nullTest) {
            Object v = value(op, null);
            return col + " " + (v == NULL ? nullTest : sqlOp + " " + param(v));
        }

        private String param(Object value) {
            params.add(value);
            return "?";
        }

        private Tok notIn() {
            Tok in = next();
            if (!in.is("in")) {
                throw error("expected 'in' after 'not' at position " + in.pos() + ", found " + in.show());
            }
            return in;
        }

        private String string(Tok op) {
            Tok v = next();
            if (v.kind() != Kind.STRING) {
                throw error("expected a quoted string after '" + op.text() + "' at position " + v.pos()
                        + ", found " + v.show());
            }
            return (String) v.value();
        }

        private String list(Tok op) {
            Tok sep = next();
            if (!sep.is("[")) {
                throw error("expected '[' after '" + op.text() + "' at position " + sep.pos() + ", found "
                        + sep.show() + " (a list like [\"a\", \"b\"])");
            }
            List<String> marks = new ArrayList<>();
            if (toks.get(at).is("]")) {
                at++;
                return "()";
            }
            do {
                marks.add(param(value(sep, "is not allowed in a list; use == null or != null")));
                sep = next();
                if (!sep.is(",") && !sep.is("]")) {
                    throw error("expected ',' or ']' at position " + sep.pos() + ", found " + sep.show());
                }
            } while (sep.is(","));
            return "(" + String.join(", ", marks) + ")";
        }

        /** Reads a scalar after the token {@code after}; null is NULL, or an error when nullHint is given. */
        private Object value(Tok after, String nullHint) {
            Tok v = next();
            if (v.kind() == Kind.STRING || v.kind() == Kind.NUMBER) {
                return v.value();
            } else if (v.is("true") || v.is("false")) {
                return v.is("true");
            } else if (!v.is("null")) {
                throw error("expected a value after '" + after.text() + "' at position " + v.pos() + " (" + VALUES
                        + ")");
            } else if (nullHint != null) {
                throw error("null at position " + v.pos() + " " + nullHint);
            }
            return NULL;
        }
    }
}
