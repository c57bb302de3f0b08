package ai.bai.launcher;

import ai.bai.launcher.cmd.BaiCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** The {@code bai} command: the Backend.AI CLI's commands and options over the bai engine. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        int code = run(args, System.getenv(), System.in, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line with the given environment and streams; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        try (CliContext context = new CliContext(env, in, out, err)) {
            CommandLine.IFactory factory = new CommandLine.IFactory() {
                @Override
                public <K> K create(Class<K> cls) throws Exception {
                    K instance = CommandLine.defaultFactory().create(cls);
                    if (instance instanceof ContextAware aware) {
                        aware.setContext(context);
                    }
                    return instance;
                }
            };
            CommandLine cli = new CommandLine(new BaiCommand(), factory);
            java.util.Optional<Class<?>> named = args.length == 0 ? java.util.Optional.empty()
                    : BaiCommand.find(args[0]);
            for (Class<?> sub : named.map(java.util.List::<Class<?>>of).orElse(BaiCommand.SUBCOMMANDS)) {
                cli.addSubcommand(new CommandLine(sub, factory));
            }
            cli.setOut(new java.io.PrintWriter(out, true));
            cli.setErr(new java.io.PrintWriter(err, true));
            cli.setExecutionExceptionHandler(new ErrorHandler(context));
            cli.setParameterExceptionHandler((e, a) -> {
                err.println("bai: " + e.getMessage());
                CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
                err.println("Try 'bai " + e.getCommandLine().getCommandSpec().qualifiedName(" ")
                        .replaceFirst("^bai ?", "") + " --help' for more information.");
                return ExitCodes.USAGE;
            });
            return cli.execute(args);
        }
    }
}
