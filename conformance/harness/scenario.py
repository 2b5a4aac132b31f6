"""A scenario: the processes of one example, bounded in time and cleaned up whatever happens.

Every join is bounded by the deadline.  On expiry the children still running are named, their
stacks collected, and they are terminated then killed; the invariant fails with ``Stuck``.  After
the scenario no child, manager process, named semaphore or board file it created is left.
"""

import atexit
import contextlib
import importlib
import io
import os
import pickle
import signal
import shutil
import sys
import tempfile
import threading
import time
import types

from conformance.harness import bytecode, child, liveness
from conformance.harness.board import Board
from conformance.harness.gate import Gate
from conformance.harness.liveness import pid_alive
from conformance.judge import ChildFailed, Stuck, Violation
from conformance.judge import RAISED as CALL_RAISED

# What the running Hypothesis example drew, set by ``conformance.invariants.invariant``.
current_example = {}

STACK_WAIT = 2.0  # seconds to let a stuck child write its stacks
REPORT_START = b"\x80"  # a report's first byte (a pickle's protocol opcode); never a stack dump's
KILL_WAIT = 2.0  # seconds to let a terminated child exit before it is killed
BLOCKED_WAIT = 1.0  # at most this long for an announced child to block
CHECK_CHILDREN_EVERY = 0.1  # seconds between looks at whether a child died while awaited
# Evidence files live in memory where the OS offers it: on a disk-backed /tmp, creating and
# renaming each child's report costs ~10x more (measured: 168 vs 17 microseconds).
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
WORKDIR_PREFIX = "mpconf-"  # then the pid of the process that made it

# Fork children of this process leave watching it to the kernel where it can (Linux).
liveness.bind_parent_death_signal()


def sweep_stale_workdirs():
    """Remove scenario directories left by kit processes that were killed (no cleanup ran)."""
    scratch = SCRATCH or tempfile.gettempdir()
    for name in os.listdir(scratch):
        owner = name[len(WORKDIR_PREFIX):].partition("-")[0]
        if name.startswith(WORKDIR_PREFIX) and owner.isdigit() and not pid_alive(int(owner)):
            shutil.rmtree(os.path.join(scratch, name), ignore_errors=True)


# A scenario's every step runs once per example, and a parent that forked children pays a page
# fault for each page it then writes to: scenarios make and remove their directories with a few
# system calls rather than through tempfile and shutil.
def make_workdir():
    """A new directory for a scenario's files, named for this process (``sweep_stale_workdirs``)
    and, like ``tempfile.mkdtemp``'s, unguessable and private."""
    scratch = SCRATCH or tempfile.gettempdir()
    while True:
        path = os.path.join(scratch, f"{WORKDIR_PREFIX}{os.getpid()}-{os.urandom(6).hex()}")
        try:
            os.mkdir(path, 0o700)
            return path
        except FileExistsError:
            continue


def remove_workdir(path):
    """Remove a scenario's directory: the files it holds, or, if something made more than files
    there, the whole tree."""
    try:
        with os.scandir(path) as entries:
            for entry in entries:
                os.unlink(entry.path)
        os.rmdir(path)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def light_children():
    """Keep what spawn and forkserver children import to what they run.

    Those start methods re-run the parent's main script as ``__mp_main__`` in each child; under
    the ``pytest`` console script that imports pytest into every child (~5x the start cost): the
    runner's ``__main__`` is hidden.  Where Python may not write the kit's bytecode, its compiled
    copy goes first on ``sys.path``, which spawn children take (``bytecode``).
    """
    real_main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    compiled = compiled_kit()
    added = compiled is not None and compiled not in sys.path  # not yet, by an outer one
    if added:
        sys.path.insert(0, compiled)
    try:
        yield
    finally:
        sys.modules["__main__"] = real_main
        if added and compiled in sys.path:
            sys.path.remove(compiled)


_compiled_kit = []  # this process's compiled copy of the kit (None: none needed), once made


