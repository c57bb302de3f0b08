package ai.bai.client.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Expands range options into the cases of a sweep: the cartesian product (env ranges outermost, the last option
 * of a kind fastest), {@code $X}/{@code ${X}} substituted from every range variable, identical cases dropped.
 */
public final class SweepPlan {
    /** More cases than a Java list can hold; callers refuse far fewer long before this. */
    static final long MAX_CASES = Integer.MAX_VALUE - 8;

    private SweepPlan() {
    }

    /** One range variable; kind 0, 1, 2 is env, build, exec. */
    private record Dim(int kind, String key, List<String> values) {
    }

    /** The number of combinations before duplicates are dropped, saturating at Long.MAX_VALUE. */
    public static long count(List<RangeOption> envRanges, List<RangeOption> buildRanges,
                             List<RangeOption> execRanges) {
        long n = 1;
        for (Dim d : dims(envRanges, buildRanges, execRanges)) {
            try {
                n = Math.multiplyExact(n, d.values.size());
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    /**
     * The distinct cases, indexed 0..n-1 in product order.
     *
     * @throws IllegalArgumentException when there are more combinations than a list can hold
     */
    public static List<SweepCase> expand(List<RangeOption> envRanges, List<RangeOption> buildRanges,
                                         List<RangeOption> execRanges, Map<String, String> environ,
                                         String build, String exec) {
        Objects.requireNonNull(environ, "environ");
        long total = count(envRanges, buildRanges, execRanges);
        if (total > MAX_CASES) {
            throw new IllegalArgumentException("the ranges give " + total + " combinations, more than "
                    + MAX_CASES + " cases can be run");
        }
        List<Dim> dims = dims(envRanges, buildRanges, execRanges);
        return new Expansion(dims, environ, build, exec).run((int) total);
    }

    /** The ranges of each kind in order, a repeated key keeping its first place and its last expression. */
    private static List<Dim> dims(List<RangeOption> env, List<RangeOption> build, List<RangeOption> exec) {
        List<Dim> dims = new ArrayList<>();
        List<List<RangeOption>> kinds = List.of(env, build, exec);
        for (int kind = 0; kind < kinds.size(); kind++) {
            Map<String, RangeExpr> byKey = new LinkedHashMap<>();
            for (RangeOption o : kinds.get(kind)) {
                byKey.put(o.key(), o.expr());
            }
            for (Map.Entry<String, RangeExpr> e : byKey.entrySet()) {
                dims.add(new Dim(kind, e.getKey(), e.getValue().values()));
            }
        }
        return dims;
    }

    /** The state of one expansion: compiled templates and an odometer over the dimensions. */
    private static final class Expansion {
        private final List<Dim> dims;
        private final String[][] values;
        private final String[] envKeys;
        private final Template[] envTemplates;
        private final Template build;
        private final Template exec;

        Expansion(List<Dim> dims, Map<String, String> environ, String build, String exec) {
            this.dims = dims;
            this.values = dims.stream().map(d -> d.values.toArray(String[]::new)).toArray(String[][]::new);
            this.envKeys = environ.keySet().toArray(String[]::new);
            this.envTemplates = environ.values().stream().map(v -> Template.compile(v, scope(0)))
                    .toArray(Template[]::new);
            this.build = build == null ? null : Template.compile(build, scope(1));
            this.exec = exec == null ? null : Template.compile(exec, scope(2));
        }

        /**
         * Variable name to dimension for a template of the given kind. Upstream only sees the template's own kind
         * (and crashes on others); bai sees all, its own kind winning when a key is in several kinds.
         */
        private Map<String, Integer> scope(int kind) {
            Map<String, Integer> scope = new HashMap<>();
            for (int i = 0; i < dims.size(); i++) {
                if (dims.get(i).kind == kind) {
                    scope.put(dims.get(i).key, i);
                } else {
                    scope.putIfAbsent(dims.get(i).key, i);
                }
            }
            return scope;
        }

        List<SweepCase> run(int total) {
            int[] at = new int[dims.size()];
            String[] current = new String[dims.size()];
            Arrays.setAll(current, i -> values[i][0]);
            List<SweepCase> cases = new ArrayList<>();
            Set<List<String>> seen = new HashSet<>();
            for (int n = 0; n < total; n++) {
                String[] rendered = new String[envTemplates.length + 2];
                for (int i = 0; i < envTemplates.length; i++) {
                    rendered[i] = envTemplates[i].render(current);
                }
                rendered[envTemplates.length] = build == null ? null : build.render(current);
                rendered[envTemplates.length + 1] = exec == null ? null : exec.render(current);
                if (seen.add(Arrays.asList(rendered))) {
                    cases.add(newCase(cases.size(), current, rendered));
                }
                advance(at, current);
            }
            return List.copyOf(cases);
        }

        private SweepCase newCase(int index, String[] current, String[] rendered) {
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < current.length; i++) {
                params.put(dims.get(i).key, current[i]);
            }
            Map<String, String> environ = new LinkedHashMap<>();
            for (int i = 0; i < envKeys.length; i++) {
                environ.put(envKeys[i], rendered[i]);
            }
            return new SweepCase(index, params, environ, rendered[envKeys.length], rendered[envKeys.length + 1]);
        }

        /** Moves to the next combination; the last dimension turns fastest. */
        private void advance(int[] at, String[] current) {
            for (int i = at.length - 1; i >= 0; i--) {
                at[i] = at[i] + 1 == values[i].length ? 0 : at[i] + 1;
                current[i] = values[i][at[i]];
                if (at[i] != 0) {
                    return;
                }
            }
        }
    }

    /**
     * A string compiled once into literal text and variable slots: literals[0] var[0] literals[1] ... literals[n].
     * Follows Python's Template.safe_substitute: {@code $$} is '$'; unknown names and a stray '$' stay as written.
     */
    private record Template(String[] literals, int[] vars) {
        static Template compile(String text, Map<String, Integer> scope) {
            List<String> literals = new ArrayList<>();
            List<Integer> vars = new ArrayList<>();
            StringBuilder lit = new StringBuilder();
            for (int i = 0; i < text.length(); ) {
                boolean dollar = text.charAt(i) == '$';
                if (dollar && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                    lit.append('$');
                    i += 2;
                    continue;
                }
                int[] ref = dollar ? reference(text, i) : null;
                Integer slot = ref == null ? null : scope.get(text.substring(ref[0], ref[1]));
                if (slot == null) {
                    lit.append(text.charAt(i++));
                    continue;
                }
                literals.add(lit.toString());
                lit.setLength(0);
                vars.add(slot);
                i = ref[2];
            }
            literals.add(lit.toString());
            return new Template(literals.toArray(String[]::new), vars.stream().mapToInt(Integer::intValue).toArray());
        }

        /** For {@code $NAME} or {@code ${NAME}} at {@code at}: {name start, name end, reference end}, else null. */
        private static int[] reference(String text, int at) {
            boolean braced = at + 1 < text.length() && text.charAt(at + 1) == '{';
            int from = at + (braced ? 2 : 1);
            int end = from;
            while (end < text.length() && (end == from ? RangeOption.identStart(text.charAt(end))
                    : RangeOption.identPart(text.charAt(end)))) {
                end++;
            }
            if (end == from || braced && (end == text.length() || text.charAt(end) != '}')) {
                return null;
            }
            return new int[] {from, end, braced ? end + 1 : end};
        }

        String render(String[] current) {
            if (vars.length == 0) {
                return literals[0];
            }
            StringBuilder out = new StringBuilder(literals[0]);
            for (int v = 0; v < vars.length; v++) {
                out.append(current[vars[v]]).append(literals[v + 1]);
            }
            return out.toString();
        }
    }
}
