package ai.bai.launcher.cmd;

import ai.bai.client.CodeRunner;
import ai.bai.launcher.CliContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Program output to stdout/stderr verbatim, other records framed, status lines via the console, input from stdin. */
final class TerminalConsole implements CodeRunner.Console {
    private final CliContext ctx;
    private BufferedReader stdin;

    TerminalConsole(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void stdout(String text) {
        ctx.out().print(text);
        ctx.out().flush();
    }

    @Override
    public void stderr(String text) {
        ctx.err().print(text);
        ctx.err().flush();
    }

    @Override
    public void record(String type, Object data) {
        ctx.out().println("----- output record (type: " + type + ") -----");
        ctx.out().println(data);
        ctx.out().println("----- end of record -----");
    }

    @Override
    public void status(String line) {
        ctx.console().info(line);
    }

    @Override
    public String readLine(boolean password) {
        java.io.Console terminal = System.console();
        if (password && terminal != null && ctx.in() == System.in) {
            char[] secret = terminal.readPassword();
            return secret == null ? null : new String(secret);
        }
        try {
            if (stdin == null) {
                stdin = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8));
            }
            return stdin.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
