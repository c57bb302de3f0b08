package ai.bai.launcher

import spock.lang.AutoCleanup
import spock.lang.Requires
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

import static ai.bai.launcher.TestManager.eventually

/** Resources, the queue and the lifecycle on a manager that offers 2 CPUs and 2 GiB, whatever the host has. */
class SchedulingSpec extends Specification {
    @Shared
    @AutoCleanup
    TestManager bai = TestManager.start([BAI_CPU: '2', BAI_MEM: '2g'])

    def cleanup() {
        bai.bai('admin', 'keypair-resource-policy', 'update', 'default', '--max-concurrent-sessions', '0',
                '--idle-timeout', '1800', '--total-resource-slots', '{}')
        def live = bai.bai('ps', '--name-only', '--limit', '100').out.readLines().findAll { it }
        if (live) {
            bai.bai(['rm'] + live as String[])
        }
    }

    def 'a session gets the cores it asked for'() {
        when:
        def r = bai.bai('run', '--rm', '-r', 'cpu=1', '-r', 'mem=256', '-c',
                'import os; print(len(os.sched_getaffinity(0)))', 'python')

        then:
        r.exit == 0
        r.out == '1\n'
    }

    @Requires({ Files.isWritable(Path.of('/sys/fs/cgroup/memory')) })
    def 'memory and cpu limits are enforced by cgroups where the host allows it'() {
        given:
        bai.bai('start', '-t', 'limited', '-r', 'cpu=0.5', '-r', 'mem=128m', 'python')

        when:
        def groups = bai.bai('run', '-t', 'limited', '-c', 'print(open("/proc/self/cgroup").read())').out
        def hog = bai.bai('run', '-t', 'limited', '-c',
                'import subprocess; print(subprocess.run(["python3", "-c", "b = bytearray(400 << 20)"]).returncode)')
        def info = bai.bai('info', 'limited')

        then:
        groups =~ /memory:\/bai\/[0-9a-f-]{36}/
        groups =~ /cpu(,cpuacct)?:\/bai\/[0-9a-f-]{36}/
        hog.out.trim() == '-9'                      // killed by the OOM killer at 128 MiB
        info.out =~ /Enforcement\s+.*cgroup/
    }

    def 'a request larger than the machine is refused at once, naming the capacity'() {
        when:
        def r = bai.bai('start', '-t', 'big', '-r', 'cpu=999', 'python')

        then:
        r.exit == 1
        r.err.contains('requested cpu=999 is more than this machine can ever give (capacity: cpu=2, mem=2g)')
        bai.status('big') == null
    }

    def 'what does not fit waits in the queue and starts when slots free up'() {
        when:
        bai.bai('start', '-t', 'a', '-r', 'cpu=2', 'python')
        def b = bai.bai('start', '-t', 'b', '-r', 'cpu=2', '--enqueue-only', 'python')
        long before = System.nanoTime()
        def c = bai.bai('start', '-t', 'c', '-r', 'cpu=2', '--max-wait', '2', 'python')
        long waited = (System.nanoTime() - before).intdiv(1_000_000)

        then:
        b.exit == 0
        b.err.contains('Session ID b is enqueued for scheduling.')
        c.exit == 0
        c.err.contains('Session ID c is still on the job queue.')
        waited >= 1900
        bai.status('a') == 'RUNNING'
        bai.status('b') == 'PENDING'
        bai.status('c') == 'PENDING'
        bai.bai('info', 'c').out =~ /Status Info\s+no-available-instances/

        when:
        bai.bai('rm', 'a')

        then:
        eventually('b runs') { bai.status('b') == 'RUNNING' }
        bai.status('c') == 'PENDING'

        when: 'a PENDING session is cancelled'
        bai.bai('rm', 'c')

        then:
        bai.status('c') == 'CANCELLED'
    }

    def 'higher priority starts first'() {
        given:
        bai.bai('start', '-t', 'holder', '-r', 'cpu=2', 'python')
        bai.bai('start', '-t', 'low', '-r', 'cpu=2', '--enqueue-only', '--priority', '5', 'python')
        bai.bai('start', '-t', 'high', '-r', 'cpu=2', '--enqueue-only', '--priority', '90', 'python')

        when:
        bai.bai('rm', 'holder')

        then:
        eventually('high runs') { bai.status('high') == 'RUNNING' }
        bai.status('low') == 'PENDING'
    }

    def 'a keypair policy holds sessions with predicate-checks-failed until it allows them'() {
        given:
        bai.bai('admin', 'keypair-resource-policy', 'update', 'default', '--max-concurrent-sessions', '1')
        bai.bai('start', '-t', 'first', 'python')

        when:
        bai.bai('start', '-t', 'second', '--enqueue-only', 'python')

        then:
        eventually('second is held') { bai.bai('info', 'second').out =~ /Status Info\s+predicate-checks-failed/ }
        bai.bai('admin', 'keypair-resource-policy').out.readLines()[2] =~ /^default\s+1\s/

        when:
        bai.bai('admin', 'keypair-resource-policy', 'update', 'default', '--max-concurrent-sessions', '0')

        then:
        eventually('second runs') { bai.status('second') == 'RUNNING' }
    }

    def 'an idle interactive session ends with idle-timeout; one that runs code is not idle'() {
        given:
        bai.bai('admin', 'keypair-resource-policy', 'update', 'default', '--idle-timeout', '2')
        bai.bai('start', '-t', 'sleepy', 'python')
        bai.bai('start', '-t', 'busy', 'python')

        when:
        def run = bai.bai('run', '-t', 'busy', '-c', 'import time; time.sleep(3); print("done")')

        then:
        run.out == 'done\n'
        eventually('sleepy ends') { bai.status('sleepy') == 'TERMINATED' }
        bai.bai('ps', '--all', '--plain', '-f', 'name,status_info').out.readLines()
                .any { it.startsWith('sleepy') && it.endsWith('idle-timeout') }
        bai.status('busy') == 'RUNNING'
    }