def compiled_kit():
    """The directory of this process's compiled copy of the kit, made on first use and removed
    when the process exits; None where the children find or write the kit's bytecode."""
    if not _compiled_kit:
        directory = None
        if bytecode.needed(sys.dont_write_bytecode):
            directory = make_workdir()
            try:
                bytecode.compiled_copy(directory)
            except OSError:  # no room, say: children compile the kit themselves, as without
                shutil.rmtree(directory, ignore_errors=True)
                directory = None
            else:
                atexit.register(remove_when_exiting, directory, owner=os.getpid())
        _compiled_kit.append(directory)
    return _compiled_kit[0]


def remove_when_exiting(directory, owner):
    """At exit, remove ``directory`` if this is the process that made it (not a child forked
    from it that runs the exit handlers it inherited)."""
    if os.getpid() == owner:
        shutil.rmtree(directory, ignore_errors=True)


def forked_children_use_the_default_thread_hook():
    """A process forked from the test run (a fork child, a manager's server) inherits the
    runner's ``threading.excepthook``.  pytest's keeps every thread's exception, and with it the
    thread's frames and what they refer to, for a report nobody reads in the child: a manager's
    server then keeps alive a referent every client released (the thread that served it ended
    with SystemExit).  Forked children print the exception, as Python does by default."""
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_use_default_thread_hook)


def _use_default_thread_hook():
    threading.excepthook = _print_thread_exception


def _print_thread_exception(args):
    """Python's default ``threading.excepthook`` (``threading.__excepthook__`` from 3.10)."""
    if args.exc_type is SystemExit:
        return
    import traceback

    name = args.thread.name if args.thread is not None else threading.get_ident()
    print(f"Exception in thread {name}:", file=sys.stderr)
    traceback.print_exception(args.exc_type, args.exc_value, args.exc_traceback,
                              file=sys.stderr)


