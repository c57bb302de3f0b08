package ai.bai.launcher;

import ai.bai.client.BackendException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Turns failures into one clear line on stderr and the official client's exit codes. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private final CliContext context;

    ErrorHandler(CliContext context) {
        this.context = context;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        return switch (t) {
            case BackendException b -> {
                context.console().fail(b.getMessage());
                yield ExitCodes.FAILURE;
            }
            case InvalidArgument ia -> {
                context.console().fail(ia.getMessage());
                yield ExitCodes.INVALID_ARGUMENT;
            }
            case IllegalArgumentException ia -> {
                context.console().fail(ia.getMessage());
                yield ExitCodes.USAGE;
            }
            case UncheckedIOException io -> {
                context.console().fail(io.getMessage());
                yield ExitCodes.FAILURE;
            }
            case java.io.IOException io -> {
                context.console().fail(io.getMessage());
                yield ExitCodes.FAILURE;
            }
            default -> {
                context.console().fail("unexpected error: " + t);
                if (context.env().containsKey("BAI_DEBUG")) {
                    t.printStackTrace(context.err());
                }
                yield ExitCodes.FAILURE;
            }
        };
    }
}
