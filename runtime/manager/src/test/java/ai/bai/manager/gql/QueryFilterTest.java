package ai.bai.manager.gql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.bai.manager.gql.QueryFilter.Sql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryFilterTest {
    static final Map<String, String> FIELDS = Map.of("name", "name", "status", "status", "image", "image",
            "created_at", "created_at", "priority", "priority", "tag", "tag");
    static final String ACCEPTED = "accepted: created_at, image, name, priority, status, tag";
    static final String OPERATORS = "accepted: ==, !=, <, <=, >, >=, like, ilike, in, not in";
    static final String VALUES = "(a quoted string, a number, true, false or null)";

    static Connection db;

    @BeforeAll
    static void openDatabase() throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE sessions (name TEXT, status TEXT, image TEXT, created_at TEXT,"
                    + " priority INTEGER, tag TEXT)");
            st.execute("INSERT INTO sessions VALUES"
                    + " ('alpha', 'RUNNING', 'python:3.11', '2024-01-01', 5, 'gpu'),"
                    + " ('beta', 'PENDING', 'pytorch:2.1', '2024-01-03', 1, NULL),"
                    + " ('Gamma', 'TERMINATED', 'python:3.9', '2024-01-02', 10, 'cpu'),"
                    + " ('delta', 'RUNNING', 'tensorflow:2.15', '2024-01-04', 3, 'it''s'),"
                    + " ('eps%', 'ERROR', 'python:3.11', '2024-01-05', 7, 'gpu')");
        }
    }

    @AfterAll
    static void closeDatabase() throws SQLException {
        db.close();
    }

    static Arguments ok(String filter, String sql, Object... params) {
        return Arguments.of(filter, sql, Arrays.asList(params));
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                ok("name == \"a\"", "name = ?", "a"),
                ok("name != 'a'", "name <> ?", "a"),
                ok("priority < 5", "priority < ?", 5L),
                ok("priority <= 5", "priority <= ?", 5L),
                ok("priority > -5", "priority > ?", -5L),
                ok("priority >= 2.5", "priority >= ?", 2.5),
                ok("name like \"py%\"", "name LIKE ? ESCAPE '\\'", "py%"),
                ok("name ilike \"PY%\"", "lower(name) LIKE lower(?) ESCAPE '\\'", "PY%"),
                ok("status in [\"RUNNING\", 'PENDING']", "status IN (?, ?)", "RUNNING", "PENDING"),
                ok("status not in [\"TERMINATED\"]", "status NOT IN (?)", "TERMINATED"),
                ok("priority not in [1,2 ,3]", "priority NOT IN (?, ?, ?)", 1L, 2L, 3L),
                ok("tag in ['a', 1, true, 2.5]", "tag IN (?, ?, ?, ?)", "a", 1L, true, 2.5),
                ok("priority in []", "priority IN ()"),
                ok("priority not in [ ]", "priority NOT IN ()"),
                // null comparisons
                ok("tag == null", "tag IS NULL"),
                ok("tag != NULL", "tag IS NOT NULL"),
                ok("tag == 'null'", "tag = ?", "null"),
                // numbers and booleans
                ok("priority == 0", "priority = ?", 0L),
                ok("priority == +7", "priority = ?", 7L),
                ok("priority == -0.25", "priority = ?", -0.25),
                ok("priority == 1e3", "priority = ?", 1000.0),
                ok("priority == 2.5E-1", "priority = ?", 0.25),
                ok("priority == 99999999999999999999", "priority = ?", 1e20),
                ok("tag == true", "tag = ?", true),
                ok("tag != FALSE", "tag <> ?", false),
                // quoting and escapes
                ok("name == \"say \\\"hi\\\"\"", "name = ?", "say \"hi\""),
                ok("name == 'it\\'s'", "name = ?", "it's"),
                ok("name == \"it's\"", "name = ?", "it's"),
                ok("name == '\"q\"'", "name = ?", "\"q\""),
                ok("name == \"back\\\\slash\"", "name = ?", "back\\slash"),
                ok("name like \"100\\%\"", "name LIKE ? ESCAPE '\\'", "100\\%"),
                ok("name == \"\"", "name = ?", ""),
                ok("name == \"a & b | (c) [d], == e\"", "name = ?", "a & b | (c) [d], == e"),
                ok("name == \"x' OR '1'='1\"", "name = ?", "x' OR '1'='1"),
                ok("name == '; DROP TABLE sessions; --'", "name = ?", "; DROP TABLE sessions; --"),
                // precedence and parentheses
                ok("name == 'a' | status == 'b' & image == 'c'",
                        "(name = ? OR (status = ? AND image = ?))", "a", "b", "c"),
                ok("name == 'a' & status == 'b' | image == 'c'",
                        "((name = ? AND status = ?) OR image = ?)", "a", "b", "c"),
                ok("(name == 'a' | status == 'b') & image == 'c'",
                        "(name = ? OR status = ?) AND image = ?", "a", "b", "c"),
                ok("name == 'a' & (status == 'b' | image == 'c')",
                        "name = ? AND (status = ? OR image = ?)", "a", "b", "c"),
                ok("(name == 'a' & status == 'b') & tag == null",
                        "(name = ? AND status = ?) AND tag IS NULL", "a", "b"),
                ok("name == 'a' | status == 'b' | image == 'c'",
                        "(name = ? OR status = ? OR image = ?)", "a", "b", "c"),
                ok("((name == 'a'))", "name = ?", "a"),
                ok("((name == 'a' | tag == 1))", "(name = ? OR tag = ?)", "a", 1L),
                // case-insensitive keywords and free whitespace
                ok("name LIKE 'a' & tag IlIkE 'b'",
                        "name LIKE ? ESCAPE '\\' AND lower(tag) LIKE lower(?) ESCAPE '\\'", "a", "b"),
                ok("status NOT   IN ['x'] & status In ['y']", "status NOT IN (?) AND status IN (?)", "x", "y"),
                ok("name=='a'&status!='b'|priority>=3", "((name = ? AND status <> ?) OR priority >= ?)", "a", "b", 3L),
                ok("\n\t name\t==  'a'  \r\n", "name = ?", "a"),
                ok("priority==-1", "priority = ?", -1L));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("filters")
    void compilesFilters(String filter, String sql, List<Object> params) {
        Sql compiled = QueryFilter.where(filter, FIELDS);
        assertEquals(sql, compiled.text());
        assertEquals(params, compiled.params());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t"})
    void blankFilterMatchesEverything(String filter) {
        assertEquals(new Sql("1=1", List.of()), QueryFilter.where(filter, FIELDS));
    }

    @Test
    void usesTheMappedColumnExpressions() {
        Map<String, String> fields = Map.of("created", "s.created_at", "owner", "lower(k.user_id)");
        Sql sql = QueryFilter.where("created >= '2024' & owner == 'me'", fields);
        assertEquals("s.created_at >= ? AND lower(k.user_id) = ?", sql.text());
        assertEquals("s.created_at DESC, lower(k.user_id) ASC", QueryFilter.orderBy("-created,owner", fields));
    }

    static Stream<Arguments> filterErrors() {
        return Stream.of(
                Arguments.of("nmae == 'x'", "unknown field 'nmae' in filter at position 0; " + ACCEPTED),
                Arguments.of("name == 'a' & NAME == 'b'", "unknown field 'NAME' in filter at position 14; " + ACCEPTED),
                Arguments.of("'x' == name", "expected a field name at position 0, found ''x''; " + ACCEPTED),
                Arguments.of("name == 'a' & ",
                        "expected a field name at position 14, found end of filter; " + ACCEPTED),
                Arguments.of("()", "expected a field name at position 1, found ')'; " + ACCEPTED),
                Arguments.of("name == ", "expected a value after '==' at position 8 " + VALUES),
                Arguments.of("name == )", "expected a value after '==' at position 8 " + VALUES),
                Arguments.of("priority >= abc", "expected a value after '>=' at position 12 " + VALUES),
                Arguments.of("name == 'abc", "unterminated string starting at position 8"),
                Arguments.of("name == \"a\\\"", "unterminated string starting at position 8"),
                Arguments.of("name == 'a' | tag == \"", "unterminated string starting at position 21"),
                Arguments.of("(name == 'a'))", "unexpected ')' at position 13; expected &, | or the end of the filter"),
                Arguments.of("name == 'a' name == 'b'",
                        "unexpected 'name' at position 12; expected &, | or the end of the filter"),
                Arguments.of("(name == 'a'",
                        "expected ')' at position 12 to close '(' at position 0, found end of filter"),
                Arguments.of("name =~ 'x'", "unknown operator '=~' at position 5; " + OPERATORS),
                Arguments.of("name = 'x'", "unknown operator '=' at position 5; " + OPERATORS),
                Arguments.of("name contains 'x'", "unknown operator 'contains' at position 5; " + OPERATORS),
                Arguments.of("name", "expected an operator at position 4, found end of filter; " + OPERATORS),
                Arguments.of("name 'x'", "expected an operator at position 5, found ''x''; " + OPERATORS),
                Arguments.of("name not like 'x'", "expected 'in' after 'not' at position 9, found 'like'"),
                Arguments.of("status in 'x'",
                        "expected '[' after 'in' at position 10, found ''x'' (a list like [\"a\", \"b\"])"),
                Arguments.of("status in ['a' 'b']", "expected ',' or ']' at position 15, found ''b''"),
                Arguments.of("status in ['a',]", "expected a value after ',' at position 15 " + VALUES),
                Arguments.of("status in ['a'", "expected ',' or ']' at position 14, found end of filter"),
                Arguments.of("status in [null]",
                        "null at position 11 is not allowed in a list; use == null or != null"),
                Arguments.of("priority < null", "null at position 11 can only be compared with == or !="),
                Arguments.of("name like 5", "expected a quoted string after 'like' at position 10, found '5'"),
                Arguments.of("name == 'a'; DROP TABLE sessions", "unexpected character ';' at position 11"),
                Arguments.of("name == 'a' -- comment", "unexpected character '-' at position 12"),
                Arguments.of("name == 1.2.3", "unexpected character '.' at position 11"),
                Arguments.of("name == 'a' & \u0000", "unexpected character '\\u0000' at position 14"),
                Arguments.of("name 'multi\nline'", "expected an operator at position 5, found ''multi\\u000aline''; "
                        + OPERATORS),
                Arguments.of("(".repeat(65) + "name == 'a'" + ")".repeat(65),
                        "too many nested parentheses at position 64; at most 64"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("filterErrors")
    void rejectsBadFiltersWithAOneLineMessage(String filter, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> QueryFilter.where(filter, FIELDS));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of("name", "name ASC"),
                Arguments.of("-created_at,name", "created_at DESC, name ASC"),
                Arguments.of("+priority , - name", "priority ASC, name DESC"),
                Arguments.of("  -tag  ", "tag DESC"),
                Arguments.of("", ""),
                Arguments.of("   ", ""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("orders")
    void compilesOrders(String order, String sql) {
        assertEquals(sql, QueryFilter.orderBy(order, FIELDS));
    }

    static Stream<Arguments> orderErrors() {
        return Stream.of(
                Arguments.of("x", "unknown field 'x' in order at position 0; " + ACCEPTED),
                Arguments.of("name, nmae", "unknown field 'nmae' in order at position 6; " + ACCEPTED),
                Arguments.of("--name", "unknown field '-name' in order at position 0; " + ACCEPTED),
                Arguments.of("name DESC", "unknown field 'name DESC' in order at position 0; " + ACCEPTED),
                Arguments.of("name; DROP TABLE x",
                        "unknown field 'name; DROP TABLE x' in order at position 0; " + ACCEPTED),
                Arguments.of("name,,status",
                        "empty item in order at position 5; expected [+|-]FIELD, e.g. -created_at,name"),
                Arguments.of("name,", "empty item in order at position 5; expected [+|-]FIELD, e.g. -created_at,name"),
                Arguments.of("-", "unknown field '' in order at position 0; " + ACCEPTED));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("orderErrors")
    void rejectsBadOrders(String order, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> QueryFilter.orderBy(order, FIELDS));
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> selections() {
        return Stream.of(
                Arguments.of("", "", List.of("Gamma", "alpha", "beta", "delta", "eps%")),
                Arguments.of("status == 'RUNNING'", "-created_at", List.of("delta", "alpha")),
                Arguments.of("status in ['RUNNING', 'PENDING'] & priority >= 3", "name", List.of("alpha", "delta")),
                Arguments.of("tag == null", "", List.of("beta")),
                Arguments.of("tag != null", "priority", List.of("delta", "alpha", "eps%", "Gamma")),
                Arguments.of("image like 'python:%'", "created_at", List.of("alpha", "Gamma", "eps%")),
                Arguments.of("name ilike 'GAM%'", "", List.of("Gamma")),
                Arguments.of("name like 'gam%'", "", List.of("Gamma")), // SQLite LIKE ignores ASCII case
                Arguments.of("name like '%\\%'", "", List.of("eps%")),
                Arguments.of("tag == \"it's\"", "", List.of("delta")),
                Arguments.of("status not in ['RUNNING'] & (priority < 5 | tag == 'cpu')", "", List.of("Gamma", "beta")),
                Arguments.of("priority > 4 | status == 'RUNNING' & priority < 4", "-priority",
                        List.of("Gamma", "eps%", "alpha", "delta")),
                Arguments.of("priority == 1.0", "", List.of("beta")),
                Arguments.of("priority == true", "", List.of("beta")),
                Arguments.of("name == \"x' OR '1'='1\"", "", List.of()),
                Arguments.of("status in []", "", List.of()),
                Arguments.of("status not in []", "-name", List.of("eps%", "delta", "beta", "alpha", "Gamma")));
    }

    @ParameterizedTest(name = "[{index}] {0} / {1}")
    @MethodSource("selections")
    void selectsRowsFromARealSqliteTable(String filter, String order, List<String> names) throws SQLException {
        assertEquals(names, select(QueryFilter.where(filter, FIELDS), QueryFilter.orderBy(order, FIELDS), "1=1"));
    }

    @Test
    void aTopLevelOrStaysInsideItsParenthesesWhenTheCallerAddsConditions() throws SQLException {
        Sql sql = QueryFilter.where("status == 'PENDING' | status == 'RUNNING'", FIELDS);
        assertEquals(List.of("alpha"), select(sql, "", "priority > 4"));
    }

    static List<String> select(Sql where, String order, String extra) throws SQLException {
        String text = "SELECT name FROM sessions WHERE " + extra + " AND " + where.text()
                + " ORDER BY " + (order.isEmpty() ? "name" : order);
        try (PreparedStatement ps = bind(db.prepareStatement(text), where.params()); ResultSet rs = ps.executeQuery()) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    static PreparedStatement bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }

    // ---- property-based fuzzing ----

    static final String[] ATOMS = {"name", "status", "image", "created_at", "priority", "tag", "nmae", "x", "sessions",
        "DROP TABLE sessions", "SELECT", "OR", "AND", "1=1", "==", "!=", "<", "<=", ">", ">=", "=", "=~", "!", "like",
        "ILIKE", "in", "not in", "not", "null", "true", "False", "&", "|", "(", ")", "[", "]", ",", ";", "--", "'",
        "\"",
        "\\", "'abc'", "\"a b\"", "'it\\'s'", "\"x\\\"y\"", "'%'", "'\\\\'", "0", "42", "-7", "+3", "3.14", "1e9",
        "99999999999999999999", " ", "  ", "\t", "\n", "/*", "*/", "?", "$1", "é", "\u0000", "+", "-", ".", "`", "@"};
    static final String[] FIELD_NAMES = FIELDS.keySet().toArray(String[]::new);
    static final String[] OPS = {"==", "!=", "<", "<=", ">", ">=", "like", "ilike", "LIKE", "in", "not in", "NOT IN"};
    static final String[] SCALARS = {"'a'", "\"b\"", "'x\\' OR 1=1 --'", "\"'; DROP TABLE sessions; --\"", "'it\\'s'",
        "\"%\\\\\"", "'?'", "0", "-1", "2.5", "1e-3", "true", "FALSE", "null", "'name'", "\")\""};
    static final Set<String> SQL_WORDS = new HashSet<>(List.of("AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "lower",
            "ASC", "DESC", "ESCAPE '\\'"));
    static final Pattern SQL_TOKEN =
            Pattern.compile("\\s+|ESCAPE '\\\\'|1=1|<>|<=|>=|[=<>?,()]|[A-Za-z_][A-Za-z_0-9]*");

    static String pick(Random rnd, String[] from) {
        return from[rnd.nextInt(from.length)];
    }

    static String soup(Random rnd) {
        StringBuilder b = new StringBuilder();
        for (int n = 1 + rnd.nextInt(12); n > 0; n--) {
            b.append(pick(rnd, ATOMS)).append(rnd.nextBoolean() ? " " : "");
        }
        return b.toString();
    }

    static String expr(Random rnd, int depth) {
        int kind = depth > 3 ? 0 : rnd.nextInt(4);
        if (kind == 2) {
            return expr(rnd, depth + 1) + (rnd.nextBoolean() ? " & " : " | ") + expr(rnd, depth + 1);
        }
        if (kind == 3) {
            return "(" + expr(rnd, depth + 1) + ")";
        }
        String op = pick(rnd, OPS);
        String value = pick(rnd, SCALARS);
        if (op.toLowerCase().endsWith("in")) {
            List<String> items = new ArrayList<>();
            for (int n = rnd.nextInt(4); n > 0; n--) {
                items.add(pick(rnd, SCALARS));
            }
            value = "[" + String.join(", ", items) + "]";
        }
        return pick(rnd, FIELD_NAMES) + " " + op + " " + value;
    }

    static String mutate(Random rnd, String s) {
        int at = rnd.nextInt(s.length() + 1);
        return switch (rnd.nextInt(3)) {
            case 0 -> s.substring(0, at) + pick(rnd, ATOMS) + s.substring(at);
            case 1 -> at < s.length() ? s.substring(0, at) + s.substring(at + 1) : s;
            default -> s;
        };
    }

    /** Fails unless the SQL holds only mapped columns, fixed keywords, operators, parentheses, commas and '?'. */
    static void assertNoUserText(String sql, String input) {
        Matcher m = SQL_TOKEN.matcher(sql);
        int at = 0;
        while (at < sql.length()) {
            if (!m.region(at, sql.length()).lookingAt()) {
                fail("user text leaked into SQL at " + at + ": " + sql + " (input: " + input + ")");
            }
            String token = m.group();
            if (Character.isLetter(token.charAt(0)) && !SQL_WORDS.contains(token) && !FIELDS.containsValue(token)) {
                fail("unexpected word '" + token + "' in SQL: " + sql + " (input: " + input + ")");
            }
            at = m.end();
        }
    }

    @Test
    void fuzzedFiltersAreRejectedOrCompileToSafeRunnableSql() throws SQLException {
        Random rnd = new Random(0x5EED_F11E7L);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 5000; i++) {
            String input = i % 2 == 0 ? soup(rnd) : rnd.nextInt(3) == 0 ? mutate(rnd, expr(rnd, 0)) : expr(rnd, 0);
            Sql sql;
            try {
                sql = QueryFilter.where(input, FIELDS);
            } catch (IllegalArgumentException e) {
                rejected++;
                assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), e.getMessage());
                continue;
            } catch (RuntimeException | Error e) {
                throw new AssertionError("unexpected " + e + " for input: " + input, e);
            }
            accepted++;
            assertNoUserText(sql.text(), input);
            assertEquals(sql.text().chars().filter(c -> c == '?').count(), sql.params().size(), input);
            for (Object p : sql.params()) {
                assertTrue(p instanceof String || p instanceof Long || p instanceof Double || p instanceof Boolean,
                        "param " + p + " for input: " + input);
            }
            select(sql, "", "1=1"); // SQLite accepts it and binds every parameter
        }
        assertTrue(accepted > 1000 && rejected > 1000, "accepted " + accepted + ", rejected " + rejected);
    }

    @Test
    void fuzzedOrdersAreRejectedOrListOnlyMappedColumns() {
        Random rnd = new Random(42);
        String[] atoms = {"name", "status", "-", "+", ",", " ", "created_at", "x", "DESC", ";", "--", "'", "DROP",
            "\n"};
        Pattern safe = Pattern.compile("(name|status|created_at) (ASC|DESC)(, (name|status|created_at) (ASC|DESC))*");
        int accepted = 0;
        for (int i = 0; i < 5000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = 1 + rnd.nextInt(8); n > 0; n--) {
                b.append(pick(rnd, atoms));
            }
            try {
                String sql = QueryFilter.orderBy(b.toString(), FIELDS);
                assertTrue(sql.isEmpty() || safe.matcher(sql).matches(), sql + " for input: " + b);
                accepted++;
            } catch (IllegalArgumentException e) {
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            }
        }
        assertTrue(accepted > 100, "accepted " + accepted);
    }
}
