package ai.bai.launcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: aligned columns, a header with a rule, or bare rows with {@code plain}. */
public final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    public Table add(List<String> row) {
        rows.add(row.stream().map(v -> v == null ? "" : v).toList());
        return this;
    }

    public void print(PrintStream out, boolean plain) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = plain ? 0 : headers.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        if (!plain) {
            out.println(line(headers, widths));
            List<String> rule = new ArrayList<>();
            for (int w : widths) {
                rule.add("-".repeat(w));
            }
            out.println(line(rule, widths));
        }
        rows.forEach(r -> out.println(line(r, widths)));
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append("  ");
            }
            String cell = cells.get(i);
            sb.append(cell);
            if (i < cells.size() - 1 && cell.length() < widths[i]) {
                sb.append(" ".repeat(widths[i] - cell.length()));
            }
        }
        return sb.toString().stripTrailing();
    }
}
