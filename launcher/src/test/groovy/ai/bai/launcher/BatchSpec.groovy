package ai.bai.launcher

import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

import static ai.bai.launcher.TestManager.eventually

/** Batch sessions: the startup command runs, the session ends with SUCCESS or FAILURE and its exit code. */
class BatchSpec extends Specification {
    @Shared
    @AutoCleanup
    TestManager bai = TestManager.start()

    def 'a batch session runs its command, task-logs follows it, and it ends with #result'() {
        when:
        def started = bai.bai('start', '--type', 'batch', '-t', name, '-c', command, 'python')
        def id = started.out.trim()
        def events = CompletableFuture.supplyAsync { bai.bai('events', id) }
        def logs = bai.bai('task-logs', id)
        def seen = events.get(30, TimeUnit.SECONDS).out.readLines()

        then:
        started.exit == 0
        logs.out == expectedLog
        seen.last().startsWith(lastEvent)
        seen.last().contains("\"exitCode\":$exit")
        eventually('the session has ended') { bai.status(name) == 'TERMINATED' }
        bai.bai('ps', '--all', '--plain', '-f', 'name,result', '--limit', '100').out.readLines()
                .any { it ==~ /$name\s+$result/ }

        where:
        name        | command                                         | result    | exit | lastEvent         | expectedLog
        'batch-ok'  | 'echo step 1; sleep 0.5; echo step 2'           | 'SUCCESS' | 0    | 'session_success' | 'step 1\nstep 2\n'
        'batch-bad' | 'echo trying; python3 -c "import sys; sys.exit(3)"' | 'FAILURE' | 3 | 'session_failure' | 'trying\n'
    }

    def 'a deferred batch session waits for its start time'() {
        when:
        def r = bai.bai('start', '--type', 'batch', '-t', 'deferred', '--starts-at', '3s', '-c', 'echo later', 'python')

        then:
        r.err.contains('Session ID deferred is enqueued for scheduling.') || r.err.contains('still on the job queue')
        bai.status('deferred') == 'PENDING'
        eventually('deferred ran') { bai.status('deferred') == 'TERMINATED' }
        bai.bai('ps', '--all', '--plain', '-f', 'name,result', '--limit', '100').out.readLines()
                .any { it ==~ /deferred\s+SUCCESS/ }
    }

    def 'a batch session that outlives its timeout fails with task-timeout'() {
        when:
        bai.bai('start', '--type', 'batch', '-t', 'too-slow', '--batch-timeout', '1s', '-c', 'sleep 30', 'python')

        then:
        eventually('too-slow ended') { bai.status('too-slow') == 'TERMINATED' }
        bai.bai('ps', '--all', '--plain', '-f', 'name,result,status_info', '--limit', '100').out.readLines()
                .any { it ==~ /too-slow\s+FAILURE\s+task-timeout/ }
    }
}
