"""What the processes of the Process invariants run: ends of every kind, waits to be told,
descriptions of themselves, and middle processes that start grandchildren.

Most of these are ``ctx.Process`` targets themselves (their exit code, signals and timing are
what is promised), so their evidence goes on the board.  Those run through the kit's child entry
point (``conformance.harness.child``) return what they saw.

Exit board (``ExitBoard``): slot ``GO`` opened by the parent; per child i, ``started + i`` set by
child i once it waits for GO, and ``cleanup + i`` counting the cleanup that ran in child i (a
finally clause, an atexit handler).  A child never waits longer than the deadline it is given.
"""

import atexit
import importlib
import os
import signal
import sys
import threading
import time

from conformance.actors.common import context, pause

GO = 0


class ExitBoard:
    """Where each child's evidence lives on the board."""

    def __init__(self, children):
        self.started = 1
        self.cleanup = 1 + children
        self.handled = 1 + 2 * children  # + i: child i's SIGTERM handler ran
        self.size = 1 + 3 * children


def submodule(module_name, name):
    """The implementation's own submodule (a test double names it as an attribute)."""
    module = importlib.import_module(module_name)
    own = getattr(module, name, None)
    return own if own is not None else importlib.import_module(f"{module_name}.{name}")


def __getattr__(name):
    """``RunOverride_<implementation, hex>_<method>``: a subclass of that context's Process
    class that overrides run().  Made on first use, in the parent and, found by name when the
    object is unpickled, in a spawned child alike."""
    prefix, _, rest = name.partition("_")
    if prefix != "RunOverride" or "_" not in rest:
        raise AttributeError(name)
    module_hex, _, method = rest.partition("_")
    base = type(context(bytes.fromhex(module_hex).decode(), method).Process())

    def run(self):
        self.board[self.slot] = os.getpid()
        return "ignored"  # run()'s return value is not the exit code

    def init(self, board, slot):
        base.__init__(self)
        self.board = board
        self.slot = slot

    made = type(name, (base,), {"__init__": init, "run": run, "__module__": __name__,
                                "__qualname__": name})
    globals()[name] = made
    return made


def run_override_class(module_name, method):
    return __getattr__(f"RunOverride_{module_name.encode().hex()}_{method}")


def wait_for(board, slot, deadline, what):
    if not board.wait_until(slot, 1, deadline):
        raise RuntimeError(f"never told to {what}")


# --- ends of every kind ------------------------------------------------------------------------

def count_cleanup(board, slot):
    board[slot] += 1


def end_as_planned(board, layout, index, deadline, end, delay=0.0):
    """Announce, wait for GO, then end as ``end`` says: ("return",), ("exit", code),
    ("raise", name), ("os_exit", n), ("signal", name), ("sigint",), ("wait",) (for the parent
    to end it).  Each cleanup that runs (the finally clause, an atexit handler) is counted."""
    atexit.register(count_cleanup, board, layout.cleanup + index)
    try:
        board[layout.started + index] = 1
        wait_for(board, GO, deadline, "end")
        pause(delay)
        kind = end[0]
        if kind == "exit":
            sys.exit(end[1])
        if kind == "raise":
            raise {"ValueError": ValueError, "KeyboardInterrupt": KeyboardInterrupt}[end[1]](
                f"planned end of child {index}")
        if kind == "os_exit":
            os._exit(end[1])
        # The promises are about default dispositions; a child inherits ignored signals (an
        # xdist worker ignores SIGINT).
        if kind == "signal":
            number = getattr(signal, end[1])
            if number not in (signal.SIGKILL, signal.SIGSTOP):  # those cannot be caught
                signal.signal(number, signal.SIG_DFL)
            os.kill(os.getpid(), number)
            time.sleep(deadline)  # the signal ends the process first
        if kind == "sigint":
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.raise_signal(signal.SIGINT)
            time.sleep(deadline)  # KeyboardInterrupt is raised first
    finally:
        count_cleanup(board, layout.cleanup + index)


