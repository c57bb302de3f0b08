package ai.bai.launcher;

import ai.bai.api.ApiVersion;
import ai.bai.client.BackendClient;
import ai.bai.client.ClientConfig;
import ai.bai.client.Endpoint;
import ai.bai.manager.EmbeddedManager;
import ai.bai.manager.ManagerFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One invocation's world: environment, streams, status console, and the client to the configured manager
 * (a real cluster when BACKEND_ENDPOINT is set, otherwise the embedded manager, started on first use).
 */
public final class CliContext implements AutoCloseable {
    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Console console;
    private ClientConfig config;
    private BackendClient client;

    public CliContext(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        this.env = Map.copyOf(env);
        this.in = in;
        this.out = out;
        this.err = err;
        this.console = new Console(err);
    }

    public Map<String, String> env() {
        return env;
    }

    public InputStream in() {
        return in;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public Console console() {
        return console;
    }

    public Path workingDirectory() {
        return Path.of(System.getProperty("user.dir"));
    }

    public ClientConfig config() {
        if (config == null) {
            config = ClientConfig.fromEnvironment(env);
        }
        return config;
    }

    public synchronized BackendClient client() {
        if (client == null) {
            client = config().endpoint()
                    .map(remote -> new BackendClient(remote, config(), Clock.systemUTC()))
                    // the embedded manager is this build's, so its API version is known without a probe
                    .orElseGet(() -> new BackendClient(embeddedEndpoint(), config(), Clock.systemUTC(),
                            ApiVersion.LATEST));
        }
        return client;
    }

    public EmbeddedManager embeddedManager() {
        return new EmbeddedManager(ManagerFiles.fromEnvironment(env));
    }

    /** JVM options for a manager this client starts (BAI_SERVER_OPTS). */
    public List<String> serverJvmOptions() {
        String opts = env.getOrDefault("BAI_SERVER_OPTS", "").trim();
        return opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+"));
    }

    private Endpoint embeddedEndpoint() {
        try {
            EmbeddedManager.Running m = embeddedManager().ensureRunning(serverJvmOptions(), env);
            return new Endpoint(m.url(), m.accessKey(), m.secretKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
