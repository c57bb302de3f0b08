"""bai kernel runner: the process that is a session's kernel.

Started by the embedded manager's local agent, already in its own process session and as the session's
unprivileged user. It listens on a Unix socket in the session directory and speaks JSON lines:

  request  {"op": "ping"} (exactly this text) | {"op": "execute", "mode": "query"|"batch", "code": str, "options": {...}}
           | {"op": "task", "command": str} | {"op": "interrupt"} | {"op": "shutdown"}
  on an execute connection, later lines: {"op": "input", "data": str} | {"op": "interrupt"}
  replies  {"t": "pong", "pid": int} | {"t": "stdout"|"stderr", "d": str} | {"t": "waiting-input", "password": bool}
           | {"t": "clean-finished"|"build-finished"|"finished", "exitCode": int}

Everything written to file descriptors 1 and 2 (Python prints and child processes alike) is captured through
pipes and forwarded to the execution that is running; between executions it goes to the session log.
The query-mode namespace lives as long as this process, so state survives between runs and manager restarts.
"""
import builtins
import codecs
import os
import queue
import signal
import socket
import sys
import threading

# Imported by a warm-up thread once the socket listens, so the session is RUNNING sooner: the runner starts
# with python -S, and site.main() (site-packages, .pth files) runs in the warm-up before any user code.
# A runner forked from the kernel zygote finds all of this done already.
json = traceback = subprocess = None
site_ready = False
PING = b'{"op": "ping"}'

MARKER = b"\x00\x1ebai-sync\x1e\x00"


class Sink:
    """The connection of the execution that is running; frames are written whole under one lock."""

    def __init__(self, conn):
        self.conn = conn
        self.lock = threading.Lock()
        self.open = True

    def emit(self, frame):
        data = (json.dumps(frame) + "\n").encode("utf-8")
        with self.lock:
            if not self.open:
                return
            try:
                self.conn.sendall(data)
            except OSError:
                self.open = False


class Pump(threading.Thread):
    """Reads one captured descriptor and forwards what it reads to the current sink or to the log."""

    def __init__(self, runner, fd, kind):
        super().__init__(daemon=True, name="pump-" + kind)
        self.runner, self.kind = runner, kind
        self.log_fd = os.dup(fd)
        read_end, write_end = os.pipe()
        os.dup2(write_end, fd)
        os.close(write_end)
        self.read_fd, self.fd = read_end, fd
        self.synced = threading.Event()
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def run(self):
        pending = b""
        while True:
            chunk = os.read(self.read_fd, 65536)
            if not chunk:
                return
            data, pending = pending + chunk, b""
            while True:
                i = data.find(MARKER)
                if i < 0:
                    break
                self.deliver(data[:i])
                data = data[i + len(MARKER):]
                self.synced.set()
            keep = next((k for k in range(min(len(MARKER) - 1, len(data)), 0, -1) if data.endswith(MARKER[:k])), 0)
            if keep:
                data, pending = data[:-keep], data[-keep:]
            self.deliver(data)

    def deliver(self, data):
        if not data:
            return
        sink = self.runner.sink
        if sink is None:
            os.write(self.log_fd, data)
            return
        text = self.decoder.decode(data)
        if text:
            sink.emit({"t": self.kind, "d": text})

    def sync(self):
        """Returns once everything written to the descriptor so far has been delivered."""
        self.synced.clear()
        os.write(self.fd, MARKER)
        self.synced.wait(10)


