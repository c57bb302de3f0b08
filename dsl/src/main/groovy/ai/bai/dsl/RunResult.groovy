package ai.bai.dsl

import groovy.transform.CompileStatic
import groovy.transform.Immutable

/** What running code in a session produced. */
@CompileStatic
@Immutable
class RunResult {
    String stdout
    String stderr
    int exitCode

    boolean isOk() {
        exitCode == 0
    }
}
