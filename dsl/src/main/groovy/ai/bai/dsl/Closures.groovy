package ai.bai.dsl

import groovy.transform.CompileStatic

/** The one place closures are wired to the spec they configure. */
@CompileStatic
final class Closures {
    private Closures() {
    }

    static <T> T configure(T spec, @DelegatesTo(strategy = Closure.DELEGATE_FIRST, genericTypeIndex = 0) Closure<?> body) {
        Closure<?> c = (Closure<?>) body.clone()
        c.resolveStrategy = Closure.DELEGATE_FIRST
        c.delegate = spec
        c.call(spec)
        spec
    }
}
