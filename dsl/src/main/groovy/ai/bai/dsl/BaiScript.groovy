package ai.bai.dsl

import ai.bai.client.BackendClient
import ai.bai.client.ClientConfig
import groovy.transform.CompileStatic

import java.security.SecureRandom

/**
 * The base class of {@code .bai.groovy} scripts: {@code start('python') { resources cpu: 1 }} starts a session
 * and returns its handle. The launcher binds {@code client}, {@code config} and {@code params}.
 */
@CompileStatic
abstract class BaiScript extends Script {

    /** Starts (or reuses, by name) a session of {@code image} and waits until it runs. */
    SessionHandle start(String image,
                        @DelegatesTo(value = StartSpec, strategy = Closure.DELEGATE_FIRST) Closure<?> body = null) {
        def spec = new StartSpec(image)
        if (body != null) {
            Closures.configure(spec, body)
        }
        def options = spec.toOptions(generatedName())
        def client = (BackendClient) binding.getVariable('client')
        def reply = client.createSession(options.toRequest((ClientConfig) binding.getVariable('config')))
        String status = reply.path('status').asText()
        if (status != 'RUNNING') {
            throw new DslException("session '${options.name()}' did not start: $status")
        }
        new SessionHandle(client, reply.path('sessionId').asText(), options.name())
    }

    /** The {@code --param key=value} pairs the script was run with. */
    Map<String, String> getParams() {
        (Map<String, String>) binding.getVariable('params')
    }

    private static String generatedName() {
        byte[] b = new byte[5]
        new SecureRandom().nextBytes(b)
        'bai-' + b.encodeHex().toString()
    }
}
