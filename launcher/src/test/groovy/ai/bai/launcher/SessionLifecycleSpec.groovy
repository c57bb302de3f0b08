package ai.bai.launcher

import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

class SessionLifecycleSpec extends Specification {
    @Shared
    @AutoCleanup
    TestManager bai = TestManager.start()

    def 'a named session keeps its state between runs (query mode)'() {
        when:
        def started = bai.bai('start', '-t', 'mysession', 'python')

        then:
        started.exit == 0
        started.err.contains('is created and ready.')
        started.out.trim() ==~ /[0-9a-f-]{36}/

        when:
        def set = bai.bai('run', '-t', 'mysession', '-c', 'x = 40 + 2')
        def get = bai.bai('run', '-t', 'mysession', '-c', 'print(x)')

        then:
        set.exit == 0
        set.err.contains('Reusing session mysession')
        get.out == '42\n'

        cleanup:
        bai.bai('rm', 'mysession')
    }

    def 'info, logs and ps describe a running session'() {
        given:
        bai.bai('start', '-t', 'described', '-r', 'cpu=1', '-r', 'mem=256', '-e', 'GREETING=hi', 'python')

        when:
        def info = bai.bai('info', 'described')
        def ps = bai.bai('ps')
        def logs = bai.bai('logs', 'described')

        then:
        info.exit == 0
        info.out =~ /Status\s+RUNNING/
        info.out.contains('mem=268435456')   // a bare mem amount is MiB
        info.out.contains('GREETING=hi')
        info.out.contains('Enforcement')
        ps.out.readLines()[0].startsWith('Name')
        ps.out.readLines().any { it.startsWith('described') && it.contains('RUNNING') }
        logs.exit == 0

        cleanup:
        bai.bai('rm', 'described')
    }

    def 'the session environment has the -e variables and runs unprivileged in its own folder'() {
        given:
        bai.bai('start', '-t', 'envcheck', '-e', 'CASENO=7', 'python')

        when:
        def r = bai.bai('run', '-t', 'envcheck', '-c',
                'import os; print(os.environ["CASENO"], os.getuid() != 0, os.getcwd() == os.environ["HOME"])')

        then:
        r.out == '7 True True\n'

        cleanup:
        bai.bai('rm', 'envcheck')
    }

    def 'rm terminates several sessions at once and frees their processes and folders'() {
        given:
        bai.bai('start', '-t', 'first-one', 'python')
        bai.bai('start', '-t', 'second-one', 'bash')
        def pid = bai.bai('run', '-t', 'first-one', '-c', 'import os; print(os.getpid())').out.trim() as long
        def folders = sessionFolders()

        when:
        def r = bai.bai('rm', 'first-one', 'second-one')

        then:
        r.exit == 0
        r.err.count('terminated.') == 2
        !ProcessHandle.of(pid).map { it.alive }.orElse(false)
        sessionFolders().size() == folders.size() - 2
        bai.bai('ps', '--name-only').out.trim().isEmpty()
        bai.bai('ps', '--dead', '--name-only').out.readLines().containsAll(['first-one', 'second-one'])
    }

    def 'kill and terminate are aliases of rm; a missing session is an error'() {
        given:
        bai.bai('start', '-t', 'aliased', 'python')

        expect:
        bai.bai('kill', 'aliased').exit == 0
        with(bai.bai('terminate', 'no-such-session')) {
            exit == 1
            err.contains("no session named or with id 'no-such-session'")
        }
        with(bai.bai('info', 'no-such-session')) {
            exit == 1
            err.contains('object-not-found')
        }
    }

    def 'events shows the lifecycle as it happens and ends with the session'() {
        given:
        bai.bai('start', '-t', 'followed', 'python')

        when:
        def following = CompletableFuture.supplyAsync { bai.bai('events', 'followed') }
        Thread.sleep(500)
        bai.bai('rm', 'followed')
        def r = following.get(30, TimeUnit.SECONDS)
        def names = r.out.readLines()*.split(' ')*.getAt(0)

        then:
        r.exit == 0
        names == ['session_enqueued', 'session_scheduled', 'session_preparing', 'kernel_preparing', 'kernel_creating',
                  'kernel_started', 'session_started', 'session_terminating', 'kernel_terminating',
                  'kernel_terminated', 'session_terminated']
        r.out.readLines().last().contains('"reason":"user-requested"')
    }

    def 'get-or-create: the same name with another image is refused'() {
        given:
        bai.bai('start', '-t', 'taken-name', 'python')

        when:
        def r = bai.bai('start', '-t', 'taken-name', 'bash')
        def noReuse = bai.bai('start', '--no-reuse', '-t', 'taken-name', 'python')

        then:
        r.exit == 1
        r.err.contains("a session named 'taken-name' already exists with another image (python)")
        noReuse.exit == 1
        noReuse.err.contains('session-already-exists')

        cleanup:
        bai.bai('rm', 'taken-name')
    }

    def 'sessions outlive a manager restart and keep their state'() {
        given:
        bai.bai('start', '-t', 'survivor', 'python')
        bai.bai('run', '-t', 'survivor', '-c', 'kept = "still here"')

        when:
        bai.restart()
        def r = bai.bai('run', '-t', 'survivor', '-c', 'print(kept)')

        then:
        r.out == 'still here\n'

        cleanup:
        bai.bai('rm', 'survivor')
    }

    def 'enqueue-only returns at once with a PENDING notice and the session starts in the background'() {
        when:
        def r = bai.bai('start', '--enqueue-only', '-t', 'queued-one', 'python')

        then:
        r.exit == 0
        r.err.contains('Session ID queued-one is enqueued for scheduling.')

        when:
        def deadline = System.currentTimeMillis() + 20_000
        while (!bai.bai('ps', '--running', '--name-only').out.contains('queued-one')
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50)
        }

        then:
        bai.bai('run', '-t', 'queued-one', '-c', 'print("up")').out == 'up\n'

        cleanup:
        bai.bai('rm', 'queued-one')
    }

    private List<Path> sessionFolders() {
        Files.list(bai.home.resolve('scratch')).withCloseable { s ->
            s.filter { !it.fileName.toString().startsWith('.') }.toList()
        }
    }
}
