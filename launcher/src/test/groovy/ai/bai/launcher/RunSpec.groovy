package ai.bai.launcher

import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files

class RunSpec extends Specification {
    @Shared
    @AutoCleanup
    TestManager bai = TestManager.start()

    def 'run --rm prints the program output and leaves no session behind'() {
        when:
        def r = bai.bai('run', '--rm', '-c', 'print("hello world")', 'python')

        then:
        r.exit == 0
        r.out == 'hello world\n'
        r.err.contains('Cleaned up the session.')
        bai.bai('ps', '--name-only').out.trim().isEmpty()
    }

    def 'a seed image name falls back to the local python with a one-line notice'() {
        when:
        def r = bai.bai('run', '--rm', '-c', 'import sys; print(sys.version_info[0])', 'python:3.6-ubuntu18.04')

        then:
        r.exit == 0
        r.out == '3\n'
        r.err.readLines().count { it.contains("image 'python:3.6-ubuntu18.04' is not available locally") } == 1
    }

    def 'batch mode uploads the files and runs --exec in /home/work'() {
        given:
        def dir = Files.createTempDirectory('bai-run-')
        Files.writeString(dir.resolve('myscript.py'), 'import os, sys\nprint("args", sys.argv[1:], os.path.basename(os.getcwd()))\n')

        when:
        def r = bai.bai('run', '--rm', '--basedir', dir.toString(), '--exec', 'python myscript.py arg1 arg2',
                'python', dir.resolve('myscript.py').toString())

        then:
        r.exit == 0
        r.out == "args ['arg1', 'arg2'] work\n"
        r.err.contains('Execution finished. (exit code = 0)')

        cleanup:
        dir.toFile().deleteDir()
    }

    def 'a single-case run exits with the program exit code: #code'() {
        expect:
        with(bai.bai('run', '--rm', '-c', code, 'python')) {
            exit == expected
            err.contains(stderrPart)
        }

        where:
        code                                | expected | stderrPart
        'import sys; sys.exit(3)'           | 3        | 'Cleaned up'
        'raise ValueError("boom")'          | 1        | 'ValueError: boom'
        'print(undefined_name)'             | 1        | "NameError: name 'undefined_name' is not defined"
        'def broken(:\n  pass'              | 1        | 'SyntaxError'
    }

    def 'input() in the program is answered from standard input'() {
        when:
        def r = bai.baiWithInput('typed line\n', 'run', '--rm', '-c', 'v = input("name? "); print("got", v)', 'python')

        then:
        r.exit == 0
        r.out == 'name? got typed line\n'
    }

    def 'output of child processes reaches the client too'() {
        when:
        def r = bai.bai('run', '--rm', '-c', 'import subprocess; subprocess.run(["echo", "from-child"])', 'python')

        then:
        r.out == 'from-child\n'
    }

    def 'the bash image runs shell code'() {
        when:
        def r = bai.bai('run', '--rm', '-c', 'echo $((6*7)); whoami 2>/dev/null || id -u', 'bash')

        then:
        r.exit == 0
        r.out.readLines()[0] == '42'
    }

    def 'bad input is refused with a clear message, a non-zero exit code and no session: #args'() {
        when:
        def r = bai.bai(args as String[])

        then:
        r.exit == exit
        r.err.contains(message)
        bai.bai('ps', '--all', '--name-only').out.readLines().findAll { it.startsWith('badinput') }.isEmpty()

        where:
        args                                                                    | exit | message
        ['run', '-t', 'badinput1', '-c', 'print(1)', 'nosuchimage']             | 1    | "unknown image 'nosuchimage'; available: bash"
        ['run', '-t', 'badinput2', '-r', 'gpu=1', '-c', 'print(1)', 'python']   | 1    | 'Unknown requested resource slot: gpu (known slots: cpu, mem)'
        ['run', '-t', 'badinput3', '-r', 'cpu=-1', '-c', 'print(1)', 'python']  | 1    | "negative amount '-1' for slot cpu"
        ['run', '-t', 'badinput4', '-r', 'mem=lots', '-c', 'print(1)', 'python']| 1    | "invalid size 'lots'"
        ['run', '-t', 'badinput5', '-r', 'cpu', '-c', 'print(1)', 'python']     | 2    | "malformed -r/--resources item 'cpu'; expected KEY=VALUE"
        ['run', '-t', 'badinput6', '-e', 'FOO', '-c', 'print(1)', 'python']     | 2    | "malformed -e/--env item 'FOO'; expected KEY=VALUE"
        ['run', '-t', 'bad name', '-c', 'print(1)', 'python']                   | 1    | "invalid session name 'bad name'"
        ['run', '-t', 'badinput8', '-c', 'print(1)', 'python', 'RunSpec.groovy']| 4    | 'give either -c CODE or FILES, not both'
        ['run', '-t', 'badinput9', 'python']                                    | 4    | 'give the code to run with -c CODE'
        ['run', '-t', 'badinput10', '--max-wait', '-1', '-c', '1', 'python']    | 2    | '--max-wait must be 0'
        ['run', '-t', 'badinput11', '--type', 'weird', '-c', '1', 'python']     | 2    | '--type must be interactive or batch'
    }
}