class Child:
    def __init__(self, process, role, report_path):
        self.process = process
        self.role = role
        self.report_path = report_path  # its report once it has exited; its stacks until then

    def describe(self):
        return f"{self.role} (pid {self.process.pid})"

    def _contents(self):
        try:
            fd = os.open(self.report_path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            return b""
        try:
            chunks = []
            while chunk := os.read(fd, 1 << 20):
                chunks.append(chunk)
        finally:
            os.close(fd)
        return b"".join(chunks)

    def _read(self):
        """(the report or None, the stacks dumped): a report comes first where there is one,
        stacks dumped after it (a child stuck in its exit, after reporting) follow it."""
        contents = self._contents()
        if not contents.startswith(REPORT_START):
            return None, contents
        buffer = io.BytesIO(contents)
        try:
            report = pickle.load(buffer)
        except Exception:  # cut short (PyPy's pickle raises IndexError, struct.error too)
            return None, b""
        return report, contents[buffer.tell():]

    def report(self):
        """What the child reported (read once it has exited); None if it wrote no report (its
        file holds none: nothing, or stacks), or died while writing it (``child.write_report``)."""
        return self._read()[0]

    def stacks(self):
        """The stacks the child dumped ("" until it has)."""
        with contextlib.suppress(OSError):
            return self._read()[1].decode("utf-8", errors="replace").strip()
        return ""


class Scenario:
    """Use as ``with target.scenario() as s:``; start children with ``s.run(...)``/``s.start``."""

    def __init__(self, ctx, deadline, provider="native", kept_server=None):
        self.ctx = ctx
        self.deadline = deadline
        self.provider = provider
        # Without a target's server (a scenario made directly), one that lives as long as it.
        self._owns_kept_server = kept_server is None
        self._kept_server = KeptServer(ctx) if self._owns_kept_server else kept_server
        self._used_kept_server = False
        self._children = []
        self._kept = []
        self._managers = []
        self._boards = []
        self._gates = []
        self._light = None

    def __enter__(self):
        self._light = light_children()
        self._light.__enter__()
        try:
            self.workdir = make_workdir()
        except BaseException:
            self._light.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info):
        if self._used_kept_server and (exc_info[0] is not None or self._owns_kept_server):
            self._kept_server.discard()  # a failed one's may be wedged; its own ends with it
        try:
            self._stop(self._children)
            for manager in self._managers:
                shutdown_manager(manager)
        finally:
            for board in self._boards:
                board.close()
            for gate in self._gates:
                gate.close()
            self._kept.clear()
            self._managers.clear()
            remove_workdir(self.workdir)
            self._light.__exit__(None, None, None)

    # --- what invariants use -------------------------------------------------------------

    def keep(self, obj):
        """Keep a primitive alive until the scenario ends: a spawn child opening a collected
        SemLock finds its name already unlinked."""
        self._kept.append(obj)
        return obj

    def board(self, slots):
        board = Board(os.path.join(self.workdir, f"board{len(self._boards)}"), slots)
        self._boards.append(board)
        return board

    def gate(self, parties):
        """A start gate for ``parties`` children (see ``start_together``)."""
        gate = Gate(os.path.join(self.workdir, f"gate{len(self._gates)}"), parties)
        self._gates.append(gate)
        return gate

    @property
    def sync(self):
        """Where this scenario's primitives come from: ``s.sync.Lock()`` is ``ctx.Lock()`` for the
        native provider and ``ctx.Manager().Lock()`` for the manager provider."""
        if self.provider == "native":
            return self.ctx
        return self.kept_manager()

    def manager(self):
        """A started ``ctx.Manager()`` of this scenario's own, shut down (bounded) when the
        scenario ends: for invariants about a manager's own start, shutdown or server."""
        manager = self.ctx.Manager()
        self._managers.append(manager)
        return manager

    def kept_manager(self):
        """The started ``ctx.Manager()`` the target keeps between scenarios (see
        ``KeptServer``): for invariants about the objects a manager serves, not the manager."""
        self._used_kept_server = True
        return self._kept_server.get()

    def start(self, actor, *args, role, gate=None, daemon=True):
        """Start a child running ``actor(*args)``; ``daemon=False`` for one that starts
        processes itself (daemonic processes may not); ``gate``: its place at a start gate
        (``Gate.party``, see ``start_together``)."""
        return self._started(self._prepared(actor, args, role, gate, daemon))

    def _prepared(self, actor, args, role, gate, daemon, index=None):
        """A child ready to start (the ``index``-th of the scenario's children)."""
        index = len(self._children) if index is None else index
        report_path = os.path.join(self.workdir, f"report{index}")
        stacks_after = None if child.STACK_SIGNAL else max(self.deadline - STACK_WAIT, 0.1)
        process = self.ctx.Process(
            target=child.run, args=(actor, args, report_path, gate, stacks_after),
            name=role, daemon=daemon,
        )
        return Child(process, role, report_path)

    def _started(self, prepared):
        prepared.process.start()
        self._children.append(prepared)
        return prepared

    def join(self, children=None, *, stuck_in):
        """Wait for children (default: all) up to the deadline and return what each observed.

        ``stuck_in`` names what the children may be blocked in, for the failure message.
        """
        children = self._children if children is None else children
        end = time.monotonic() + self.deadline
        for started in children:
            started.process.join(max(0.0, end - time.monotonic()))
        stuck = [c for c in children if c.process.exitcode is None]
        if stuck:
            self._fail_stuck(f"{len(stuck)} of {len(children)} processes still in {stuck_in} "
                             f"after {self.deadline:g} s", stuck, stuck_in)
        return [self._observation(c) for c in children]

    def await_blocked(self, started):
        """Give a child that announced it is about to block time to get there, so that what
        the parent does next finds it blocked (a mutant's bug may show only then).  Only
        widens a window; correctness never rests on it.  On Linux, waits (bounded) until the
        child's main thread sleeps; elsewhere pauses briefly."""
        stat = f"/proc/{started.process.pid}/stat"
        end = time.monotonic() + min(self.deadline, BLOCKED_WAIT)
        while time.monotonic() < end:
            try:
                with open(stat) as f:
                    state = f.read().rpartition(")")[2].split()[0]
            except (OSError, IndexError):
                time.sleep(BLOCKED_WAIT / 20)  # no /proc: just let it get there
                return
            if state in ("S", "D"):
                return
            time.sleep(0.001)

    def await_slot(self, board, slot, value, *, what):
        """Wait (bounded) until a child signals on the board, e.g. that it holds a lock.

        A child that dies or raises instead of signalling fails the wait at once.
        """
        self._await(lambda seconds: board.wait_until(slot, value, seconds), what)

    def start_together(self, actor, plans, *, role, extra_args=()):
        """Start one child per plan (``actor(*extra_args, plan)``) behind a start gate, and open
        it once every child waits there, so that they all begin together; return the children.
        ``role`` names child i ``f"{role} {i}"``, or is a list of their names."""
        roles = [f"{role} {i}" for i in range(len(plans))] if isinstance(role, str) else role
        gate = self.gate(len(plans))
        first = len(self._children)
        # Every child is made ready before the first starts: under fork, each page the parent
        # writes to between two starts is copied (the earlier children, waiting at the gate,
        # still share it), so the parent does no more between starts than start them.
        prepared = [self._prepared(actor, (*extra_args, plan), name,
                                   gate.party(i, self.deadline), True, first + i)
                    for i, (plan, name) in enumerate(zip(plans, roles))]
        children = [self._started(c) for c in prepared]
        for i, name in enumerate(roles):
            self._await(lambda seconds, i=i: gate.arrived(i, seconds),
                        f"{name} to reach the start gate")
        gate.open()
        return children

    def run(self, actor, plans, *, role, stuck_in, extra_args=()):
        """Start one child per plan (``actor(*extra_args, plan)``), let them all begin together
        through a start gate, and join them; return what each observed."""
        children = self.start_together(actor, plans, role=role, extra_args=extra_args)
        return self.join(children, stuck_in=stuck_in)

    # --- plumbing ------------------------------------------------------------------------

    def _await(self, ready, what):
        """Wait (bounded) until ``ready(seconds)``, which waits up to that long, is true; a
        child that dies or raises meanwhile fails the wait at once."""
        end = time.monotonic() + self.deadline
        while not ready(min(CHECK_CHILDREN_EVERY, max(0.0, end - time.monotonic()))):
            for started in self._children:
                if started.process.exitcode is not None:
                    self._observation(started)  # raises ChildFailed if it raised or died
            if time.monotonic() >= end:
                running = [c for c in self._children if c.process.exitcode is None]
                self._fail_stuck(f"still waiting for {what} after {self.deadline:g} s", running,
                                 what)

    def _observation(self, started):
        """What a child returned; a judged call that raised is a violation, anything else that
        kept the child from reporting is an error (``ChildFailed``)."""
        report = started.report()
        if report is None:
            raise ChildFailed(
                f"{started.describe()} exited with code {started.process.exitcode} "
                f"without reporting what it observed",
                role=started.role, pid=started.process.pid, exitcode=started.process.exitcode)
        if "call_raised" in report:
            raised = report["call_raised"]
            evidence = (f"{started.role}: {raised['what']} raised {raised['type']}: "
                        f"{raised['message']}")
            raise Violation(f"{CALL_RAISED}: {evidence}\n{raised['traceback']}",
                            forbidden={CALL_RAISED: 1}, evidence={CALL_RAISED: [evidence]})
        if "raised" in report:
            raised = report["raised"]
            raise ChildFailed(f"{started.describe()} raised outside any judged call:\n"
                              f"{raised['traceback']}", role=started.role,
                              pid=started.process.pid, exitcode=started.process.exitcode,
                              exception=raised["type"], details=raised["traceback"])
        return report["returned"]

    def _fail_stuck(self, summary, stuck, stuck_in):
        stacks = collect_stacks(stuck)
        self._stop(stuck)
        method = self.ctx.get_start_method()
        lines = [f"{summary} (start method {method})."]
        if current_example:
            lines.append(f"Example: {current_example}")
        if stuck:
            lines.append(f"Terminated {', '.join(c.describe() for c in stuck)}. Their stacks:")
        for started, stack in zip(stuck, stacks):
            lines.append(f"--- {started.describe()} ---\n{stack or '(no stack written)'}")
        raise Stuck("\n".join(lines), stuck_in=stuck_in, start_method=method,
                    processes=[(c.role, c.process.pid, stack) for c, stack in zip(stuck, stacks)])

    def _stop(self, children):
        alive = [c.process for c in children if c.process.exitcode is None]
        for process in alive:
            process.terminate()
        wait_for_exit(alive, KILL_WAIT)
        for process in alive:
            if process.exitcode is None:
                kill(process)
        wait_for_exit(alive, KILL_WAIT)


