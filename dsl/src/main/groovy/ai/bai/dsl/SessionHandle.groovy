package ai.bai.dsl

import ai.bai.api.ExecuteRequest
import ai.bai.client.BackendClient
import ai.bai.client.CodeRunner
import groovy.transform.CompileStatic

/** A live session a script started: run code in it (state persists between runs), then terminate it. */
@CompileStatic
class SessionHandle {
    final String id
    final String name
    private final BackendClient client

    SessionHandle(BackendClient client, String id, String name) {
        this.client = client
        this.id = id
        this.name = name
    }

    /** Runs {@code code} in query mode and returns its output and exit code. */
    RunResult run(String code) {
        def out = new StringBuilder()
        def err = new StringBuilder()
        def result = new CodeRunner(client).run(id, ExecuteRequest.query(code), new CodeRunner.Console() {
            void stdout(String text) { out.append(text) }
            void stderr(String text) { err.append(text) }
            void record(String type, Object data) { out.append("[$type] $data\n") }
            void status(String line) { err.append(line).append('\n') }
            String readLine(boolean password) { null }
        })
        new RunResult(out.toString(), err.toString(), result.exitCode() == null ? -1 : result.exitCode())
    }

    String getStatus() {
        client.sessionInfo(id).status()
    }

    void terminate() {
        client.destroy(id, false)
    }

    @Override
    String toString() {
        "session $name ($id)"
    }
}
