package ai.bai.client.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * The right-hand side of a range option ({@code case:}, {@code linspace:}, {@code range:}).
 * Constructors reject what cannot expand; their messages are reasons that {@link RangeOption#parse} prefixes with the text.
 */
public sealed interface RangeExpr permits RangeExpr.Cases, RangeExpr.Linspace, RangeExpr.Range {

    /** The values as text, in order; numeric forms compute each value on access, so a long range costs no memory. */
    List<String> values();

    int size();

    /** {@code case:A,B,...}: the items verbatim, empty ones included. */
    record Cases(List<String> items) implements RangeExpr {
        public Cases {
            items = List.copyOf(items);
            if (items.isEmpty()) {
                throw new IllegalArgumentException("it expands to no values");
            }
        }

        static Cases parse(String args) {
            return new Cases(Arrays.asList(args.split(",", -1)));
        }

        @Override
        public List<String> values() {
            return items;
        }

        @Override
        public int size() {
            return items.size();
        }
    }

    /** {@code linspace:START,STOP,POINTS}: both ends included, exact decimal steps, printed like Python floats. */
    record Linspace(BigDecimal start, BigDecimal stop, int points) implements RangeExpr {
        static final String FORM = "linspace needs START,STOP,POINTS (e.g. linspace:0.1,0.5,5)";

        public Linspace {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(stop, "stop");
            if (points < 1) {
                throw new IllegalArgumentException("the POINTS of linspace must be at least 1, got " + points);
            }
            if (Double.isInfinite(start.doubleValue()) || Double.isInfinite(stop.doubleValue())) {
                throw new IllegalArgumentException("the ends of linspace must fit a double (about ±1.8e308)");
            }
        }

        static Linspace parse(String args) {
            String[] a = args.split(",", -1);
            if (a.length != 3) {
                throw new IllegalArgumentException(FORM);
            }
            return new Linspace(decimal("START", a[0]), decimal("STOP", a[1]), integer("POINTS", a[2], FORM));
        }

        private static BigDecimal decimal(String what, String text) {
            try {
                return new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the " + what + " of linspace is not a number: '" + text + "'; " + FORM);
            }
        }

        /** value_i = start + (stop - start) * i / (points - 1); the last one is stop itself, not a rounded sum. */
        public BigDecimal value(int i) {
            Objects.checkIndex(i, points);
            if (i == 0) {
                return start;
            }
            if (i == points - 1) {
                return stop;
            }
            MathContext mc = MathContext.DECIMAL128;
            BigDecimal span = stop.subtract(start, mc).multiply(BigDecimal.valueOf(i), mc);
            return start.add(span.divide(BigDecimal.valueOf(points - 1L), mc), mc);
        }

        @Override
        public List<String> values() {
            return view(points, i -> PythonFloat.repr(value(i).doubleValue()));
        }

        @Override
        public int size() {
            return points;
        }
    }

    /** {@code range:START,STOP[,STEP]}: Python's {@code range()}, stop exclusive, printed as integers. */
    record Range(long start, long stop, long step) implements RangeExpr {
        static final String FORM = "range needs START,STOP[,STEP] (e.g. range:1,6,2)";

        public Range {
            if (step == 0) {
                throw new IllegalArgumentException("the step of range must not be 0");
            }
            if (count(start, stop, step) == 0) {
                throw new IllegalArgumentException("it expands to no values (START must be below STOP for a positive"
                        + " STEP and above it for a negative one)");
            }
            if (count(start, stop, step) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("it expands to more than " + Integer.MAX_VALUE + " values");
            }
        }

        static Range parse(String args) {
            String[] a = args.split(",", -1);
            if (a.length != 2 && a.length != 3) {
                throw new IllegalArgumentException(FORM);
            }
            long step = a.length == 3 ? longInt("STEP", a[2], FORM) : 1;
            return new Range(longInt("START", a[0], FORM), longInt("STOP", a[1], FORM), step);
        }

        /** Python's len(range(...)), computed in exact arithmetic so that extreme longs cannot overflow. */
        private static long count(long start, long stop, long step) {
            BigDecimal span = BigDecimal.valueOf(stop).subtract(BigDecimal.valueOf(start));
            if (span.signum() != Long.signum(step)) {
                return 0;
            }
            BigDecimal n = span.abs().subtract(BigDecimal.ONE)
                    .divideToIntegralValue(BigDecimal.valueOf(step).abs()).add(BigDecimal.ONE);
            return n.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
        }

        @Override
        public List<String> values() {
            return view(size(), i -> Long.toString(start + i * step));
        }

        @Override
        public int size() {
            return (int) count(start, stop, step);
        }
    }

    private static int integer(String what, String text, String form) {
        long v = longInt(what, text, form);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the " + what + " '" + text + "' is out of range; " + form);
        }
        return (int) v;
    }

    private static long longInt(String what, String text, String form) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            boolean tooLong = text.strip().matches("[+-]?[0-9]+");
            throw new IllegalArgumentException("the " + what + (tooLong ? " '" + text + "' is out of range; "
                    : " is not an integer: '" + text + "'; ") + form);
        }
    }

    /** An immutable list whose elements are computed on access. */
    private static List<String> view(int size, IntFunction<String> at) {
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                return at.apply(Objects.checkIndex(index, size));
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