def collect_stacks(children):
    """Every stuck child's stacks: asked for by signal where there are signals; elsewhere the
    children dumped them themselves just before the deadline (``stacks_after``)."""
    for started in children if child.STACK_SIGNAL is not None else ():
        with contextlib.suppress(OSError):
            os.kill(started.process.pid, child.STACK_SIGNAL)
    # Until every child has written some and none writes more (PyPy writes a dump in pieces).
    end = time.monotonic() + STACK_WAIT
    before = None
    while time.monotonic() < end:
        stacks = [c.stacks() for c in children]
        if all(stacks) and stacks == before:
            return stacks
        before = stacks
        time.sleep(0.05)
    return [c.stacks() for c in children]


def kill(process):
    """SIGKILL ``process`` (``Process.kill()`` is recent: drop-ins such as billiard lack it);
    on Windows terminating already is killing."""
    with contextlib.suppress(OSError):
        if hasattr(signal, "SIGKILL"):
            os.kill(process.pid, signal.SIGKILL)
        else:
            process.terminate()


def wait_for_exit(processes, seconds):
    end = time.monotonic() + seconds
    for process in processes:
        process.join(max(0.0, end - time.monotonic()))


def shutdown_manager(manager):
    """Shut a manager down even if its server is wedged: stop it, then kill its process."""
    with contextlib.suppress(Exception):
        manager.shutdown()
    server = getattr(manager, "_process", None)
    if server is not None and server.exitcode is None:
        kill(server)
        server.join(KILL_WAIT)


