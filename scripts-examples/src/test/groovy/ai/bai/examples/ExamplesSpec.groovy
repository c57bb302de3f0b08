package ai.bai.examples

import ai.bai.launcher.Main
import ai.bai.manager.Manager
import ai.bai.manager.ManagerConfig
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/** Every example script runs through `bai script` against a real embedded manager and prints what it should. */
class ExamplesSpec extends Specification {
    @Shared
    Path home = Files.createTempDirectory('bai-examples-')

    @Shared
    @AutoCleanup
    Manager manager

    def setupSpec() {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString('rwx--x--x'))
        manager = Manager.start(ManagerConfig.fromEnvironment([BAI_HOME: home.toString()]))
    }

    def cleanupSpec() {
        home.toFile().deleteDir()
    }

    Map bai(String... args) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        int code = Main.run(args, [BAI_HOME: home.toString(), HOME: home.toString(), PATH: System.getenv('PATH')],
                InputStream.nullInputStream(), new PrintStream(out, true, 'UTF-8'), new PrintStream(err, true, 'UTF-8'))
        [exit: code, out: out.toString(StandardCharsets.UTF_8), err: err.toString(StandardCharsets.UTF_8)]
    }

    def 'hello.bai.groovy keeps state between runs and cleans up its session'() {
        when:
        def r = bai('script', Path.of('hello.bai.groovy').toAbsolutePath().toString(), '--param', 'name=bai')

        then:
        r.exit == 0
        r.out == 'hello, bai\n'
        bai('ps', '--name-only').out.trim().isEmpty()
    }

    def 'a script with a syntax error is refused with its location'() {
        given:
        def broken = Files.createTempFile(home, 'broken', '.bai.groovy')
        Files.writeString(broken, 'def s = start("python") {\n  resources cpu: 1\n')

        when:
        def r = bai('script', broken.toString())

        then:
        r.exit == 1
        r.err.contains(broken.fileName.toString())
        r.err =~ /line \d+/
    }
}
