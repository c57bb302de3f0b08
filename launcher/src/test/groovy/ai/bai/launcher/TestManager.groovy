package ai.bai.launcher

import ai.bai.manager.Manager
import ai.bai.manager.ManagerConfig
import groovy.transform.CompileStatic

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/**
 * A real embedded manager for one spec: a temporary BAI_HOME, a free loopback port, real session processes.
 * {@link #bai} runs the real CLI entry point against it and captures what a user would see.
 */
@CompileStatic
class TestManager implements AutoCloseable {
    final Path home
    Manager manager

    private TestManager(Path home, Manager manager) {
        this.home = home
        this.manager = manager
    }

    /** @param settings manager settings such as BAI_CPU, on top of a fresh BAI_HOME */
    static TestManager start(Map<String, String> settings = [:]) {
        Path home = Files.createTempDirectory('bai-test-')
        // session users must be able to reach their folders under the home
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString('rwx--x--x'))
        new TestManager(home, Manager.start(ManagerConfig.fromEnvironment([BAI_HOME: home.toString()] + settings)))
    }

    /** Waits up to 20 s for {@code condition}; fails with {@code what} otherwise. */
    static void eventually(String what, Closure<Boolean> condition) {
        long deadline = System.currentTimeMillis() + 20_000
        while (!condition.call()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what)
            }
            Thread.sleep(50)
        }
    }

    /** The status column of {@code bai ps --all} for one session. */
    String status(String name) {
        bai('ps', '--all', '--plain', '-f', 'name,status', '--limit', '100').out.readLines()
                .find { it.split(/\s+/)[0] == name }?.split(/\s+/)?.getAt(1)
    }

    Map<String, String> env() {
        [BAI_HOME: home.toString(), HOME: home.toString(), PATH: System.getenv('PATH')]
    }

    /** Runs {@code bai ARGS...} in this JVM through the launcher's real entry point. */
    CliResult bai(String... args) {
        baiWithInput('', args)
    }

    CliResult baiWithInput(String stdin, String... args) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        int code = Main.run(args, env(), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, 'UTF-8'), new PrintStream(err, true, 'UTF-8'))
        new CliResult(code, out.toString('UTF-8'), err.toString('UTF-8'))
    }

    /** Stops this manager and starts a new one on the same home, as a restart would. */
    void restart() {
        manager.close()
        manager = Manager.start(ManagerConfig.fromEnvironment([BAI_HOME: home.toString()]))
    }

    @Override
    void close() {
        def live = bai('ps', '--name-only', '--limit', '100').out.readLines().findAll { it }
        if (live) {
            bai(['rm'] + live as String[])
        }
        manager.close()
        home.toFile().deleteDir()
    }

    /** What a command printed and its exit code. */
    @CompileStatic
    static final class CliResult {
        final int exit
        final String out
        final String err

        CliResult(int exit, String out, String err) {
            this.exit = exit
            this.out = out
            this.err = err
        }

        @Override
        String toString() {
            "exit=$exit\n--- stdout\n$out--- stderr\n$err"
        }
    }
}
