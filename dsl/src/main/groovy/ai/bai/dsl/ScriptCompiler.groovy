package ai.bai.dsl

import groovy.transform.CompileStatic
import org.codehaus.groovy.control.CompilerConfiguration
import org.codehaus.groovy.control.customizers.ImportCustomizer

import java.nio.file.Path

/** The one compiler configuration for {@code .bai.groovy} scripts: base class and default imports. */
@CompileStatic
final class ScriptCompiler {
    private ScriptCompiler() {
    }

    static CompilerConfiguration configuration() {
        def config = new CompilerConfiguration()
        config.scriptBaseClass = BaiScript.name
        config.addCompilationCustomizers(new ImportCustomizer().addStarImports('ai.bai.dsl'))
        config
    }

    /** Runs a script file with {@code variables} bound (client, config, params); returns its value. */
    static Object run(Path file, Map<String, Object> variables) {
        def shell = new GroovyShell(ScriptCompiler.classLoader, new Binding(variables), configuration())
        def script = shell.parse(file.toFile())
        script.run()
    }
}
