package ai.bai.launcher

import groovy.json.JsonSlurper
import spock.lang.AutoCleanup
import spock.lang.Shared
import spock.lang.Specification

import java.nio.file.Files
import java.nio.file.Path

/**
 * The embedded manager against an independent client written in Python with hmac/hashlib, signing and sending
 * requests the way the official 22.03 client does.
 */
class WireCompatibilitySpec extends Specification {
    @Shared
    @AutoCleanup
    TestManager bai = TestManager.start()

    @Shared
    Path script = Files.createTempFile('signed_request', '.py')

    def setupSpec() {
        Files.copy(getClass().getResourceAsStream('/signed_request.py'), script,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING)
    }

    def cleanupSpec() {
        Files.deleteIfExists(script)
    }

    Map send(String method, String path, Map opts = [:]) {
        def keys = bai.manager.keypair()
        def cmd = ['python3', script.toString(), method, bai.manager.url().toString() + path,
                   opts.accessKey ?: keys.accessKey(), keys.secretKey(), opts.version ?: 'v6.20220315']
        if (opts.json != null) { cmd += ['--json', opts.json as String] }
        if (opts.file) { cmd += ['--file', opts.file as String] }
        if (opts.skew) { cmd += ['--skew-minutes', opts.skew as String] }
        if (opts.tamper) { cmd += ['--tamper'] }
        def proc = cmd.execute()
        def out = proc.text
        proc.waitFor()
        def lines = out.readLines()
        [status: lines[0] as int, body: lines.drop(1).join('\n')]
    }

    def 'a 22.03-style create request makes a session that the same client can find and terminate'() {
        given:
        def body = '{"tag":null,"name":"wire-one","config":{"mounts":[],"environ":{},"resources":{},' +
                '"resource_opts":{},"scalingGroup":null,"mount_map":{},"preopen_ports":null},"dependencies":[],' +
                '"callback_url":null,"clusterSize":1,"clusterMode":"single-node","starts_at":null,' +
                '"bootstrap_script":null,"owner_access_key":null,"domain":"default","group":"default",' +
                '"type":"interactive","enqueueOnly":false,"maxWaitSeconds":0,"reuseIfExists":true,' +
                '"startupCommand":null,"image":"python"}'

        when:
        def created = send('POST', '/session', [json: body])
        def reply = new JsonSlurper().parseText(created.body)
        def info = send('GET', '/session/wire-one')
        def destroyed = send('DELETE', '/session/wire-one')

        then:
        created.status == 201
        reply.status == 'RUNNING'
        reply.sessionName == 'wire-one'
        reply.sessionId ==~ /[0-9a-f-]{36}/
        info.status == 200
        new JsonSlurper().parseText(info.body).status == 'RUNNING'
        destroyed.status == 200
    }

    def 'a percent-encoded multipart filename lands in its folder under /home/work'() {
        given:
        bai.bai('start', '-t', 'wire-upload', 'python')
        def local = Files.createTempFile('upload', '.txt')
        Files.writeString(local, 'uploaded through the wire\n')

        when:
        def r = send('POST', '/session/wire-upload/upload', [file: "sub/nested.txt=$local"])
        def read = bai.bai('run', '-t', 'wire-upload', '-c', 'print(open("sub/nested.txt").read(), end="")')

        then:
        r.status == 204
        read.out == 'uploaded through the wire\n'

        cleanup:
        bai.bai('rm', 'wire-upload')
        Files.deleteIfExists(local)
    }

