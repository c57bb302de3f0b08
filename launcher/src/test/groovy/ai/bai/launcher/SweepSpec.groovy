package ai.bai.launcher

import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/** Range options fan out into concurrent sessions, through the real CLI against a real manager. */
class SweepSpec extends Specification {
    @Shared
    @AutoCleanup
    TestManager bai = TestManager.start([BAI_CPU: '4'])

    def cleanup() {
        def live = bai.bai('ps', '--name-only', '--limit', '100').out.readLines().findAll { it }
        if (live) {
            bai.bai(['rm'] + live as String[])
        }
    }

    def "the spec's four-case environment sweep shows every case's output and leaves four sessions"() {
        when:
        def r = bai.bai('run', '-t', 'hello', '-c', 'import os; print("Hello world, {}".format(os.environ["CASENO"]))',
                '-r', 'cpu=1', '-r', 'mem=256m', '-e', 'CASENO=$X', '--env-range=X=case:1,2,3,4',
                'lablup/python:3.6-ubuntu18.04')

        then:
        r.exit == 0
        r.out.readLines().sort() == ['[0] Hello world, 1', '[1] Hello world, 2', '[2] Hello world, 3',
                                     '[3] Hello world, 4']
        r.err.contains('Running 4 cases, at most 2 at a time.')
        r.err.readLines().findAll { it =~ /^\d\s+hello-\d\s+X=\d\s+SUCCESS\s+0\s/ }.size() == 4
        bai.bai('ps', '--name-only').out.readLines().sort() == ['hello-0', 'hello-1', 'hello-2', 'hello-3']
        Files.readString(bai.home.resolve('.cache/bai/client-logs/hello-2.stdout.log')) == 'Hello world, 3\n'
    }

    def 'exec ranges run in batch mode, at most --max-parallel at a time, and --rm cleans up every case'() {
        given:
        def dir = Files.createTempDirectory('bai-sweep-')
        Files.writeString(dir.resolve('step.py'), '''\
            import sys, time
            start = time.time(); time.sleep(0.4)
            print("x=%s mode=%s %.3f %.3f" % (sys.argv[1], sys.argv[2], start, time.time()))
            '''.stripIndent())

        when:
        def r = bai.bai('run', '--rm', '-t', 'grid', '--basedir', dir.toString(), '--max-parallel', '2',
                '--exec', 'python step.py $X $MODE', '--exec-range', 'X=linspace:0,1,3',
                '--exec-range', 'MODE=case:a,b', 'python', dir.resolve('step.py').toString())
        def lines = r.out.readLines().findAll { it.contains('x=') }*.replaceFirst(/^\[\d+\] /, '')
        def intervals = lines.collect { it.split(' ')[2..3]*.toDouble() }

        then:
        r.exit == 0
        lines.collect { it.split(' ')[0..1].join(' ') }.sort() ==
                ['x=0.0 mode=a', 'x=0.0 mode=b', 'x=0.5 mode=a', 'x=0.5 mode=b', 'x=1.0 mode=a', 'x=1.0 mode=b']
        maxOverlap(intervals) <= 2
        bai.bai('ps', '--name-only').out.trim().isEmpty()

        cleanup:
        dir.toFile().deleteDir()
    }

    def 'a failing case fails the run and shows in the summary'() {
        when:
        def r = bai.bai('run', '--rm', '-t', 'mixed', '-e', 'CODE=$X', '--env-range', 'X=case:0,3',
                '-c', 'import os, sys; sys.exit(int(os.environ["CODE"]))', 'python')

        then:
        r.exit == 1
        r.err.readLines().any { it =~ /^0\s+mixed-0\s+X=0\s+SUCCESS\s+0\s/ }
        r.err.readLines().any { it =~ /^1\s+mixed-1\s+X=3\s+FAILED\s+3\s/ }
    }

    def '--dry-run prints the cases, environment first, the last option fastest, and starts nothing'() {
        when:
        def r = bai.bai('run', '--dry-run', '-t', 'dry', '-e', 'A=$X', '--env-range', 'X=case:a,b',
                '--exec-range', 'Y=range:1,6,2', '--exec', 'echo $X $Y', 'python', 'RunSpec.groovy')
        def rows = r.out.readLines().drop(2)

        then:
        r.exit == 0
        rows.size() == 6
        rows[0] =~ /^0\s+X=a Y=1\s+A=a\s+\*\s+echo a 1$/
        rows[1] =~ /^1\s+X=a Y=3/
        rows[3] =~ /^3\s+X=b Y=1/
        bai.bai('ps', '--all', '--name-only').out.readLines().every { !it.startsWith('dry') }
    }

    def 'bad ranges are refused naming the accepted forms, and nothing starts: #range'() {
        when:
        def r = bai.bai('run', '-t', 'badrange', '-e', 'V=$X', "--env-range=$range", '-c', 'print(1)', 'python')

        then:
        r.exit == 2
        r.err.contains(message)
        bai.bai('ps', '--all', '--name-only').out.readLines().every { !it.startsWith('badrange') }

        where:
        range                | message
        'X=linspace:1,2'     | 'linspace'
        'X=range:1,6,0'      | 'must not be 0'
        'X=foo:1,2'          | "unknown type 'foo'"
        '1X=case:a'          | 'identifier'
        'X=range:5,1'        | 'no values'
        'X=range:0,400000'   | 'need --yes'
    }

    private static int maxOverlap(List<List<Double>> intervals) {
        def points = intervals.collectMany { [[it[0], 1], [it[1], -1]] }.sort { a, b -> a[0] <=> b[0] ?: a[1] <=> b[1] }
        int now = 0
        int max = 0
        points.each { now += it[1]; max = Math.max(max, now) }
        max
    }
}
