package ai.bai.launcher.cmd;

import picocli.CommandLine.Command;

/** The top-level {@code bai} command. */
@Command(name = "bai", mixinStandardHelpOptions = true, version = "bai 0.1.0",
        description = "Backend.AI compute sessions for the JVM: the backend.ai CLI's commands, on an embedded "
                + "single-node manager or (with BACKEND_ENDPOINT) a real cluster.",
        subcommands = {RunCommand.class, StartCommand.class, RemoveCommand.class, InfoCommand.class,
                LogsCommand.class, EventsCommand.class, PsCommand.class, ServerCommand.class})
public final class BaiCommand {
}
