package ai.bai.launcher

import groovy.json.JsonSlurper
import spock.lang.Specification

import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

import static ai.bai.launcher.TestManager.eventually

/** A manager killed with SIGKILL loses nothing: the next one re-adopts, re-queues and continues the event log. */
class SurvivalSpec extends Specification {
    Path home = Files.createTempDirectory('bai-survival-')

    def setup() {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString('rwx--x--x'))
    }

    def cleanup() {
        def live = bai('ps', '--name-only', '--limit', '100').out.readLines().findAll { it }
        if (live) {
            bai(['rm'] + live as String[])
        }
        bai('server', 'stop')
        home.toFile().deleteDir()
    }

    TestManager.CliResult bai(String... args) {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        int code = Main.run(args, [BAI_HOME: home.toString(), HOME: home.toString(), PATH: System.getenv('PATH'),
                                   BAI_CPU: '3'],
                InputStream.nullInputStream(), new PrintStream(out, true, 'UTF-8'), new PrintStream(err, true, 'UTF-8'))
        new TestManager.CliResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8))
    }

    String status(String name) {
        bai('ps', '--all', '--plain', '-f', 'name,status', '--limit', '100').out.readLines()
                .find { it.split(/\s+/)[0] == name }?.split(/\s+/)?.getAt(1)
    }

    Map manager() {
        def state = new JsonSlurper().parse(home.resolve('manager.json').toFile())
        def keys = new JsonSlurper().parse(home.resolve('keypair.json').toFile())
        [pid: state.pid as long, url: URI.create(state.url as String), ak: keys.access_key, sk: keys.secret_key]
    }

    def 'running, queued, finished and dead sessions all come out right after a SIGKILL of the manager'() {
        given: 'a running session with state, a queued one, a finished batch session, and one that will die'
        bai('start', '-t', 'keeper', '-r', 'cpu=1', 'python')
        bai('run', '-t', 'keeper', '-c', 'v = "kept across the crash"')
        bai('start', '-t', 'victim', '-r', 'cpu=1', 'python')
        def victimPid = bai('run', '-t', 'victim', '-c', 'import os; print(os.getpid())').out.trim() as long
        bai('start', '-t', 'queued', '-r', 'cpu=3', '--enqueue-only', 'python')
        bai('start', '--type', 'batch', '-t', 'done', '-r', 'cpu=0.5', '-c', 'echo finished', 'python')
        eventually('done finished') { status('done') == 'TERMINATED' }
        def before = manager()
        def eventsBefore = Sse.ids(Sse.read(before.url, before.ak, before.sk, '0'))

        when: 'the manager is killed, and a kernel dies while none runs'
        ProcessHandle.of(before.pid).get().destroyForcibly()
        eventually('the manager is gone') { !ProcessHandle.of(before.pid).map { it.alive }.orElse(false) }
        ProcessHandle.of(victimPid).get().destroyForcibly()
        def kept = bai('run', '-t', 'keeper', '-c', 'print(v)')   // starts a new manager on the same home
        def after = manager()

        then:
        after.pid != before.pid
        kept.out == 'kept across the crash\n'
        status('keeper') == 'RUNNING'
        status('queued') == 'PENDING'
        status('done') == 'TERMINATED'
        bai('ps', '--all', '--plain', '-f', 'name,result', '--limit', '100').out.readLines()
                .any { it ==~ /done\s+SUCCESS/ }
        status('victim') == 'ERROR'
        bai('info', 'victim').out =~ /Status Info\s+container-not-found/

        and: 'the event log continues where it stopped'
        def resumed = Sse.read(after.url, after.ak, after.sk, eventsBefore.last() as String)
        Sse.ids(resumed).every { it > eventsBefore.last() }
        resumed.contains('event: session_error')

        and: 'the queued session still starts once slots free up'
        bai('rm', 'keeper', 'victim')
        eventually('queued runs') { status('queued') == 'RUNNING' }
    }
}
