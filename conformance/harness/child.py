"""The entry point of every child process the kit starts.

A child runs one actor (a plain function from ``conformance.actors``) on plain data and the
primitives under test, then writes what the actor observed to a report file.  A gated child
first waits at the start gate, so that all children of a scenario begin together instead of
staggered by their start-up time (which would hide races).  The file, not the implementation
under test, carries the evidence home.

An actor marks the calls a promise is about with ``with judged("what"):``: an exception escaping
one is evidence (the parent judges it a violation); any other exception means the child could
not do its part (the parent reports an error).

Stacks for a deadline failure go to the same file while the child runs: on POSIX, SIGUSR1
makes the child dump every thread's stack; where there are no signals (Windows) the child dumps
them itself once ``stacks_after`` seconds have passed, just before the parent gives up on it.  A
report replaces them (a pickle, whose first byte no stack dump begins with), and stacks dumped
later (a child stuck in its exit) follow it: one file a child, not two (a file's create, close
and removal fewer: about 0.02 of a gated fork round's ratio to the floor).
"""

import contextlib
import faulthandler
import os
import pickle
import select
import signal
import time

from conformance.harness import liveness

STACK_SIGNAL = getattr(signal, "SIGUSR1", None)
ORPHAN_EXIT = 3  # exit status of a child whose parent died without cleaning up
GO = 0  # gate board: slot GO opens the gate, slot 1 + i says party i waits at it
# A gate's path -> the parent's ends of its pipes (read end of the opening one, write end of the
# arrivals one), filled in by the parent (``gate.Gate``): a child forked from it has them, and
# the ends themselves; in any other process this is empty, and a party opens the pipes by name.
INHERITED_GATES = {}


class CallRaised(Exception):
    """Raised by ``judged`` in a child: the call under test raised ``__cause__``."""

    def __init__(self, what):
        super().__init__(what)
        self.what = what


@contextlib.contextmanager
def judged(what):
    """A call under test in a child: what it raises is reported as judged evidence."""
    try:
        yield
    except Exception as exc:
        raise CallRaised(what) from exc


# A child writes its files through bare descriptors: after a fork every page a child writes to is
# first copied from its parent, and a file object (buffer, text codec) writes to many.
WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def run(actor, args, report_path, gate=None, stacks_after=None):
    liveness.exit_when_orphaned(ORPHAN_EXIT)
    # Left open to the end: stacks asked for while the child is stuck in its exit (joining a
    # thread, flushing a queue) follow the report; the process's exit closes it.
    evidence = os.open(report_path, WRITE_FLAGS, 0o644)
    if STACK_SIGNAL is not None:
        faulthandler.register(STACK_SIGNAL, file=evidence, all_threads=True)
    elif stacks_after:
        faulthandler.dump_traceback_later(stacks_after, file=evidence)
    try:
        if gate is not None:
            wait_at_gate(*gate)
        report = {"returned": actor(*args)}
    except CallRaised as raised:
        report = {"call_raised": described(raised.__cause__, what=raised.what)}
    except BaseException as exc:  # the parent judges every exception, SystemExit included
        report = {"raised": described(exc)}
    if STACK_SIGNAL is None and stacks_after:
        faulthandler.cancel_dump_traceback_later()
    write_report(evidence, report)


def described(exc, **more):
    import traceback  # only on failure: it costs a child 2 ms to import

    return {"type": type(exc).__name__, "message": str(exc),
            "traceback": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
            **more}


def wait_at_gate(board, pipes, index, deadline):
    """Say that this child, party ``index``, waits at the start gate, and wait until it opens
    (``conformance.harness.gate``; ``pipes`` is where its named pipes are, or None)."""
    end = time.monotonic() + deadline
    inherited = INHERITED_GATES.get(pipes)
    opened = inherited[0] if inherited else open_pipe(pipes, ".go", os.O_RDONLY)
    try:
        board[1 + index] = 1
        arrived = inherited[1] if inherited else open_pipe(pipes, ".in", os.O_WRONLY)
        if arrived is not None:
            try:
                os.write(arrived, b"\0")
            except OSError:
                pass  # the parent polls the board too
            if not inherited:
                os.close(arrived)
        if board[GO] >= 1:
            return
        if opened is not None:
            readable(opened, end - time.monotonic())
        # Woken or not, the board says whether the gate opened (and is polled for the rest of
        # the time by a party woken without it, on a platform with odd pipe semantics).
        if not board.wait_until(GO, 1, max(0.0, end - time.monotonic())):
            raise RuntimeError("the start gate never opened")
    finally:
        if opened is not None and not inherited:
            os.close(opened)


def open_pipe(pipes, name, flags):
    """A non-blocking end of a gate's named pipe; None if there is none (or it is gone)."""
    if pipes is None:
        return None
    try:
        return os.open(pipes + name, flags | os.O_NONBLOCK)
    except OSError:
        return None


def readable(fd, seconds):
    """Whether ``fd`` is readable, waiting up to ``seconds``."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        return bool(poller.poll(max(0, int(seconds * 1000) + 1)))
    return bool(select.select([fd], [], [], max(0.0, seconds))[0])


class Opaque:
    """Stands in, in a report, for a value the actor returned that cannot be pickled (e.g. the
    primitive itself, returned by a broken ``__enter__``): the parent then judges what it sees,
    a value that is not the one promised, instead of losing the child's whole report."""

    def __init__(self, value):
        self.type = type(value).__name__
        self.text = repr(value)

    def __repr__(self):
        return f"<unpicklable {self.type}: {self.text}>"

    def __eq__(self, other):
        return isinstance(other, Opaque) and (self.type, self.text) == (other.type, other.text)

    def __hash__(self):
        return hash((self.type, self.text))


def picklable(value):
    """``value`` with every part that cannot be pickled replaced by an ``Opaque``."""
    if type(value) in (list, tuple):
        return type(value)(map(picklable, value))
    if type(value) is dict:
        return {picklable(key): picklable(item) for key, item in value.items()}
    try:
        pickle.dumps(value)
    except Exception:
        return Opaque(value)
    return value


def write_report(fd, report):
    """Write the report over whatever the file ``fd`` holds (stacks dumped meanwhile), for the
    parent to read once this process has exited.  Straight into it (a renamed temporary file
    cost a fork child some 25 microseconds, 3% of its start): a child that dies while writing
    leaves a pickle cut short, which the parent reads as no report."""
    try:
        data = pickle.dumps(report)
    except Exception:
        data = pickle.dumps(picklable(report))
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