class KeptServer:
    """One started Manager serving every scenario of a target that asks for it: the manager
    provider's primitives, and the lists, dicts, queues ... of invariants about those objects.
    A manager's own start and shutdown are not what those invariants check, and starting one
    per example costs more than the example (spawn: ~50 ms of wall time, one more process).
    A scenario that used it and fails discards it, so a wedged server never reaches the next
    scenario."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.manager = None

    def get(self):
        if self.manager is None:
            self.manager = started_manager(self.ctx)
        return self.manager

    def discard(self):
        if self.manager is not None:
            with light_children():
                shutdown_manager(self.manager)
            self.manager = None


def started_manager(ctx):
    """What ``ctx.Manager()`` returns, a started ``SyncManager`` of the context's package, its
    server started to end with this process (``liveness.end_with_parent``): a kit process
    killed outright leaves no server behind.  A context whose ``Manager`` is not its package's
    own (a drop-in's, a test double's) gets ``ctx.Manager()`` itself."""
    package = type(ctx).__module__.rpartition(".")[0]
    try:
        own = importlib.import_module(f"{package}.context").BaseContext.Manager
        manager_class = importlib.import_module(f"{package}.managers").SyncManager
        standard = type(ctx).Manager is own and "Manager" not in vars(ctx)
    except (ImportError, AttributeError, TypeError):
        standard = False
    if not standard:
        return ctx.Manager()
    manager = manager_class(ctx=ctx.get_context())
    start_ending_with_this_process(manager)
    return manager


def start_ending_with_this_process(manager):
    """``manager.start()``, with an initializer that ends its server once this process has died
    (``liveness.end_with_parent``): for a server whose start the invariant does not judge."""
    manager.start(liveness.end_with_parent, (child.ORPHAN_EXIT,))
