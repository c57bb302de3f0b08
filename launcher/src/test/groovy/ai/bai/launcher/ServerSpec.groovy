package ai.bai.launcher

import spock.lang.Specification

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

/** The embedded manager as users get it: started by the first command in a process of its own, then stopped. */
class ServerSpec extends Specification {
    Path home = Files.createTempDirectory('bai-server-')

    def setup() {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString('rwx--x--x'))
    }

    def cleanup() {
        bai('server', 'stop')
        home.toFile().deleteDir()
    }

    TestManager.CliResult bai(String... args) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        int code = Main.run(args, [BAI_HOME: home.toString(), HOME: home.toString(), PATH: System.getenv('PATH')],
                InputStream.nullInputStream(), new PrintStream(out, true, 'UTF-8'), new PrintStream(err, true, 'UTF-8'))
        new TestManager.CliResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8))
    }

    def 'the first command starts a background manager that status, stop and a restart manage'() {
        expect:
        bai('server', 'status').exit == 1

        when: 'a command needs the manager'
        def run = bai('run', '--rm', '-c', 'print("started for me")', 'python')
        def status = bai('server', 'status')
        def pid = (status.out =~ /pid (\d+)/)[0][1] as long

        then:
        run.out == 'started for me\n'
        status.exit == 0
        status.out.startsWith('running at http://127.0.0.1:')
        pid != ProcessHandle.current().pid()
        Files.exists(home.resolve('keypair.json'))
        PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve('keypair.json'))) == 'rw-------'

        when:
        def stop = bai('server', 'stop')

        then:
        stop.exit == 0
        !ProcessHandle.of(pid).map { it.alive }.orElse(false)
        bai('server', 'status').exit == 1

        when: 'started explicitly, it keeps the keypair it generated the first time'
        def keys = new groovy.json.JsonSlurper().parse(home.resolve('keypair.json').toFile())
        def start = bai('server', 'start')

        then:
        start.exit == 0
        start.err.contains('The manager runs at http://127.0.0.1:')
        new groovy.json.JsonSlurper().parse(home.resolve('keypair.json').toFile()) == keys
        bai('ps', '--all', '--name-only').exit == 0
    }
}
