package ai.bai.launcher.cmd;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * The top-level {@code bai} command. Subcommands are registered by {@link ai.bai.launcher.Main}: only the one
 * named on the command line, since building picocli's model of every command costs a noticeable part of a
 * short command's start-up.
 */
@Command(name = "bai", mixinStandardHelpOptions = true, version = "bai 0.1.0",
        description = "Backend.AI compute sessions for the JVM: the backend.ai CLI's commands, on an embedded "
                + "single-node manager or (with BACKEND_ENDPOINT) a real cluster.")
public final class BaiCommand {
    /** Every subcommand, in help order. */
    public static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, StartCommand.class,
            RemoveCommand.class, RestartCommand.class, InfoCommand.class, LogsCommand.class, TaskLogsCommand.class,
            EventsCommand.class, PsCommand.class, AdminCommand.class, ScriptCommand.class, ServerCommand.class);

    /** The subcommand class called {@code name} (or one of its aliases). */
    public static Optional<Class<?>> find(String name) {
        return SUBCOMMANDS.stream().filter(c -> {
            Command cmd = c.getAnnotation(Command.class);
            return cmd.name().equals(name) || List.of(cmd.aliases()).contains(name);
        }).findFirst();
    }
}
