package ai.bai.launcher.cmd;

import ai.bai.client.sweep.CaseResult;
import ai.bai.client.sweep.SweepCase;
import ai.bai.client.sweep.SweepEvent;
import ai.bai.client.sweep.SweepResult;
import ai.bai.launcher.CliContext;
import ai.bai.launcher.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Shows a sweep as it runs: each case's output, line by line, labelled {@code [index]}; the same output in the
 * case's own log files (as upstream: {@code <cache>/bai/client-logs/<session>.stdout.log} and
 * {@code .stderr.log}); on a terminal, a progress line; at the end, a summary table.
 */
final class SweepDisplay implements Consumer<SweepEvent> {
    private final CliContext ctx;
    private final Path logDir;
    private final Function<SweepCase, String> sessionName;
    private final int total;
    private final boolean terminal;
    private final Map<String, StringBuilder> partialLines = new HashMap<>();
    private final Map<String, Writer> logs = new HashMap<>();
    private final java.util.Set<Integer> running = new java.util.HashSet<>();
    private int done;
    private int failed;

    /** @param sessionName names a case's session; its log files are named after it */
    SweepDisplay(CliContext ctx, Path logDir, Function<SweepCase, String> sessionName, int total) {
        this.ctx = ctx;
        this.logDir = logDir;
        this.sessionName = sessionName;
        this.total = total;
        this.terminal = System.console() != null && ctx.err() == System.err;
    }

    static Path logFolder(Map<String, String> env) {
        String cache = env.get("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
        return base.resolve("bai").resolve("client-logs");
    }

    @Override
    public synchronized void accept(SweepEvent event) {
        switch (event) {
            case SweepEvent.Started s -> running.add(s.sweepCase().index());
            case SweepEvent.Output o -> output(o);
            case SweepEvent.Finished f -> finished(f);
        }
        progress();
    }

    private void output(SweepEvent.Output o) {
        String key = o.sweepCase().index() + (o.stderr() ? "e" : "o");
        StringBuilder pending = partialLines.computeIfAbsent(key, k -> new StringBuilder()).append(o.text());
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
            String line = pending.substring(0, newline);
            pending.delete(0, newline + 1);
            (o.stderr() ? ctx.err() : ctx.out()).println("[" + o.sweepCase().index() + "] " + line);
        }
        log(o.sweepCase(), o.stderr(), o.text());
    }

    private void finished(SweepEvent.Finished f) {
        SweepCase c = f.sweepCase();
        for (boolean err : List.of(false, true)) {
            StringBuilder rest = partialLines.remove(c.index() + (err ? "e" : "o"));
            if (rest != null && !rest.isEmpty()) {
                (err ? ctx.err() : ctx.out()).println("[" + c.index() + "] " + rest);
            }
        }
        running.remove(c.index());
        done++;
        if (!f.result().succeeded()) {
            failed++;
            if (f.result().error() != null) {
                ctx.console().fail("[" + c.index() + "] " + f.result().error());
            }
        }
        closeLogs(c);
    }

    /** Prints the case table, e.g. for --dry-run. */
    void cases(List<SweepCase> cases) {
        Table table = new Table(List.of("Case", "Parameters", "Environment", "Build", "Exec"));
        cases.forEach(c -> table.add(List.of(String.valueOf(c.index()), describe(c.params()), describe(c.environ()),
                c.build() == null ? "*" : c.build(), c.exec() == null ? "*" : c.exec())));
        table.print(ctx.out(), false);
    }

    /** The table every sweep ends with. */
    void summary(SweepResult result) {
        if (terminal) {
            ctx.err().print("\r\033[K");
        }
        Table table = new Table(List.of("Case", "Session", "Parameters", "Result", "Exit Code", "Duration"));
        result.results().forEach(r -> table.add(List.of(String.valueOf(r.sweepCase().index()), r.sessionName(),
                describe(r.sweepCase().params()), r.outcome(), r.exitCode() == null ? "-" : r.exitCode().toString(),
                String.format("%.2fs", r.duration().toMillis() / 1000.0))));
        table.print(ctx.err(), false);
        ctx.console().info("Per-case output: " + logDir);
    }

    private void progress() {
        if (terminal) {
            ctx.err().printf("\r\033[K⋯ %d cases: %d pending, %d running, %d done, %d failed", total,
                    total - done - running.size(), running.size(), done - failed, failed);
            ctx.err().flush();
        }
    }

    private void log(SweepCase c, boolean stderr, String text) {
        try {
            logs.computeIfAbsent(c.index() + (stderr ? ".stderr" : ".stdout"), k -> open(c, stderr)).write(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the case log: " + e.getMessage(), e);
        }
    }

    private Writer open(SweepCase c, boolean stderr) {
        try {
            Files.createDirectories(logDir);
            String file = sessionName.apply(c) + (stderr ? ".stderr.log" : ".stdout.log");
            return Files.newBufferedWriter(logDir.resolve(file), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the case log under " + logDir + ": " + e.getMessage(), e);
        }
    }

    private void closeLogs(SweepCase c) {
        for (String suffix : List.of(".stdout", ".stderr")) {
            Writer w = logs.remove(c.index() + suffix);
            if (w != null) {
                try {
                    w.close();
                } catch (IOException ignored) {
                    // the log is best effort once the case is over
                }
            }
        }
    }

    private static String describe(Map<String, String> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
