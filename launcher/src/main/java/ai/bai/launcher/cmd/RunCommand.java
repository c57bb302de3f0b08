package ai.bai.launcher.cmd;

import ai.bai.api.BatchOptions;
import ai.bai.api.ExecuteRequest;
import ai.bai.api.ExecutionResult;
import ai.bai.client.BackendClient;
import ai.bai.client.CodeRunner;
import ai.bai.client.SessionOptions;
import ai.bai.client.sweep.SweepCase;
import ai.bai.client.sweep.SweepRequest;
import ai.bai.launcher.ExitCodes;
import ai.bai.launcher.InvalidArgument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bai run IMAGE [FILES...]}: runs {@code -c} code (query mode) or uploaded files with build/exec commands
 * (batch mode) in a new or reused session, and exits with the program's exit code.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the given code snippet or files in a session, reusing a running session of the same "
                + "name or creating one.")
public final class RunCommand extends BaseCommand {
    @Mixin
    StartOptions start;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE",
            description = "Image name or alias, e.g. python; may be left out when -t names a running session.")
    String image;

    @Parameters(index = "1..*", paramLabel = "FILES", description = "Code files to upload and run in batch mode.")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-c", "--code"}, paramLabel = "CODE", description = "Code to run in query mode.")
    String code;

    @Option(names = "--clean", paramLabel = "CMD", description = "Clean command (batch mode).")
    String clean;

    @Option(names = "--build", paramLabel = "CMD", description = "Build command (batch mode).")
    String build;

    @Option(names = "--exec", paramLabel = "CMD", description = "Execute command (batch mode).")
    String exec;

    @Option(names = "--basedir", paramLabel = "PATH",
            description = "Folder that uploaded file paths are relative to (default: the current folder).")
    Path basedir;

    @Option(names = "--rm", description = "Terminate the session when the run ends.")
    boolean remove;

    @Option(names = {"-q", "--quiet"}, description = "Hide status lines; only program output and failures show.")
    boolean quiet;

    @Mixin
    SweepOptions sweep;

    @Override
    public Integer call() throws Exception {
        ctx.console().quiet(quiet);
        ExecuteRequest request = request();
        List<SweepCase> cases = sweep.cases(spec, start.env, build, exec);
        if (sweep.dryRun) {
            new SweepDisplay(ctx, SweepDisplay.logFolder(ctx.env()), c -> "", cases.size()).cases(cases);
            return ExitCodes.OK;
        }
        SessionOptions options = start.toOptions(spec, image != null ? image : imageOfNamedSession());
        List<BackendClient.UploadFile> uploads = uploads();
        if (cases.size() > 1) {
            return sweep.run(ctx, new SweepRequest(cases, options, code, clean, uploads, sweep.maxParallel, remove));
        }
        SweepCase only = cases.get(0);
        options = options.forCase(options.name(), only.environ());
        if (code == null) {
            request = ExecuteRequest.batch(new BatchOptions(orDefault(clean, "*"), orDefault(only.build(), "*"), false,
                    orDefault(only.exec(), "*")));
        }
        SessionStarter.Started s = SessionStarter.create(ctx, options);
        if (!s.isRunning()) {
            return s.status().equals("PENDING") || s.status().equals("SCHEDULED") || s.status().equals("TIMEOUT")
                    ? ExitCodes.OK : ExitCodes.FAILURE;
        }
        ctx.console().info((s.created() ? "[0] Session " + s.name() + " is ready" : "[0] Reusing session " + s.name())
                + " (domain=" + orDefault(options.domain(), ctx.config().domain()) + ", group="
                + orDefault(options.group(), ctx.config().group()) + ").");
        Thread cleanup = remove ? new Thread(() -> terminate(s)) : null;
        if (cleanup != null) {
            Runtime.getRuntime().addShutdownHook(cleanup);  // Ctrl-C still leaves no session behind
        }
        try {
            if (!uploads.isEmpty()) {
                ctx.client().upload(s.id(), uploads);
                ctx.console().done("[0] Uploaded " + uploads.size() + " file(s).");
            }
            ExecutionResult result = new CodeRunner(ctx.client()).run(s.id(), request, new TerminalConsole(ctx));
            return result.exitCode() == null ? ExitCodes.FAILURE : result.exitCode();
        } finally {
            if (cleanup != null) {
                Runtime.getRuntime().removeShutdownHook(cleanup);
                terminate(s);
            }
        }
    }

    /** Without IMAGE, {@code -t NAME} must name a session that exists: its image is reused. */
    private String imageOfNamedSession() {
        if (start.name == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Missing required parameter: 'IMAGE' (it may be left out only with -t naming a running session)");
        }
        try {
            return ctx.client().sessionInfo(start.name).image();
        } catch (ai.bai.client.BackendException e) {
            throw new InvalidArgument("no running session named '" + start.name + "' to reuse; give the IMAGE to "
                    + "create it");
        }
    }

    private ExecuteRequest request() {
        if (code != null && !files.isEmpty()) {
            throw new InvalidArgument("give either -c CODE or FILES, not both");
        }
        if (code == null && files.isEmpty()) {
            throw new InvalidArgument("give the code to run with -c CODE, or FILES to upload and run");
        }
        if (code != null) {
            return ExecuteRequest.query(code);
        }
        return ExecuteRequest.batch(new BatchOptions(orDefault(clean, "*"), orDefault(build, "*"), false,
                orDefault(exec, "*")));
    }

    /** Files with their destinations relative to the base folder; a file outside it is an error. */
    private List<BackendClient.UploadFile> uploads() {
        Path base = (basedir != null ? basedir : ctx.workingDirectory()).toAbsolutePath().normalize();
        List<BackendClient.UploadFile> out = new ArrayList<>();
        for (Path f : files) {
            Path abs = ctx.workingDirectory().resolve(f).toAbsolutePath().normalize();
            if (!Files.isRegularFile(abs)) {
                throw new InvalidArgument("no such file: " + f);
            }
            if (!abs.startsWith(base)) {
                throw new InvalidArgument("file " + f + " is outside the base folder " + base + " (see --basedir)");
            }
            out.add(new BackendClient.UploadFile(abs, base.relativize(abs).toString()));
        }
        return out;
    }

    private void terminate(SessionStarter.Started s) {
        try {
            ctx.console().info("[0] Cleaning up the session...");
            ctx.client().destroy(s.id(), false);
            ctx.console().done("[0] Cleaned up the session.");
        } catch (RuntimeException e) {
            ctx.console().fail("[0] Could not clean up session " + s.name() + ": " + e.getMessage());
        }
    }

    private static String orDefault(String v, String fallback) {
        return v == null ? fallback : v;
    }
}
