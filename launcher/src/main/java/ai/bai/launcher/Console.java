package ai.bai.launcher;

import java.io.PrintStream;

/**
 * Status lines on stderr, as the official client prints them: ∙ info, ⋯ waiting, ✓ done, ✗ failure.
 * {@code -q} silences info, waiting and done; failures always show.
 */
public final class Console {
    private final PrintStream err;
    private volatile boolean quiet;

    Console(PrintStream err) {
        this.err = err;
    }

    public void quiet(boolean value) {
        this.quiet = value;
    }

    public void info(String message) {
        line("∙ ", message, false);
    }

    public void waiting(String message) {
        line("⋯ ", message, false);
    }

    public void done(String message) {
        line("✓ ", message, false);
    }

    /** A notice that shows even under -q (e.g. enqueued sessions, image fallbacks). */
    public void notice(String message) {
        line("∙ ", message, true);
    }

    public void fail(String message) {
        line("✗ ", message, true);
    }

    private void line(String mark, String message, boolean always) {
        if (always || !quiet) {
            err.println(mark + message);
            err.flush();
        }
    }
}
