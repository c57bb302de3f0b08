package ai.bai.dsl

import groovy.transform.CompileStatic

/** A problem in a script the user can act on. */
@CompileStatic
class DslException extends RuntimeException {
    DslException(String message) {
        super(message)
    }
}
