package ai.bai.launcher.cmd;

import ai.bai.client.KeyValues;
import ai.bai.dsl.DslException;
import ai.bai.dsl.ScriptCompiler;
import ai.bai.launcher.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bai script FILE [--param k=v]...}: runs a {@code .bai.groovy} experiment script. */
@Command(name = "script", mixinStandardHelpOptions = true, description = "Run a .bai.groovy experiment script.")
public final class ScriptCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The script.")
    Path file;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "A value the script reads as params.KEY.")
    List<String> params = new ArrayList<>();

    @Override
    public Integer call() {
        Path script = ctx.workingDirectory().resolve(file);
        if (!Files.isRegularFile(script)) {
            ctx.console().fail("no such script: " + file);
            return ExitCodes.FAILURE;
        }
        Map<String, String> values = KeyValues.parse("--param", params);
        try {
            // "out" is where a script's println goes
            ScriptCompiler.run(script, Map.of("client", ctx.client(), "config", ctx.config(), "params", values,
                    "out", new java.io.PrintWriter(ctx.out(), true)));
            return ExitCodes.OK;
        } catch (MultipleCompilationErrorsException e) {
            ctx.console().fail(e.getMessage().replaceFirst("^startup failed:\\s*", "").trim());
            return ExitCodes.FAILURE;
        } catch (DslException e) {
            ctx.console().fail(file + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }
}
