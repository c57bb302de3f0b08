package ai.bai.dsl

import ai.bai.client.SessionOptions
import groovy.transform.CompileStatic

/** What a {@code start('python') { ... }} block may say about the session; ends in {@link #toOptions}. */
@CompileStatic
class StartSpec {
    private final String image
    private String sessionName
    private final Map<String, String> resources = [:]
    private final Map<String, String> environ = [:]

    StartSpec(String image) {
        this.image = image
    }

    /** The session's name; a random one when not given. */
    void name(String value) {
        sessionName = value
    }

    /** Resource slots, e.g. {@code resources cpu: 2, mem: '4g'}. */
    void resources(Map<String, ?> slots) {
        slots.each { k, v -> resources[k] = String.valueOf(v) }
    }

    /** Environment variables of the session. */
    void env(Map<String, ?> vars) {
        vars.each { k, v -> environ[k] = String.valueOf(v) }
    }

    SessionOptions toOptions(String generatedName) {
        def base = SessionOptions.of(image, sessionName ?: generatedName)
        new SessionOptions(base.image(), base.name(), base.type(), environ, resources, [:], null, false, 0, true,
                null, null, null, null, null, null, null, null, null)
    }
}