def outlive_sigterm(board, layout, index, deadline):
    """Handle SIGTERM by noting it on the board and carrying on; wait for GO (or the
    deadline)."""
    signal.signal(signal.SIGTERM, lambda *_: count_cleanup(board, layout.handled + index))
    board[layout.started + index] = 1
    board.wait_until(GO, 1, deadline)


def wait_until_told(board, slot, deadline):
    """Block until the parent sets ``slot`` (or the deadline passes)."""
    board.wait_until(slot, 1, deadline)


def append_to(items, item):
    items.append(item)


def describe_self(module_name, method, *args, **kwargs):
    """What this child sees of itself, its stdin and a Process object it makes."""
    ctx = context(module_name, method)
    me = ctx.current_process()
    made = ctx.Process(target=None)
    stdin = {"read": sys.stdin.read() if sys.stdin is not None else None}
    try:
        input()
    except EOFError:
        stdin["input"] = "EOFError"
    except Exception as exc:  # the parent judges what input() did
        stdin["input"] = type(exc).__name__
    else:
        stdin["input"] = "returned"
    return {"os_pid": os.getpid(), "pid": me.pid, "ident": me.ident, "name": me.name,
            "authkey": bytes(me.authkey), "daemon": me.daemon, "made_name": made.name,
            "made_daemon": made.daemon, "args": list(args), "kwargs": kwargs, "stdin": stdin}


def run_with_keywords(actor, args, report_path, **keywords):
    """The kit's child entry point (``conformance.harness.child.run``) for an actor that also
    takes keyword arguments: those the Process object was given as ``kwargs``, so that they
    reach the actor only if the Process passes its kwargs to its target."""
    import functools

    from conformance.harness import child

    child.run(functools.partial(actor, **keywords), args, report_path)


def start_a_child(module_name, method, daemon):
    """Start (and join) a Process made with ``daemon=daemon``, and one made with the default
    flag; return the default flag and what start() raised (None if it started)."""
    ctx = context(module_name, method)
    default = ctx.Process(target=None).daemon
    made = ctx.Process(target=None, daemon=daemon)
    try:
        made.start()
    except Exception as exc:  # the parent judges whether start() may raise here
        return {"default_daemon": default, "start_raised": type(exc).__name__}
    made.join()
    return {"default_daemon": default, "start_raised": None, "exitcode": made.exitcode}


def use_anothers_process(module_name, method, other):
    """Call what only a creator may call on ``other`` (a sibling's Process object) and on this
    process's own object; return what each call raised (None if it returned)."""
    ctx = context(module_name, method)
    import pickle

    calls = {"join(0) of a sibling": lambda: other.join(0),
             "is_alive() of a sibling": other.is_alive,
             "start() of a sibling": other.start,
             "current_process().join(0)": lambda: ctx.current_process().join(0),
             "pickle.dumps(current_process())": lambda: pickle.dumps(ctx.current_process())}
    seen = {}
    for what, call in calls.items():
        try:
            call()
        except Exception as exc:  # the parent judges which exception each call must raise
            seen[what] = type(exc).__name__
        else:
            seen[what] = None
    return seen


# --- parents that exit: daemonic and non-daemonic grandchildren ------------------------------------

class FamilyBoard:
    """Middle process and grandchildren: pids, releases and completions."""

    DAEMONIC = 0  # grandchild that the middle's exit terminates
    STUBBORN = 1  # daemonic grandchild that outlives SIGTERM until told
    WORKER = 2  # non-daemonic grandchild

    def __init__(self):
        self.pid = 0  # + grandchild
        self.release = 3  # + grandchild: the parent tells it to finish
        self.finished = 6  # + grandchild: it finished its work
        self.middle_returning = 9
        self.size = 10


def grandchild(board, layout, which, deadline, stubborn):
    if stubborn:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    board[layout.pid + which] = os.getpid()
    board.wait_until(layout.release + which, 1, deadline)
    board[layout.finished + which] = 1