class Runner:
    def __init__(self, args):
        self.args = args
        self.sink = None
        self.busy = False
        self.inputs = queue.Queue()
        self.work = queue.Queue()
        self.namespace = {"__name__": "__main__", "__builtins__": builtins}
        sys.stdout.reconfigure(line_buffering=True)
        sys.stderr.reconfigure(line_buffering=True)
        self.pumps = [Pump(self, 1, "stdout"), Pump(self, 2, "stderr")]
        for p in self.pumps:
            p.start()
        builtins.input = self.read_input
        self.warmed = threading.Event()
        threading.Thread(target=self.warm_up, daemon=True, name="warm-up").start()

    def warm_up(self):
        global json, traceback, subprocess, site_ready
        if not site_ready:
            import site
            site.main()
            site_ready = True
        import json as json_module
        json = json_module
        import getpass as getpass_module
        import subprocess as subprocess_module
        import traceback as traceback_module
        traceback, subprocess = traceback_module, subprocess_module
        getpass_module.getpass = lambda prompt="Password: ", stream=None: self.read_input(prompt, password=True)
        self.warmed.set()

    # ---- connections -------------------------------------------------------------------------------------
    def serve(self):
        if os.path.exists(self.args.socket):
            os.unlink(self.args.socket)
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(self.args.socket)
        os.chmod(self.args.socket, 0o600)
        server.listen(16)
        threading.Thread(target=self.accept_loop, args=(server,), daemon=True, name="accept").start()
        while True:
            try:
                conn, request = self.work.get()
                self.execute(conn, request)
            except KeyboardInterrupt:
                continue  # an interrupt that arrived between runs

    def accept_loop(self, server):
        while True:
            conn, _ = server.accept()
            threading.Thread(target=self.first_request, args=(conn,), daemon=True).start()

    def first_request(self, conn):
        reader = conn.makefile("rb")
        line = reader.readline()
        if not line:
            conn.close()
            return
        if line.strip() == PING:  # answered before the warm-up is done: this is the readiness check
            conn.sendall(('{"t": "pong", "pid": %d, "busy": %s}\n' % (os.getpid(), str(self.busy).lower())).encode())
            conn.close()
            return
        self.warmed.wait()
        request = json.loads(line)
        op = request.get("op")
        if op == "interrupt":
            self.interrupt()
            conn.close()
        elif op == "task":
            self.warmed.wait()
            self.start_task(request.get("command", ""))
            conn.sendall(b'{"t": "ok"}\n')
            conn.close()
        elif op == "shutdown":
            conn.close()
            os.kill(os.getpid(), signal.SIGTERM)
        elif op == "execute":
            self.work.put((conn, request))
            self.follow(reader)
        else:
            conn.sendall((json.dumps({"t": "error", "msg": "unknown op %r" % op}) + "\n").encode())
            conn.close()

    def follow(self, reader):
        """Later lines of an execute connection: user input and interrupts; EOF interrupts the run."""
        while True:
            line = reader.readline()
            if not line:
                self.inputs.put(None)
                self.interrupt()
                return
            msg = json.loads(line)
            if msg.get("op") == "input":
                self.inputs.put(msg.get("data", ""))
            elif msg.get("op") == "interrupt":
                self.interrupt()

    def interrupt(self):
        if self.busy:
            os.kill(os.getpid(), signal.SIGINT)

    def start_task(self, command):
        """A batch session's startup command: runs detached from any connection, its output goes to the session
        log, and its exit code is written to task.exit beside the socket when it ends."""
        exit_file = os.path.join(os.path.dirname(self.args.socket), "task.exit")

        def run():
            code = subprocess.call(["bash", "-c", command], cwd=self.args.workdir)
            tmp = exit_file + ".tmp"
            with open(tmp, "w") as f:
                f.write(str(code))
            os.rename(tmp, exit_file)

        threading.Thread(target=run, daemon=True, name="task").start()

    # ---- executions --------------------------------------------------------------------------------------
    def execute(self, conn, request):
        sink = Sink(conn)
        self.drain_inputs()
        self.sink, self.busy = sink, True
        try:
            if request.get("mode") == "batch":
                self.batch(request.get("options") or {})
            elif self.args.lang == "python":
                self.finish("finished", self.run_python(request.get("code", "")))
            else:
                self.finish("finished", self.run_shell(request.get("code", "")))
        except KeyboardInterrupt:
            self.finish("finished", 130)
        finally:
            self.busy = False
            self.sink = None
            try:
                conn.close()
            except OSError:
                pass

    def finish(self, status, exit_code):
        self.sync_output()
        self.sink.emit({"t": status, "exitCode": exit_code})

    def sync_output(self):
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        for p in self.pumps:
            p.sync()

    def drain_inputs(self):
        while not self.inputs.empty():
            self.inputs.get_nowait()

    def read_input(self, prompt="", password=False):
        if self.sink is None:
            raise EOFError("no execution is waiting for input")
        sys.stdout.write(str(prompt))
        self.sync_output()
        self.sink.emit({"t": "waiting-input", "password": password})
        value = self.inputs.get()
        if value is None:
            raise EOFError("the client went away while input was requested")
        return value

    def run_python(self, code):
        try:
            compiled = compile(code, "<input>", "exec")
        except SyntaxError:
            traceback.print_exc(limit=0)
            return 1
        try:
            exec(compiled, self.namespace)
            return 0
        except SystemExit as e:
            return exit_code_of(e)
        except BaseException as e:  # user code may raise anything; report it like the interpreter would
            tb = e.__traceback__.tb_next if e.__traceback__ else None
            traceback.print_exception(type(e), e, tb)
            return 130 if isinstance(e, KeyboardInterrupt) else 1

    def run_shell(self, command):
        proc = subprocess.Popen(["bash", "-c", command], cwd=self.args.workdir, start_new_session=True)
        try:
            return proc.wait()
        except KeyboardInterrupt:
            stop_group(proc)
            return 130

    def batch(self, options):
        clean, build, exec_ = options.get("clean"), options.get("build"), options.get("exec")
        if clean and clean != "*":
            self.finish("clean-finished", self.run_shell(clean))
        build_exit = 0
        if build and build != "*":  # the python and bash images have no default build step
            build_exit = self.run_shell(build)
            self.finish("build-finished", build_exit)
        if not exec_:
            self.finish("finished", build_exit)
        elif build_exit != 0:
            self.finish("finished", 127)
        else:
            self.finish("finished", self.run_shell(self.default_exec() if exec_ == "*" else exec_))

    def default_exec(self):
        if self.args.lang == "python":
            return 'if [ -f main.py ]; then exec python3 main.py; else echo "bai: no main.py to run; pass --exec" >&2; exit 127; fi'
        return 'if [ -f main.sh ]; then exec bash main.sh; else echo "bai: no main.sh to run; pass --exec" >&2; exit 127; fi'


def exit_code_of(e):
    if e.code is None:
        return 0
    if isinstance(e.code, int):
        return e.code
    print(e.code, file=sys.stderr)
    return 1


def stop_group(proc):
    for sig, wait in ((signal.SIGINT, 2), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
            proc.wait(wait)
            return
        except (ProcessLookupError, subprocess.TimeoutExpired):
            continue


class Args:
    """--socket PATH --workdir DIR [--lang python|bash], parsed without argparse (which costs ~17 ms to import)."""

    def __init__(self, socket_path, workdir, lang="python"):
        self.socket, self.workdir, self.lang = socket_path, workdir, lang

    @staticmethod
    def parse(argv):
        values = dict(zip(argv[0::2], argv[1::2]))
        return Args(values["--socket"], values["--workdir"], values.get("--lang", "python"))


def run(args):
    """Becomes the session's kernel: never returns."""
    os.chdir(args.workdir)
    sys.path[0] = args.workdir  # the runner's own folder must not shadow user modules
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    Runner(args).serve()


def main():
    run(Args.parse(sys.argv[1:]))


if __name__ == "__main__":
    main()