    def 'restart keeps /home/work and starts fresh processes'() {
        given:
        bai.bai('start', '-t', 'restartme', 'python')
        bai.bai('run', '-t', 'restartme', '-c', 'open("kept.txt", "w").write("yes"); x = 1; import os; print(os.getpid())')
        def pid = bai.bai('run', '-t', 'restartme', '-c', 'import os; print(os.getpid())').out.trim()

        when:
        def r = bai.bai('restart', 'restartme')
        def after = bai.bai('run', '-t', 'restartme', '-c',
                'import os; print(open("kept.txt").read(), "x" in globals(), os.getpid())').out.trim().split(' ')

        then:
        r.exit == 0
        after[0] == 'yes'
        after[1] == 'False'
        after[2] != pid
        bai.bai('info', 'restartme').out.contains('RESTARTING=')
    }

    def 'ps shows status sets, fields, filters and orders; admin sessions is the same listing'() {
        given:
        bai.bai('start', '-t', 'listed-1', '-r', 'cpu=0.5', 'python')
        bai.bai('start', '-t', 'listed-2', '-r', 'cpu=0.5', 'bash')
        bai.bai('start', '-t', 'listed-3', '-r', 'cpu=0.5', 'python')
        bai.bai('rm', 'listed-3')

        expect:
        bai.bai('ps', '--name-only').out.readLines().containsAll(['listed-1', 'listed-2'])
        !bai.bai('ps', '--name-only').out.contains('listed-3')
        bai.bai('ps', '--dead', '--name-only').out.contains('listed-3')
        bai.bai('ps', '--running', '--name-only').out.readLines().containsAll(['listed-1', 'listed-2'])
        bai.bai('ps', '--all', '--name-only', '--limit', '100').out.readLines().containsAll(['listed-1', 'listed-3'])
        bai.bai('ps', '--detail').out.readLines()[0].contains('Occupied Resource')
        with(bai.bai('ps', '-f', 'id,status,cpu_using,used_memory').out.readLines()) {
            it[0] ==~ /Session ID\s+Status\s+CPU Using \(%\)\s+Used Memory \(MiB\)/
            it.size() >= 4
        }
        bai.bai('ps', '--plain', '--filter', 'image == "bash"', '-f', 'name').out.trim() == 'listed-2'
        bai.bai('ps', '--name-only', '--order', 'name').out.readLines().findAll { it.startsWith('listed') } ==
                ['listed-1', 'listed-2']
        bai.bai('ps', '--name-only', '--order', '-name').out.readLines().findAll { it.startsWith('listed') } ==
                ['listed-2', 'listed-1']
        bai.bai('admin', 'sessions', '--name-only').out == bai.bai('ps', '--name-only').out
        bai.bai('admin', 'session', 'listed-1').out =~ /Session Name\s+listed-1/
    }

    def 'sessions created and cancelled concurrently while the scheduler runs leave nothing stuck'() {
        given: 'a session that holds every CPU, so the others queue'
        bai.bai('start', '-t', 'hog', '-r', 'cpu=2', 'python')

        when:
        def threads = (1..8).collect { n ->
            Thread.start {
                (1..3).each { i ->
                    bai.bai('start', '-t', "race-$n-$i", '--enqueue-only', 'python')
                    bai.bai('rm', "race-$n-$i")
                }
            }
        }
        threads*.join(60_000)

        then:
        threads.every { !it.alive }
        bai.bai('ps', '--all', '--plain', '-f', 'name,status', '--limit', '100').out.readLines()
                .findAll { it.startsWith('race-') }.every { it.endsWith('CANCELLED') }
        bai.bai('rm', 'hog').exit == 0
    }

    def 'bad scheduling input is refused, naming what is accepted: #args'() {
        when:
        def r = bai.bai(args as String[])

        then:
        r.exit == exit
        r.err.contains(message)
        bai.status('refused') == null

        where:
        args                                                                  | exit | message
        ['start', '-t', 'refused', '-r', 'gpu=1', 'python']                   | 1    | 'Unknown requested resource slot: gpu (known slots: cpu, mem)'
        ['start', '-t', 'refused', '-r', 'foo=1', 'python']                   | 1    | 'Unknown requested resource slot: foo'
        ['start', '-t', 'refused', '-r', 'mem=-5g', 'python']                 | 1    | "negative amount '-5g' for slot mem"
        ['start', '-t', 'refused', '--max-wait', '-1', 'python']              | 2    | '--max-wait must be 0'
        ['start', '-t', 'refused', '--priority', '101', 'python']             | 2    | '--priority must be 0..100, not 101'
        ['start', '-t', 'refused', '--priority', '-1', 'python']              | 2    | '--priority must be 0..100, not -1'
        ['start', '-t', 'refused', '--type', 'batch', '-c', 'true', '--starts-at', '2020-01-01T00:00:00Z', 'python'] | 2 | 'is in the past'
        ['start', '-t', 'refused', '--type', 'batch', '-c', 'true', '--starts-at', 'whenever', 'python'] | 2 | "invalid start time 'whenever'"
        ['start', '-t', 'refused', '--type', 'batch', 'python']               | 1    | 'a batch session needs a startup command'
        ['ps', '-f', 'id,bogus']                                              | 2    | "unknown field 'bogus' in -f; accepted: name, id"
        ['ps', '--filter', 'nmae == "x"']                                     | 1    | "unknown field 'nmae'"
    }
}
