package ai.bai.client.sweep;

import java.math.BigDecimal;

/** Formats a double exactly as Python's {@code repr(float)} does, so sweep values read like upstream's numbers. */
public final class PythonFloat {
    private PythonFloat() {
    }

    /** Shortest round-trip digits; fixed notation for 1e-4 <= |x| < 1e16, else Python's {@code 1e+16} form. */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return Double.doubleToRawLongBits(x) < 0 ? "-0.0" : "0.0";
        }
        Digits d = shortest(Math.abs(x));
        String body = d.exp < -4 || d.exp >= 16 ? scientific(d) : fixed(d);
        return x < 0 ? "-" + body : body;
    }

    /** The value is 0.d1d2d3... times 10^(exp+1), i.e. d1.d2d3... times 10^exp; digits has no leading or trailing zero. */
    private record Digits(String digits, int exp) {
    }

    private static Digits shortest(double x) {
        Digits d = parse(Double.toString(x));
        // Java may prefer a closer two-digit form (4.9E-324) where Python takes the shortest one (5e-324).
        return d.digits.length() == 2 ? oneDigit(x, d) : d;
    }

    private static Digits parse(String s) {
        int e = s.indexOf('E');
        int exp = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        String mantissa = e < 0 ? s : s.substring(0, e);
        int dot = mantissa.indexOf('.');
        String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int point = dot + exp; // digits before the decimal point within 'all'
        int lead = 0;
        while (all.charAt(lead) == '0') {
            lead++;
        }
        int end = all.length();
        while (all.charAt(end - 1) == '0') {
            end--;
        }
        return new Digits(all.substring(lead, end), point - lead - 1);
    }

    private static Digits oneDigit(double x, Digits two) {
        int first = two.digits.charAt(0) - '0';
        Digits down = new Digits(String.valueOf(first), two.exp);
        Digits up = first == 9 ? new Digits("1", two.exp + 1) : new Digits(String.valueOf(first + 1), two.exp);
        boolean downOk = roundTrips(down, x);
        boolean upOk = roundTrips(up, x);
        if (downOk && upOk) {
            BigDecimal exact = new BigDecimal(x);
            return value(down).subtract(exact).abs().compareTo(value(up).subtract(exact).abs()) <= 0 ? down : up;
        }
        return downOk ? down : upOk ? up : two;
    }

    private static boolean roundTrips(Digits d, double x) {
        return Double.parseDouble(d.digits + "e" + d.exp) == x;
    }

    private static BigDecimal value(Digits d) {
        return new BigDecimal(d.digits + "e" + d.exp);
    }

    private static String scientific(Digits d) {
        StringBuilder out = new StringBuilder().append(d.digits.charAt(0));
        if (d.digits.length() > 1) {
            out.append('.').append(d.digits, 1, d.digits.length());
        }
        int abs = Math.abs(d.exp);
        return out.append(d.exp < 0 ? "e-" : "e+").append(abs < 10 ? "0" : "").append(abs).toString();
    }

    private static String fixed(Digits d) {
        String digits = d.digits;
        if (d.exp < 0) {
            return "0." + "0".repeat(-d.exp - 1) + digits;
        }
        int intLen = d.exp + 1;
        if (digits.length() <= intLen) {
            return digits + "0".repeat(intLen - digits.length()) + ".0";
        }
        return digits.substring(0, intLen) + "." + digits.substring(intLen);
    }
}