    def 'the polling execute API runs query mode, asks for input and continues by run id'() {
        given:
        bai.bai('start', '-t', 'wire-poll', 'python')
        def json = new JsonSlurper()

        when:
        def first = json.parseText(send('POST', '/session/wire-poll', [json:
                '{"mode":"query","code":"name = input(\\"who? \\"); print(\\"hi\\", name)","runId":null,"options":{}}']).body).result
        def answered = json.parseText(send('POST', '/session/wire-poll', [json:
                "{\"mode\":\"input\",\"code\":\"bai\",\"runId\":\"${first.runId}\",\"options\":{}}"]).body).result

        then:
        first.status == 'waiting-input'
        first.console == [['stdout', 'who? ']]
        answered.status == 'finished'
        answered.exitCode == 0
        answered.console == [['stdout', 'hi bai\n']]

        when: 'a v9 client sends run_id instead of runId'
        def started = json.parseText(send('POST', '/session/wire-poll', [version: 'v9.20250722', json:
                '{"mode":"query","code":"import time; time.sleep(6); print(\\"late\\")","run_id":null,"options":{}}']).body).result
        def continued = json.parseText(send('POST', '/session/wire-poll', [version: 'v9.20250722', json:
                "{\"mode\":\"continue\",\"code\":\"\",\"run_id\":\"${started.runId}\",\"options\":{}}"]).body).result

        then:
        started.status == 'continued'
        continued.status == 'finished'
        continued.console == [['stdout', 'late\n']]

        cleanup:
        bai.bai('rm', 'wire-poll')
    }

    def 'the event stream resumes after Last-Event-ID without losing or repeating events'() {
        given:
        bai.bai('start', '-t', 'wire-events', 'python')
        bai.bai('rm', 'wire-events')
        def keys = bai.manager.keypair()
        def events = { Map headers ->
            Sse.read(bai.manager.url(), keys.accessKey(), keys.secretKey(), headers['Last-Event-ID'] as String)
        }

        when:
        def all = events(['Last-Event-ID': '0'])
        def ids = all.findAll { it.startsWith('id: ') }.collect { it.substring(4) as long }
        def resumed = events(['Last-Event-ID': ids[2] as String])
        def resumedIds = resumed.findAll { it.startsWith('id: ') }.collect { it.substring(4) as long }

        then:
        ids.size() >= 5
        resumedIds == ids.findAll { it > ids[2] }
        all.contains('event: session_enqueued')
        !all.any { it.startsWith('event: kernel_') }   // scope=session
    }

    def 'the manager refuses #what with #status #slug'() {
        when:
        def r = send('GET', '/session/whatever', opts)
        def problem = new JsonSlurper().parseText(r.body)

        then:
        r.status == status
        problem.type == "https://api.backend.ai/probs/$slug"
        problem.msg.contains(message)

        where:
        what                      | opts                        | status | slug                  | message
        'a tampered signature'    | [tamper: true]              | 401    | 'auth-failed'         | 'HMAC signature mismatch'
        'an unknown access key'   | [accessKey: 'AKIANOSUCHKEY0000'] | 401 | 'auth-failed'      | 'Access key not found'
        'a clock 20 minutes off'  | [skew: 20]                  | 400    | 'invalid-auth-params' | 'Date/time sync error'
        'a clock 20 minutes slow' | [skew: -20]                 | 400    | 'invalid-auth-params' | 'Date/time sync error'
        'an unsupported version'  | [version: 'v3.20170615']    | 400    | 'invalid-api-params'  | "API version 'v3.20170615' is not supported"
    }

    def 'a correctly signed request for a missing session is a problem+json 404'() {
        when:
        def r = send('GET', '/session/no-such-session', [version: 'v9.20250722'])

        then:
        r.status == 404
        new JsonSlurper().parseText(r.body).type == 'https://api.backend.ai/probs/object-not-found'
    }

    def 'an unsigned request is refused but the version probe answers'() {
        when:
        def anonymous = new URL(bai.manager.url().toString() + '/session/x').openConnection() as HttpURLConnection
        def probe = new JsonSlurper().parse(new URL(bai.manager.url().toString() + '/'))

        then:
        anonymous.responseCode == 400
        anonymous.getHeaderField('Content-Type').startsWith('application/problem+json')
        probe.version == 'v9.20250722'
    }
}