def exit_leaving_grandchildren(module_name, method, board, layout, deadline, stubborn):
    """Start a daemonic grandchild, a stubborn daemonic one (outliving SIGTERM, if
    ``stubborn``) and a non-daemonic one, then return: exiting is what the parent watches."""
    ctx = context(module_name, method)
    kinds = [(layout.DAEMONIC, True, False), (layout.WORKER, False, False)]
    if stubborn:
        kinds.append((layout.STUBBORN, True, True))
    for which, daemon, ignores in kinds:
        ctx.Process(target=grandchild, args=(board, layout, which, deadline, ignores),
                    daemon=daemon).start()
        if not board.wait_until(layout.pid + which, 1, deadline):
            raise RuntimeError(f"grandchild {which} never started")
    board[layout.middle_returning] = 1


class ParentBoard:
    """A middle process that exits, and its grandchild that watches it do so."""

    def __init__(self):
        self.middle_pid = 0
        self.grandchild_pid = 1
        self.middle_may_exit = 2
        self.seen_alive = 3  # 1 + is_alive() of parent_process() while the middle ran
        self.seen_pid = 4
        self.seen_name_ok = 5
        self.joined = 6  # 1 once parent_process().join(deadline) returned
        self.seen_after = 7  # 1 + is_alive() after that join
        self.exitcode_none = 8  # 1 if parent_process().exitcode was None in both looks
        self.done = 9
        self.size = 10


def watch_parent(module_name, method, board, layout, deadline):
    ctx = context(module_name, method)
    parent = ctx.parent_process()
    board[layout.seen_pid] = parent.pid if parent is not None else -1
    board[layout.seen_name_ok] = int(parent is not None and parent.name == "middle")
    board[layout.seen_alive] = 1 + int(bool(parent and parent.is_alive()))
    first_exitcode = parent.exitcode if parent is not None else "missing"
    board[layout.grandchild_pid] = os.getpid()
    if parent is not None:
        parent.join(deadline)
        board[layout.joined] = 1
        board[layout.seen_after] = 1 + int(parent.is_alive())
        board[layout.exitcode_none] = int(first_exitcode is None and parent.exitcode is None)
    board[layout.done] = 1


def leave_a_watching_grandchild(module_name, method, board, layout, deadline):
    """Start a grandchild that watches this process through parent_process(), wait until told,
    then exit at once (os._exit: no waiting for the non-daemonic grandchild)."""
    ctx = context(module_name, method)
    board[layout.middle_pid] = os.getpid()
    ctx.Process(target=watch_parent, args=(module_name, method, board, layout, deadline),
                daemon=False).start()
    board.wait_until(layout.middle_may_exit, 1, deadline)
    os._exit(0)


def report_parent(module_name, method):
    """What parent_process() says in a child of the parent."""
    parent = context(module_name, method).parent_process()
    if parent is None:
        return None
    return {"pid": parent.pid, "name": parent.name, "alive": parent.is_alive(),
            "exitcode": parent.exitcode}


# --- cleanup at a normal exit ----------------------------------------------------------------------

class CleanupBoard:
    THREAD_RELEASE = 0  # the parent lets the child's non-daemonic thread finish
    THREAD_DONE = 1
    FINALIZED = 2
    AT_EXIT = 3
    RETURNED = 4  # the child's target returned
    SIZE = 5


def leave_cleanup(module_name, board, deadline, with_finalize):
    """Start a non-daemonic thread that waits to be told, register a Finalize callback (if
    asked: from the implementation's util) and an atexit handler, then return."""
    def finish_thread():
        board.wait_until(CleanupBoard.THREAD_RELEASE, 1, deadline)
        board[CleanupBoard.THREAD_DONE] = 1

    threading.Thread(target=finish_thread, name="non-daemonic", daemon=False).start()
    if with_finalize:
        util = submodule(module_name, "util")
        util.Finalize(None, count_cleanup, args=(board, CleanupBoard.FINALIZED), exitpriority=1)
    atexit.register(count_cleanup, board, CleanupBoard.AT_EXIT)
    board[CleanupBoard.RETURNED] = 1
