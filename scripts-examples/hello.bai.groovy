#!/usr/bin/env bai
// hello.bai.groovy: start a session, keep state across runs, print, clean up.
// Run with:  bai script scripts-examples/hello.bai.groovy --param name=world
def s = start('python') { resources cpu: 1, mem: '256m' }
try {
    s.run 'greeting = "hello"'
    println s.run("print(greeting + ', ${params.name ?: 'world'}')").stdout.trim()
} finally {
    s.terminate()
}
