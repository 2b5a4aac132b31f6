"""Process: starting, joining and ending child processes; what a child knows of itself and of
its parent; daemons; cleanup at exit; the misuse the API refuses.

Docs: multiprocessing — Process and exceptions; Miscellaneous (active_children, cpu_count,
current_process, parent_process); Listeners and Clients (wait); Programming guidelines.

Every process here is a ``ctx.Process`` the invariant makes and drives itself (the API is what
is promised); ``conformance.harness.processes`` bounds every wait and kills whatever still runs.
Native provider only: processes are not manager features.
"""

import json
import os
import pickle
import re
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import example
from hypothesis import strategies as st

from conformance.actors import process as actors
from conformance.harness.liveness import pid_alive
from conformance.harness.processes import (
    Tracked,
    await_announcement,
    await_board,
    await_exit,
    await_reapable,
    reported,
)
from conformance.harness.scenario import Child
from conformance.harness.servers import running
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, Stuck, expect_raises, judged
from conformance.judge.timing import never_early
from conformance.strategies import delays, process_counts

TIMEOUT = 0.05  # seconds of the timed waits that must time out

SPAWNING = ("spawn", "forkserver")  # start methods that pickle the process object

# How a child may end without signals, and the exit code each end gives.  multiprocessing —
# Process.exitcode: "If the child's run() method returned normally, the exit code will be 0. If
# it terminated via sys.exit() with an integer argument N, the exit code will be N. If the child
# terminated due to an exception not caught within run(), the exit code will be 1."  sys.exit:
# None is 0, and any other object (True, a message) is 1.
PORTABLE_ENDS = st.one_of(
    st.just(("return",)),
    st.tuples(st.just("exit"), st.sampled_from([None, 0, False, True, "a message"])),
    st.tuples(st.just("exit"), st.integers(1, 255)),
    st.tuples(st.just("raise"), st.sampled_from(["ValueError", "KeyboardInterrupt"])),
    st.tuples(st.just("os_exit"), st.integers(0, 255)),
)

# Ends only POSIX gives: "If the process was terminated by signal N, the exit code will be the
# negative value -N"; SIGINT raises KeyboardInterrupt (exit code 1); an exit status keeps its
# low 8 bits; ("wait",) children are ended by the parent's terminate().
SIGNAL_ENDS = st.one_of(
    st.tuples(st.just("signal"), st.sampled_from(["SIGTERM", "SIGKILL", "SIGUSR1", "SIGHUP"])),
    st.just(("sigint",)),
    st.just(("wait",)),
    st.tuples(st.just("exit"), st.sampled_from([256, 1000, -1])),
)


def expected_exitcode(end):
    kind = end[0]
    if kind == "return":
        return 0
    if kind == "exit":
        code = end[1]
        if code is None:
            return 0
        if isinstance(code, int):  # bool included: True is 1
            return int(code) & 0xFF
        return 1
    if kind in ("raise", "sigint"):
        return 1
    if kind == "os_exit":
        return end[1]
    if kind == "signal":
        return -getattr(signal, end[1])
    return -signal.SIGTERM  # ("wait",): terminated by the parent


@st.composite
def end_programs(draw, ends):
    """Children, each with an end, a delay before it, and whether its args are a list."""
    children = draw(process_counts(2, 4))
    return tuple((draw(ends), draw(delays), draw(st.booleans())) for _ in range(children))


ENDS = OutcomeTable(
    unit="children and what their Process objects said",
    acceptable={"as-planned": "the exit code said how the child ended",
                "unstarted": "before start(): pid and ident None, is_alive() False, exitcode "
                             "None",
                "started": "after start(): is_alive() True and pid an int",
                "running": "while the child ran: exitcode None and is_alive() True",
                "ended": "after the end: is_alive() False",
                "no-cleanup": "no finally clause or atexit handler ran after os._exit() or a "
                              "signal"},
    forbidden={"wrong-exitcode": "the exit code did not say how the child ended",
               "unstarted-state": "a never-started object had a pid or ident, was alive, or "
                                  "had an exit code",
               "not-started": "is_alive() False or pid not an int once start() returned",
               "ended-early": "exitcode not None or is_alive() False while the child ran",
               "alive-after-end": "is_alive() True after the child ended",
               "cleanup-ran": "a finally clause or atexit handler ran after os._exit() or a "
                              "signal"},
)

# The same, where children may be killed by signals: their repr() is judged too (only there can
# a child end by a signal as planned, so only there is the repr of one judged).
SIGNALLED_ENDS = OutcomeTable(
    unit=ENDS.unit,
    acceptable=ENDS.acceptable,
    forbidden={**ENDS.forbidden,
               "repr-without-signal": "repr() of a child killed by a signal did not show "
                                      "exitcode=-SIGNAME"},
)


def run_ends(target, program, table=ENDS, terminate_waiting=False):
    """Start one child per planned end, check their state before, after start() and while they
    wait, let them end, and count every observation (with ``table``)."""
    layout = actors.ExitBoard(len(program))
    outcomes = table.counter()
    with target.scenario() as s, Tracked(s) as tracked:
        board = s.board(layout.size)
        children = []
        for index, (end, delay, as_list) in enumerate(program):
            args = (board, layout, index, s.deadline, end)
            children.append(s.ctx.Process(target=actors.end_as_planned,
                                          args=list(args) if as_list else args,
                                          kwargs={"delay": delay}))
        for index, child in enumerate(children):
            outcomes.expect((child.pid, child.ident, child.is_alive(), child.exitcode) ==
                            (None, None, False, None), "unstarted-state",
                            f"child {index} before start(): pid {child.pid}, ident "
                            f"{child.ident}, alive {child.is_alive()}, exitcode "
                            f"{child.exitcode}", "unstarted")
            tracked.start(child)
            outcomes.expect(child.is_alive() and isinstance(child.pid, int), "not-started",
                            f"child {index} after start(): alive {child.is_alive()}, pid "
                            f"{child.pid!r}", "started")
        for index, child in enumerate(children):
            await_announcement(s, board, layout.started + index, child,
                               what=f"child {index} to wait for GO")
        for index, child in enumerate(children):
            outcomes.expect(child.exitcode is None and child.is_alive(), "ended-early",
                            f"child {index} waiting for GO: exitcode {child.exitcode}, alive "
                            f"{child.is_alive()}", "running")
        for (end, _, _), child in zip(program, children):
            if end == ("wait",) and terminate_waiting:
                child.terminate()
        board[actors.GO] = 1
        await_exit(s, children, what="the children's planned ends")
        seen = [(child.exitcode, child.is_alive(), repr(child)) for child in children]
        cleanups = [board[layout.cleanup + i] for i in range(len(children))]
    for index, ((end, _, _), (code, alive, shown), cleanup) in enumerate(
            zip(program, seen, cleanups)):
        wanted = expected_exitcode(end)
        outcomes.expect(code == wanted, "wrong-exitcode", f"child {index} ended by {end}: "
                        f"exitcode {code}, expected {wanted} ({shown})", "as-planned")
        outcomes.expect(not alive, "alive-after-end", f"child {index} ended by {end}: "
                                                      f"is_alive() True", "ended")
        if end[0] in ("os_exit", "signal", "wait"):
            outcomes.expect(cleanup == 0, "cleanup-ran", f"child {index} ended by {end}: "
                            f"{cleanup} cleanup step(s) ran", "no-cleanup")
    return outcomes, seen


@invariant(program=end_programs(PORTABLE_ENDS))
@example(program=((("return",), 0.0, False), (("exit", "a message"), 0.0, True),
                  (("raise", "ValueError"), 0.0, False), (("os_exit", 7), 0.0, True)))
def test_exit_codes_say_how_children_ended(target, program):
    """A child's exit code is None while it runs, 0 after run() returns or sys.exit() with
    None, 0 or False, N after sys.exit(N) or os._exit(N), and 1 after sys.exit() with another
    object or an exception escaping run(); os._exit() skips finally clauses and atexit handlers.

    Docs: multiprocessing — Process and exceptions (Process: args, kwargs; start; is_alive;
    pid; exitcode: "If the child's run() method returned normally, the exit code will be 0 ...
    If the child terminated due to an exception not caught within run(), the exit code will be
    1"); os — os._exit ("without calling cleanup handlers, flushing stdio buffers, etc.").
    Promises: PROC-1, PROC-5, PROC-11, PROC-13, PROC-15, PROC-16, PROC-32.
    """
    outcomes, _ = run_ends(target, program)
    outcomes.verdict()


@pytest.mark.requires("posix_signals", "posix_exit_status")
@invariant(program=end_programs(st.one_of(SIGNAL_ENDS, PORTABLE_ENDS)))
@example(program=((("signal", "SIGUSR1"), 0.0, False), (("sigint",), 0.0, True),
                  (("wait",), 0.0, False), (("exit", 1000), 0.0, True)))
def test_signals_end_children_with_minus_the_signal_number(target, program):
    """A child ended by signal N has exit code -N (repr shows the signal's name), terminate()
    sends SIGTERM and runs no finally clause or atexit handler, SIGINT raises KeyboardInterrupt
    (exit code 1), an exit status keeps its low 8 bits, and terminate() on an ended child does
    nothing.

    Docs: multiprocessing — Process and exceptions (exitcode: "If the process was terminated by
    signal N, the exit code will be the negative value -N"; terminate: "On POSIX this is done
    using the SIGTERM signal ... exit handlers and finally clauses, etc., will not be
    executed"); signal — SIGINT (KeyboardInterrupt); sys.exit (exit status 0-255 on POSIX).
    Promises: PROC-14, PROC-17, PROC-18, PROC-20, PROC-21.
    """
    outcomes, seen = run_ends(target, program, SIGNALLED_ENDS, terminate_waiting=True)
    for index, ((end, _, _), (code, _, shown)) in enumerate(zip(program, seen)):
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            outcomes.expect(f"exitcode=-{name}" in shown, "repr-without-signal",
                            f"child {index} killed by {name}: repr {shown}", "as-planned")
    outcomes.verdict()


SIGTERM_OUTLIVED = OutcomeTable(
    unit="signals sent to a child whose SIGTERM handler carries on",
    acceptable={"outlived": "the child handled SIGTERM and kept running",
                "killed": "kill() ended it with exit code -SIGKILL",
                "no-op": "kill() and terminate() on the ended child did nothing"},
    forbidden={"ended-by-terminate": "terminate() ended the child despite its handler",
               "wrong-exitcode": "kill() gave another exit code",
               "changed-after-end": "kill() or terminate() on the ended child changed its "
                                    "exit code or raised"},
)


@pytest.mark.requires("posix_signals", "process_kill")
def test_kill_ends_a_child_that_outlives_terminate(target):
    """A child whose SIGTERM handler carries on outlives terminate(), whereas kill() ends it
    with exit code -SIGKILL; both do nothing once the child has ended.

    Docs: multiprocessing — Process and exceptions (kill: "Same as terminate() but using the
    SIGKILL signal on POSIX"; terminate: "On POSIX this is done using the SIGTERM signal").
    Promises: PROC-19, PROC-20.
    """
    layout = actors.ExitBoard(1)
    outcomes = SIGTERM_OUTLIVED.counter()
    with target.scenario() as s, Tracked(s) as tracked:
        board = s.board(layout.size)
        child = tracked.start(s.ctx.Process(target=actors.outlive_sigterm,
                                            args=(board, layout, 0, s.deadline)))
        await_announcement(s, board, layout.started, child, what="the SIGTERM handler")
        child.terminate()
        end = time.monotonic() + s.deadline
        while not board[layout.handled] and child.exitcode is None and \
                time.monotonic() < end:
            child.join(0.01)
        outcomes.expect(child.exitcode is None and board[layout.handled], "ended-by-terminate",
                        f"after terminate(): exitcode {child.exitcode}, handler ran "
                        f"{board[layout.handled]} time(s)", "outlived")
        child.kill()
        await_exit(s, [child], what="kill() of a child that outlived terminate()")
        code = child.exitcode
        outcomes.expect(code == -signal.SIGKILL, "wrong-exitcode",
                        f"exitcode after kill(): {code}", "killed")
        try:
            results = (child.kill(), child.terminate(), child.exitcode)
        except Exception as exc:  # judged below: both must do nothing
            results = f"{type(exc).__name__}: {exc}"
        outcomes.expect(results == (None, None, code), "changed-after-end",
                        f"kill(), terminate(), exitcode after the end: {results}", "no-op")
    outcomes.verdict()


def test_join_with_a_timeout_never_returns_early(target):
    """For a child that outlives it, join(t) returns None no earlier than t seconds later and
    leaves the child running (exitcode None, is_alive() True); join(0) and a negative timeout
    return at once, and join() returns None every time once the child has ended.

    Docs: multiprocessing — Process and exceptions (join: "If the optional argument timeout is
    None (the default), the method blocks until the process whose join() method is called
    terminates. If timeout is a positive number, it blocks at most timeout seconds. Note that
    the method returns None if its process terminates or if the method times out. Check the
    process's exitcode to determine if it terminated. A process can be joined many times.").
    Promises: PROC-8, PROC-9.
    """
    with target.scenario() as s, Tracked(s) as tracked:
        board = s.board(1)
        child = tracked.start(s.ctx.Process(target=actors.wait_until_told,
                                            args=(board, 0, s.deadline)))
        started = time.monotonic()
        with judged(f"join({TIMEOUT})"):
            returned = child.join(TIMEOUT)
        waited = time.monotonic() - started
        timed_out_state = (returned, child.exitcode, child.is_alive())
        with judged("join(0) and join(-1)"):
            at_once = (child.join(0), child.join(-1))
        board[0] = 1
        await_exit(s, [child], what="join() of a child told to end")
        with judged("join() of an ended child"):
            again = (child.join(), child.join(), child.exitcode)
    never_early(waited, TIMEOUT, f"join({TIMEOUT}) of a running child")
    outcomes = JOINED.counter()
    outcomes.expect(timed_out_state == (None, None, True), "wrong-state",
                    f"join({TIMEOUT}) returned {returned!r} with exitcode, is_alive() = "
                    f"{timed_out_state[1:]}", "timed-out")
    outcomes.expect(at_once == (None, None), "wrong-state",
                    f"join(0), join(-1) returned {at_once}", "timed-out")
    outcomes.expect(again == (None, None, 0), "wrong-state",
                    f"join() twice after the end returned {again[:2]}, exitcode {again[2]}",
                    "joined")
    outcomes.verdict()


JOINED = OutcomeTable(
    unit="joins of a child",
    acceptable={"timed-out": "a timed join returned None and the child still ran",
                "joined": "join() after the end returned None, exit code 0"},
    forbidden={"wrong-state": "a join returned a value, or the child's state was wrong"},
)


MISUSE = OutcomeTable(
    unit="uses of Process objects that are not misuse",
    acceptable={"ran-in-caller": "run() called directly ran the target here and returned None",
                "override-ran": "an overriding run() ran in the child, exit code 0",
                "nothing-to-run": "target=None: the child ran nothing, exit code 0"},
    forbidden={"run-elsewhere": "run() called directly did not run the target here",
               "override-ignored": "the overriding run() did not run in the child, or the exit "
                                   "code was not 0",
               "target-none-failed": "target=None did not end with exit code 0"},
)


def test_misuse_of_a_process_object_is_refused(target):
    """A Process refuses misuse: a group argument, join() or terminate() before start(), a
    second start(), sentinel before start(), setting daemon after start(), a non-str name, a
    str authkey, pickling outside spawning, a subclass that skipped Process.__init__; run()
    called directly runs the target in the caller, an overriding run() runs in the child, and
    target=None runs nothing.

    Docs: multiprocessing — Process and exceptions (Process: "group should always be None";
    "If a subclass overrides the constructor, it must make sure it invokes the base class
    constructor (Process.__init__()) before doing anything else to the process"; run; start:
    "This must be called at most once per process object"; join: "A process cannot join
    itself ... it is an error"; daemon: "This must be set before start() is called"; name;
    authkey; sentinel); Programming guidelines (More picklability).
    Promises: PROC-1, PROC-2, PROC-3, PROC-4, PROC-6, PROC-7, PROC-20, PROC-24, PROC-26,
    PROC-31, PROC-33, PROC-34.
    """
    ctx = target.ctx
    outcomes = MISUSE.counter()
    expect_raises(AssertionError, lambda: ctx.Process(group=object(), target=None),
                  "Process(group=object())")
    unstarted = ctx.Process(target=None)
    expect_raises(AssertionError, unstarted.join, "join() before start()")
    expect_raises(AssertionError, lambda: unstarted.join(0.01), "join(0.01) before start()")
    expect_raises(AttributeError, unstarted.terminate, "terminate() before start()")
    expect_raises(ValueError, lambda: unstarted.sentinel, "sentinel before start()")
    expect_raises(AssertionError, lambda: setattr(unstarted, "name", 3), "name = 3")
    expect_raises(TypeError, lambda: setattr(unstarted, "authkey", "text"),
                  "authkey = 'text'")
    expect_raises(TypeError, lambda: pickle.dumps(unstarted), "pickle.dumps(a Process)")
    no_init = type("NoInit", (type(ctx.Process(target=None)),), {"__init__": lambda self: None})
    expect_raises(AttributeError, no_init().start,
                  "start() of a subclass that skipped Process.__init__")
    ran = []
    with judged("run() called directly"):
        returned = ctx.Process(target=actors.append_to, args=(ran, "here")).run()
    outcomes.expect(returned is None and ran == ["here"], "run-elsewhere",
                    f"run() returned {returned!r}; the target appended {ran}", "ran-in-caller")
    with target.scenario() as s, Tracked(s) as tracked:
        board = s.board(1)
        overriding = actors.run_override_class(target.module.__name__, target.method)
        child = tracked.start(overriding(board, 0))
        nothing = tracked.start(ctx.Process(target=None))
        expect_raises(AssertionError, child.start, "a second start()")
        expect_raises(AssertionError, lambda: setattr(child, "daemon", True),
                      "daemon = True after start()")
        await_exit(s, [child, nothing], what="an overriding run() and target=None")
        outcomes.expect(child.exitcode == 0 and board[0] == child.pid, "override-ignored",
                        f"exitcode {child.exitcode}; run() noted pid {board[0]} (child pid "
                        f"{child.pid})", "override-ran")
        outcomes.expect(nothing.exitcode == 0, "target-none-failed",
                        f"exitcode {nothing.exitcode}", "nothing-to-run")
    outcomes.verdict()


CLOSED = OutcomeTable(
    unit="reads of a closed Process object",
    acceptable={"readable": "name, daemon and authkey stayed readable"},
    forbidden={"unreadable": "name, daemon or authkey raised after close()"},
)


def test_a_closed_process_refuses_use(target):
    """close() refuses a running child with ValueError; after close() the pid, ident, exitcode,
    sentinel, is_alive(), join(), start(), terminate() and kill() raise ValueError while name,
    daemon and authkey stay readable, and a second close() does nothing; a never-started object
    can be closed, after which start() raises ValueError.

    Docs: multiprocessing — Process and exceptions (close: "Close the Process object, releasing
    all resources associated with it. ValueError is raised if the underlying process is still
    running. Once close() returns successfully, most other methods and attributes of the
    Process object will raise ValueError").
    Promises: PROC-22, PROC-23.
    """
    outcomes = CLOSED.counter()
    with target.scenario() as s, Tracked(s) as tracked:
        board = s.board(1)
        child = tracked.start(s.ctx.Process(target=actors.wait_until_told,
                                            args=(board, 0, s.deadline)))
        expect_raises(ValueError, child.close, "close() of a running child")
        board[0] = 1
        await_exit(s, [child], what="a child told to end")
        with judged("close() of an ended child"):
            child.close()
        for name in ("pid", "ident", "exitcode", "sentinel"):
            expect_raises(ValueError, lambda: getattr(child, name), f"{name} after close()")
        for name in ("is_alive", "join", "start", "terminate", "kill"):
            if hasattr(child, name):
                expect_raises(ValueError, getattr(child, name), f"{name}() after close()")
        try:
            kept = (child.name, child.daemon, bytes(child.authkey))
        except Exception as exc:  # judged: these stay readable
            outcomes.observe("unreadable", f"{type(exc).__name__}: {exc}")
        else:
            outcomes.expect(all(value is not None for value in kept), "unreadable",
                            f"name, daemon, authkey: {kept}", "readable")
        with judged("a second close()"):
            child.close()
        never_started = s.ctx.Process(target=None)
        with judged("close() of a never-started Process"):
            never_started.close()
        expect_raises(ValueError, never_started.start, "start() after close()")
    outcomes.verdict()


SENTINELS = OutcomeTable(
    unit="waits on sentinels",
    acceptable={"none-ready": "nothing was ready while every child waited",
                "ended-ready": "only the sentinels of ended children were ready, and stayed so",
                "empty": "wait([]) returned []"},
    forbidden={"ready-early": "a sentinel was ready while its child still ran",
               "not-ready": "the sentinel of an ended child was not ready",
               "not-empty": "wait([]) returned something",
               "no-exitcode": "a child whose sentinel was ready had no exit code"},
)


@pytest.mark.requires("connection")
@invariant(order=st.permutations(range(4)), count=process_counts(2, 4),
           timeout=st.sampled_from([0.0, 0.01, 0.05]))
def test_sentinels_are_ready_exactly_when_children_end(target, order, count, timeout):
    """``multiprocessing.connection.wait(sentinels, timeout)`` returns [] while every child
    runs (after the timeout) and for an empty list, returns the sentinels of the children that
    ended (which stay ready; a negative timeout polls), and a child whose sentinel is ready has
    an exit code (once it can be reaped: its sentinel may be ready a moment before).

    Docs: multiprocessing — Process and exceptions (sentinel: "A numeric handle of a system
    object which will become 'ready' when the process ends ... using
    multiprocessing.connection.wait()"); Listeners and Clients (wait: "Wait till an object in
    object_list is ready. Returns the list of those objects in object_list which are ready").
    Promises: PROC-24, PROC-25.
    """
    wait = target.submodule("connection").wait
    outcomes = SENTINELS.counter()
    ending = [i for i in order if i < count]
    with target.scenario() as s, Tracked(s) as tracked:
        board = s.board(1 + count)
        children = [tracked.start(s.ctx.Process(target=actors.wait_until_told,
                                                args=(board, 1 + i, s.deadline)))
                    for i in range(count)]
        sentinels = [child.sentinel for child in children]
        with judged("multiprocessing.connection.wait(sentinels)"):
            ready = wait(sentinels, timeout)
            empty = wait([], timeout)
        outcomes.expect(ready == [], "ready-early", f"wait(all, {timeout}) returned "
                        f"{len(ready)} sentinel(s) while every child waited", "none-ready")
        outcomes.expect(empty == [], "not-empty", f"wait([], {timeout}) returned {empty}",
                        "empty")
        ended = []
        for index in ending:
            board[1 + index] = 1
            ended.append(index)
            with judged("multiprocessing.connection.wait(sentinels)"):
                got = wait([sentinels[index]], s.deadline)
                polled = set(wait(sentinels, -1))
            wanted = {sentinels[i] for i in ended}
            shown = (f"after children {ended} ended, wait([child {index}], deadline) returned "
                     f"{len(got)} and wait(all, -1) the sentinels of children "
                     f"{sorted(sentinels.index(r) for r in polled)}")
            outcomes.expect(got and wanted <= polled, "not-ready", shown, "ended-ready")
            outcomes.expect(polled <= wanted, "ready-early", shown, "ended-ready")
        # Exit codes last: under forkserver, reading one drains its sentinel, which is ready
        # again only once the fork server has closed its end.
        for index in ending:
            await_reapable(s, children[index])  # the sentinel may be ready a moment before
            code = children[index].exitcode
            outcomes.expect(code is not None, "no-exitcode", f"child {index}: sentinel ready, "
                                                             f"exitcode {code}", "ended-ready")
    outcomes.verdict()


DAEMONS = OutcomeTable(
    unit="daemon flags and starts",
    acceptable={"as-documented": "the flag or the start was as documented"},
    forbidden={"wrong-default": "a new Process's daemon flag was not its creator's",
               "flag-ignored": "daemon= was not kept",
               "daemon-had-child": "a daemonic process started a child",
               "child-refused": "a non-daemonic process could not start a child",
               "main-process": "the main process was not named MainProcess or was daemonic"},
)


def test_daemonic_processes_cannot_have_children(target):
    """A new Process's daemon flag defaults to its creator's (the main process is not daemonic
    and is named MainProcess) and daemon= sets it; a daemonic process cannot start a child,
    even one made with daemon=False, while a non-daemonic one can.

    Docs: multiprocessing — Process and exceptions (daemon: "The initial value is inherited
    from the creating process ... a daemonic process is not allowed to create child
    processes"); Miscellaneous (current_process).
    Promises: PROC-26, PROC-27, PROC-35.
    """
    ctx = target.ctx
    outcomes = DAEMONS.counter()
    main = ctx.current_process()
    outcomes.expect(main.name == "MainProcess" and main.daemon is False, "main-process",
                    f"current_process(): name {main.name!r}, daemon {main.daemon}",
                    "as-documented")
    outcomes.expect(ctx.Process(target=None).daemon is False, "wrong-default",
                    "Process() in the main process is daemonic", "as-documented")
    outcomes.expect(ctx.Process(target=None, daemon=True).daemon is True, "flag-ignored",
                    "Process(daemon=True).daemon is not True", "as-documented")
    with target.scenario() as s:
        creators = [s.start(actors.start_a_child, target.module.__name__, target.method, False,
                            role=f"{'daemonic' if daemon else 'non-daemonic'} creator",
                            daemon=daemon) for daemon in (True, False)]
        (daemonic, plain) = s.join(creators, stuck_in="a Process started by a child")
    outcomes.expect(daemonic["default_daemon"] is True and plain["default_daemon"] is False,
                    "wrong-default", f"Process() in a daemonic child: daemon "
                    f"{daemonic['default_daemon']}; in a non-daemonic one: "
                    f"{plain['default_daemon']}", "as-documented")
    outcomes.expect(daemonic["start_raised"] == "AssertionError", "daemon-had-child",
                    f"start() of Process(daemon=False) in a daemonic child raised "
                    f"{daemonic['start_raised']}", "as-documented")
    outcomes.expect(plain["start_raised"] is None and plain.get("exitcode") == 0,
                    "child-refused", f"in a non-daemonic child: {plain}", "as-documented")
    outcomes.verdict()


FAMILY = OutcomeTable(
    unit="steps of a parent's exit",
    acceptable={"waited": "the exiting parent waited for its children",
                "terminated": "the daemonic child was terminated, unfinished",
                "finished": "the non-daemonic child finished its work"},
    forbidden={"exited-first": "the parent exited before its non-daemonic child ended",
               "left-stubborn": "the parent exited before its daemonic child that outlived "
                                "SIGTERM ended",
               "daemonic-survived": "the daemonic child was still running, or finished its "
                                    "work, after the parent exited",
               "cut-short": "the non-daemonic child did not finish its work"},
)


def await_work(s, board, slot, pid, *, what):
    """Wait (bounded) until grandchild ``pid`` sets ``slot``: True once it has, False if it
    ended without setting it (cut short: seen at once, not as a hang); ``Stuck`` if it still
    runs without setting it after the deadline."""
    end = time.monotonic() + s.deadline
    while not board.wait_until(slot, 1, 0.01):
        if not running(pid):
            return bool(board[slot])  # it may have set the slot just before it ended
        if time.monotonic() > end:
            raise Stuck(f"still waiting for {what} after {s.deadline:g} s (start method "
                        f"{s.ctx.get_start_method()})", stuck_in=what,
                        start_method=s.ctx.get_start_method())
    return True


@pytest.mark.requires("posix_signals")
def test_an_exiting_parent_ends_daemonic_children_and_waits_for_the_rest(target):
    """A parent that exits normally sends SIGTERM to its daemonic children and waits for all
    its children: a non-daemonic one runs to completion, and a daemonic one that outlives
    SIGTERM delays the parent's exit until it ends.

    Docs: multiprocessing — Process and exceptions (daemon: "When a process exits, it attempts
    to terminate all of its daemonic child processes"); Programming guidelines (Joining
    processes that use queues; "the parent process will wait for non-daemonic children at
    exit").  That daemonic children are joined after SIGTERM is CPython's
    multiprocessing.util._exit_function.
    Promises: PROC-28, PROC-29.
    """
    layout = actors.FamilyBoard()
    outcomes = FAMILY.counter()
    with target.scenario() as s, Tracked(s) as tracked:
        board = s.board(layout.size)
        middle = tracked.child(actors.exit_leaving_grandchildren, target.module.__name__,
                               target.method, board, layout, s.deadline, True, role="middle",
                               daemon=False)
        tracked.start(middle.process)
        await_announcement(s, board, layout.middle_returning, middle.process,
                           what="the middle process to start its children and return")
        for which in (layout.DAEMONIC, layout.STUBBORN, layout.WORKER):
            tracked.adopt(board[layout.pid + which])
        s.await_blocked(middle)
        outcomes.expect(middle.process.exitcode is None, "exited-first",
                        f"the middle exited ({middle.process.exitcode}) while its "
                        f"non-daemonic child waited", "waited")
        board[layout.release + layout.WORKER] = 1
        finished = await_work(s, board, layout.finished + layout.WORKER,
                              board[layout.pid + layout.WORKER],
                              what="the non-daemonic child to finish")
        s.await_blocked(middle)
        outcomes.expect(middle.process.exitcode is None, "left-stubborn",
                        f"the middle exited ({middle.process.exitcode}) while its daemonic "
                        f"child that outlives SIGTERM ran", "waited")
        board[layout.release + layout.STUBBORN] = 1
        await_exit(s, [middle.process], what="the middle process's exit")
        reported(middle)
        daemonic = board[layout.pid + layout.DAEMONIC]
        outcomes.expect(not pid_alive(daemonic) and not board[layout.finished + layout.DAEMONIC],
                        "daemonic-survived", f"daemonic child (pid {daemonic}): alive "
                        f"{pid_alive(daemonic)}, finished "
                        f"{board[layout.finished + layout.DAEMONIC]}", "terminated")
        outcomes.expect(finished, "cut-short", f"the non-daemonic child (pid "
                        f"{board[layout.pid + layout.WORKER]}) ended without finishing its "
                        f"work", "finished")
    outcomes.verdict()


PARENTS = OutcomeTable(
    unit="looks at parent_process()",
    acceptable={"as-documented": "parent_process() described the creator"},
    forbidden={"in-main": "parent_process() in the main process was not None",
               "wrong-parent": "parent_process() had another pid or name than the creator",
               "wrong-liveness": "is_alive() was wrong, or join() did not return once the "
                                 "creator had exited",
               "has-exitcode": "parent_process().exitcode was not None"},
)


@pytest.mark.requires("parent_process")
def test_parent_process_is_the_creator_until_it_exits(target):
    """In the main process parent_process() is None; in a child it has the creator's pid and
    name (under every start method, the fork server notwithstanding), is alive until the
    creator exits and not afterwards, its join(t) returns once the creator has exited, and its
    exitcode is None.

    Docs: multiprocessing — Miscellaneous (parent_process: "Return the Process object
    corresponding to the parent process of the current_process(). For the main process,
    parent_process will be None").
    Promises: PROC-35, PROC-36.
    """
    layout = actors.ParentBoard()
    outcomes = PARENTS.counter()
    outcomes.expect(target.ctx.parent_process() is None, "in-main",
                    f"parent_process() in the main process: {target.ctx.parent_process()}",
                    "as-documented")
    with target.scenario() as s, Tracked(s) as tracked:
        board = s.board(layout.size)
        middle = tracked.start(s.ctx.Process(
            target=actors.leave_a_watching_grandchild, name="middle",
            args=(target.module.__name__, target.method, board, layout, s.deadline)))
        await_announcement(s, board, layout.grandchild_pid, middle,
                           what="the grandchild to look at its parent")
        tracked.adopt(board[layout.grandchild_pid])
        board[layout.middle_may_exit] = 1
        await_exit(s, [middle], what="the middle process's exit")
        await_board(s, board, layout.done, what="the grandchild's parent_process().join()")
        seen = board.snapshot()
        (direct,) = s.join([s.start(actors.report_parent, target.module.__name__,
                                    target.method, role="child")],
                           stuck_in="parent_process() in a child")
    outcomes.expect(direct is not None and (direct["pid"], direct["name"]) ==
                    (os.getpid(), "MainProcess") and direct["alive"] and
                    direct["exitcode"] is None, "wrong-parent",
                    f"a child's parent_process(): {direct} (parent pid {os.getpid()})",
                    "as-documented")
    outcomes.expect(seen[layout.seen_pid] == seen[layout.middle_pid] and
                    seen[layout.seen_name_ok], "wrong-parent",
                    f"the grandchild's parent_process() had pid {seen[layout.seen_pid]} "
                    f"(creator {seen[layout.middle_pid]}), name matching "
                    f"{bool(seen[layout.seen_name_ok])}", "as-documented")
    outcomes.expect((seen[layout.seen_alive], seen[layout.joined], seen[layout.seen_after]) ==
                    (2, 1, 1), "wrong-liveness",
                    f"alive while the creator ran: {seen[layout.seen_alive] == 2}; join() "
                    f"returned: {seen[layout.joined] == 1}; alive after: "
                    f"{seen[layout.seen_after] == 2}", "as-documented")
    outcomes.expect(seen[layout.exitcode_none] == 1, "has-exitcode",
                    "parent_process().exitcode was not None", "as-documented")
    outcomes.verdict()


CLEANUP = OutcomeTable(
    unit="cleanup steps at a child's normal exit",
    acceptable={"ran": "the step ran before the child exited"},
    forbidden={"exited-with-thread": "the child exited while its non-daemonic thread ran",
               "skipped": "the step did not run"},
)


def run_cleanup(target, with_finalize):
    """A child that leaves a non-daemonic thread, a Finalize callback (if asked) and an atexit
    handler, then returns; the board says what ran."""
    with target.scenario() as s, Tracked(s) as tracked:
        board = s.board(actors.CleanupBoard.SIZE)
        child = tracked.child(actors.leave_cleanup, target.module.__name__, board, s.deadline,
                              with_finalize, role="child")
        tracked.start(child.process)
        await_announcement(s, board, actors.CleanupBoard.RETURNED, child.process,
                           what="the child to leave its cleanup and return")
        s.await_blocked(child)
        alive_with_thread = child.process.exitcode is None
        board[actors.CleanupBoard.THREAD_RELEASE] = 1
        await_exit(s, [child.process], what="a child's exit")
        reported(child)
        return alive_with_thread, board.snapshot()


@pytest.mark.requires("util_finalize")
def test_a_child_joins_its_threads_and_runs_its_finalizers_at_exit(target):
    """A child that returns from run() joins its non-daemonic threads and runs its
    multiprocessing.util.Finalize callbacks before it exits.

    Docs: multiprocessing — Process and exceptions (run; the process "exits" after run()
    returns); threading — Thread objects ("The entire Python program exits when no alive
    non-daemon threads are left").  Finalize callbacks run at exit: CPython's
    multiprocessing.util._exit_function, called after run().
    Promises: PROC-40.
    """
    alive_with_thread, seen = run_cleanup(target, with_finalize=True)
    outcomes = CLEANUP.counter()
    outcomes.expect(alive_with_thread, "exited-with-thread", "the child had exited before its "
                    "non-daemonic thread was let finish", "ran")
    outcomes.expect(seen[actors.CleanupBoard.THREAD_DONE] == 1, "skipped",
                    "the non-daemonic thread never finished", "ran")
    outcomes.expect(seen[actors.CleanupBoard.FINALIZED] == 1, "skipped",
                    f"the Finalize callback ran {seen[actors.CleanupBoard.FINALIZED]} times",
                    "ran")
    outcomes.verdict()


@pytest.mark.requires("child_atexit")
def test_a_child_runs_the_atexit_handlers_it_registered(target):
    """A child that returns from run() runs the atexit handlers it registered itself (under
    spawn in every version; under fork and forkserver from Python 3.13), once its non-daemonic
    threads have ended (it does not exit while one runs).

    Docs: atexit ("Functions thus registered are automatically executed upon normal interpreter
    termination"); multiprocessing — Process and exceptions (run).  The fork and forkserver
    change is gh-83856 (Python 3.13).
    Promises: PROC-40.
    """
    alive_with_thread, seen = run_cleanup(target, with_finalize=False)
    outcomes = CLEANUP.counter()
    outcomes.expect(alive_with_thread, "exited-with-thread", "the child had exited before its "
                    "non-daemonic thread was let finish", "ran")
    outcomes.expect(seen[actors.CleanupBoard.AT_EXIT] == 1, "skipped",
                    f"the atexit handler ran {seen[actors.CleanupBoard.AT_EXIT]} times", "ran")
    outcomes.verdict()


IDENTITY = OutcomeTable(
    unit="facts a child reported about itself",
    acceptable={"as-set": "the fact was what the parent set or the docs say"},
    forbidden={"wrong-pid": "pid, ident, os.getpid() and the parent's pid disagreed",
               "wrong-name": "the child's name was not the one set before start(), or a "
                             "default name broke the '<Class>-N:M' pattern",
               "wrong-authkey": "the child's authkey was not the one set, or its creator's",
               "wrong-daemon": "the child's daemon flag, or its own new Process's, was wrong",
               "wrong-arguments": "the target did not get its args and kwargs",
               "stdin-open": "sys.stdin in the child was not an exhausted devnull"},
)


@st.composite
def identity_programs(draw):
    """Children, each with a name (or the default), an authkey (or its creator's) and a daemon
    flag."""
    return tuple((draw(st.none() | st.text(max_size=12)),
                  draw(st.none() | st.binary(min_size=1, max_size=40)),
                  draw(st.booleans()))
                 for _ in range(draw(process_counts(1, 3))))


@invariant(program=identity_programs())
def test_a_child_sees_the_identity_its_parent_gave_it(target, program):
    """A child sees itself as its parent set it before start(): the same pid (pid, ident,
    os.getpid()), the name (default '<Class>-N', and '<Class>-N:M' for objects it makes), the
    authkey (its creator's unless one was assigned), the daemon flag (which its own new
    Process objects inherit), its arguments (args and kwargs), and a sys.stdin that reads ''
    and makes input() raise EOFError.

    Docs: multiprocessing — Process and exceptions (name: "The initial name is set by the
    constructor ... of the form 'Process-N1:N2:...:Nk'"; pid; ident; authkey: "When
    multiprocessing is initialized the main process is assigned a random string ... When a
    Process object is created, it will inherit the authentication key of its parent process";
    daemon; Process: "args is the argument tuple for the target invocation. kwargs is a
    dictionary of keyword arguments for the target invocation"); Programming guidelines (Beware
    of replacing sys.stdin: "stdin is set to os.devnull").
    Promises: PROC-1, PROC-5, PROC-30, PROC-31, PROC-32, PROC-33, PROC-39.
    """
    ctx = target.ctx
    outcomes = IDENTITY.counter()
    inherited = bytes(ctx.current_process().authkey)
    with target.scenario() as s, Tracked(s) as tracked:
        made = []
        for index, (name, authkey, daemon) in enumerate(program):
            # Through the kit's child entry point, with keyword arguments of the Process's own
            # (kwargs=), which reach describe_self only if the Process passes them on.
            report_path = os.path.join(s.workdir, f"identity-report{index}")
            child = Child(s.ctx.Process(target=actors.run_with_keywords,
                                        args=(actors.describe_self,
                                              (target.module.__name__, target.method, index,
                                               f"arg-{index}"), report_path),
                                        kwargs={"keyword": f"kwarg-{index}"}, daemon=daemon),
                          f"child {index}", report_path)
            default = child.process.name
            if name is not None:
                child.process.name = name
            if authkey is not None:
                child.process.authkey = authkey
            made.append((child, default))
        defaults = [default for _, default in made]
        for child, _ in made:
            tracked.start(child.process)
        await_exit(s, [child.process for child, _ in made], what="children describing "
                                                                   "themselves")
        seen = [(reported(child), child.process.pid, child.process.ident, child.process.name)
                for child, _ in made]
    cls = type(ctx.Process(target=None)).__name__
    counters = [int(re.fullmatch(rf"{re.escape(cls)}-(\d+)", d).group(1))
                if re.fullmatch(rf"{re.escape(cls)}-(\d+)", d) else None for d in defaults]
    outcomes.expect(None not in counters and counters == list(range(counters[0],
                                                                    counters[0] + len(made))),
                    "wrong-name", f"default names of consecutive {cls} objects: {defaults}",
                    "as-set")
    for index, ((name, authkey, daemon), (me, pid, ident, parent_name), counter) in enumerate(
            zip(program, seen, counters)):
        outcomes.expect(me["os_pid"] == me["pid"] == pid == ident, "wrong-pid",
                        f"child {index}: os.getpid() {me['os_pid']}, current_process().pid "
                        f"{me['pid']}, parent's pid {pid}, ident {ident}", "as-set")
        outcomes.expect(me["name"] == parent_name, "wrong-name",
                        f"child {index}: name {me['name']!r}, set {parent_name!r}", "as-set")
        outcomes.expect(me["made_name"] == f"{cls}-{counter}:1", "wrong-name",
                        f"child {index} (default name {defaults[index]}) made a Process named "
                        f"{me['made_name']!r}", "as-set")
        outcomes.expect(me["authkey"] == (authkey if authkey is not None else inherited),
                        "wrong-authkey", f"child {index}: authkey {me['authkey'].hex()[:16]}..., "
                        f"{'set' if authkey is not None else 'inherited'} "
                        f"{(authkey or inherited).hex()[:16]}...", "as-set")
        outcomes.expect(me["daemon"] is daemon and me["made_daemon"] is daemon, "wrong-daemon",
                        f"child {index}: daemon {me['daemon']}, its new Process "
                        f"{me['made_daemon']}, set {daemon}", "as-set")
        outcomes.expect(me["args"] == [index, f"arg-{index}"] and
                        me["kwargs"] == {"keyword": f"kwarg-{index}"}, "wrong-arguments",
                        f"child {index}: args {me['args']}, kwargs {me['kwargs']}", "as-set")
        outcomes.expect(me["stdin"] == {"read": "", "input": "EOFError"}, "stdin-open",
                        f"child {index}: {me['stdin']}", "as-set")
    outcomes.verdict()


# A sibling's Process object in another process: CPython asserts it is not the creator.
# multiprocessing — Process and exceptions: "start(), join(), is_alive(), terminate() and
# exitcode should only be called by the process that created the process object"; join: "A
# process cannot join itself because this would cause a deadlock."  Pickling a Process (its
# authkey) is refused outside spawning: Programming guidelines, Authentication keys.
NON_CREATOR_RAISES = {"join(0) of a sibling": "AssertionError",
                      "is_alive() of a sibling": "AssertionError",
                      "start() of a sibling": "AssertionError",
                      "current_process().join(0)": "AssertionError",
                      "pickle.dumps(current_process())": "TypeError"}

NON_CREATORS = OutcomeTable(
    unit="calls only a creator may make, made by another process",
    acceptable={"refused": "raised as CPython does"},
    forbidden={"allowed": "returned", "refused-otherwise": "raised another exception"},
)


def test_only_the_creator_may_join_or_test_a_process(target):
    """In a process other than its creator, join(), is_alive() and start() of a Process object
    (sent to it unstarted) raise AssertionError, a process joining itself raises AssertionError instead of
    deadlocking, and pickling a Process object outside spawning raises TypeError.

    Docs: multiprocessing — Process and exceptions ("start(), join(), is_alive(), terminate()
    and exitcode methods should only be called by the process that created the process
    object"; join: "A process cannot join itself because this would cause a deadlock");
    Programming guidelines (authentication keys are not pickled outside spawning).
    Promises: PROC-10, PROC-34.
    """
    outcomes = NON_CREATORS.counter()
    with target.scenario() as s:
        sibling = s.ctx.Process(target=None)  # never started: a started one cannot be sent
        (seen,) = s.join([s.start(actors.use_anothers_process, target.module.__name__,
                                  target.method, sibling, role="non-creator")],
                         stuck_in="calls on another process's Process object")
    for what, raised in seen.items():
        wanted = NON_CREATOR_RAISES[what]
        outcomes.observe("refused" if raised == wanted else
                         "allowed" if raised is None else "refused-otherwise",
                         f"{what} raised {raised}, expected {wanted}")
    outcomes.verdict()


ACTIVE = OutcomeTable(
    unit="calls of active_children()",
    acceptable={"exact": "listed exactly the children still running"},
    forbidden={"missed-running": "left out a child that was still running",
               "listed-ended": "listed a child that had ended",
               "zombie": "an ended child was still a process after active_children()"},
)


@pytest.mark.requires("connection")
@invariant(count=process_counts(2, 5), ending=st.lists(st.integers(0, 4), unique=True,
                                                        min_size=1))
def test_active_children_lists_exactly_the_running_children(target, count, ending):
    """active_children() lists the caller's children that still run and no ended one, and it
    joins those that ended, so that no zombie is left.

    Docs: multiprocessing — Miscellaneous (active_children: "Return list of all live children
    of the current process. Calling this has the side effect of 'joining' any processes which
    have already finished"); Programming guidelines (Joining zombie processes).
    Promises: PROC-12, PROC-37.
    """
    wait = target.submodule("connection").wait
    ending = [i for i in ending if i < count] or [0]
    outcomes = ACTIVE.counter()
    with target.scenario() as s, Tracked(s) as tracked:
        board = s.board(count)
        children = [tracked.start(s.ctx.Process(target=actors.wait_until_told,
                                                args=(board, i, s.deadline)))
                    for i in range(count)]
        for index in ending:
            board[index] = 1
        for index in ending:
            wait([children[index].sentinel], s.deadline)
            await_reapable(s, children[index])
        pids = [child.pid for child in children]
        running = {pids[i] for i in range(count) if i not in ending}
        ended = {pids[i] for i in ending}
        listed = {p.pid for p in s.ctx.active_children()}
        lingering = [pid for pid in sorted(ended) if pid_alive(pid)]
        for index in range(count):
            board[index] = 1
        await_exit(s, children, what="children told to end")
    outcomes.expect(running <= listed, "missed-running",
                    f"running children {sorted(running - listed)} not listed", "exact")
    outcomes.expect(not ended & listed, "listed-ended",
                    f"ended children {sorted(ended & listed)} listed", "exact")
    outcomes.expect(not lingering, "zombie", f"pids {lingering} still exist after "
                                             f"active_children()", "exact")
    outcomes.verdict()


UNPICKLABLE = OutcomeTable(
    unit="starts of a Process whose target or argument cannot be pickled",
    acceptable={"refused-at-start": "spawning: start() raised and no child was made",
                "ran": "fork: the child ran, exit code 0"},
    forbidden={"started": "spawning: start() returned, or left a pid",
               "failed-under-fork": "fork: start() raised or the child failed"},
)


def test_unpicklable_targets_fail_at_start_only_under_spawning_methods(target):
    """Under spawn and forkserver, start() of a Process whose target or argument cannot be
    pickled (a lambda, a lock) raises in the parent and leaves no child (pid None); under fork
    nothing is pickled and the child runs.

    Docs: multiprocessing — Programming guidelines (The spawn and forkserver start methods:
    "More picklability: Ensure that all arguments to Process.__init__() are picklable").
    Promises: PROC-42.
    """
    import threading

    outcomes = UNPICKLABLE.counter()
    with target.scenario() as s, Tracked(s) as tracked:
        for what, process in (
                ("a lambda target", s.ctx.Process(target=lambda: None)),
                ("a lock argument", s.ctx.Process(target=actors.append_to,
                                                  args=([], threading.Lock())))):
            try:
                tracked.start(process)
            except Exception as exc:  # judged: allowed only under spawning methods
                refused = f"{type(exc).__name__}: {exc}"
            else:
                refused = None
            if target.method in SPAWNING:
                outcomes.expect(refused is not None and process.pid is None, "started",
                                f"start() with {what}: raised {refused}, pid {process.pid}",
                                "refused-at-start")
            else:
                if refused is None:
                    await_exit(s, [process], what=f"a fork child with {what}")
                outcomes.expect(refused is None and process.exitcode == 0, "failed-under-fork",
                                f"start() with {what}: raised {refused}, exitcode "
                                f"{process.exitcode if refused is None else None}", "ran")
    outcomes.verdict()


MAIN_PROGRAM = """
import importlib, json, os, sys
impl, deadline, method, log_path = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
MARK = "import-time"
with open(log_path, "a") as log:
    log.write(json.dumps(["imported", __name__, os.getpid()]) + "\\n")


def report_mark(path):
    with open(path, "a") as log:
        log.write(json.dumps(["mark", MARK, os.getpid()]) + "\\n")


def report_atexit(path):
    with open(path, "a") as log:
        log.write(json.dumps(["atexit", os.getpid()]) + "\\n")


if __name__ == "__main__":
    import atexit
    atexit.register(report_atexit, log_path)  # in the main guard: the parent's alone
    MARK = "set-before-start"
    ctx = importlib.import_module(impl).get_context(method)

    def inside_the_guard(path):
        report_mark(path)

    codes = {}
    for name, function in (("module-level", report_mark), ("main-guard", inside_the_guard)):
        child = ctx.Process(target=function, args=(log_path,))
        child.start()
        child.join(deadline)
        codes[name] = [child.pid, child.exitcode]
    print(json.dumps(codes))
"""

MAIN_MODULE = OutcomeTable(
    unit="children of a fresh main program",
    acceptable={"as-documented": "as the start method's guideline says"},
    forbidden={"wrong-globals": "the child saw module globals as the other start methods do",
               "wrong-import": "the child re-imported the main module, or did not, contrary "
                               "to its start method",
               "wrong-main-guard": "a target defined in the main guard ran or failed contrary "
                                   "to the start method",
               "parent-atexit": "the parent's atexit handler ran in a child"},
)


def test_spawning_children_reimport_the_main_module(target, tmp_path):
    """A fork child sees module globals as they were at start(), never re-imports the main
    module and can run a target defined in the main guard; a spawn or forkserver child
    re-imports it as __mp_main__ (module globals at their import-time values) and fails, exit
    code 1, to find a target defined in the main guard; no child runs the parent's atexit
    handler.

    Docs: multiprocessing — Programming guidelines (Global variables: "the value in the parent
    process at the time that Process.start was called"; Safe importing of main module;
    "functionality within this package requires that the __main__ module be importable by the
    children").
    Promises: PROC-41, PROC-43, PROC-44.
    """
    log = tmp_path / "log"
    script = tmp_path / "program.py"
    script.write_text(MAIN_PROGRAM)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    done = subprocess.run([sys.executable, str(script), target.module.__name__,
                           str(target.deadline), target.method, str(log)], cwd=str(tmp_path),
                          env=env, capture_output=True, text=True,
                          timeout=4 * target.deadline + 30)
    assert done.returncode == 0, f"the program failed:\n{done.stdout}{done.stderr}"
    codes = json.loads(done.stdout.strip().splitlines()[-1])
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    children = {codes["module-level"][0], codes["main-guard"][0]}
    reimported = {pid for kind, name, pid in (e for e in entries if e[0] == "imported")
                  if name == "__mp_main__"}
    marks = {entry[2]: entry[1] for entry in entries if entry[0] == "mark"}
    at_exit = [entry[1] for entry in entries if entry[0] == "atexit"]
    spawning = target.method in SPAWNING
    outcomes = MAIN_MODULE.counter()
    module_child = codes["module-level"][0]
    outcomes.expect(marks.get(module_child) == ("import-time" if spawning else
                                                "set-before-start"), "wrong-globals",
                    f"the module-level target saw MARK = {marks.get(module_child)!r}",
                    "as-documented")
    outcomes.expect(reimported == (children if spawning else set()), "wrong-import",
                    f"processes that imported the main module as __mp_main__: "
                    f"{sorted(reimported)} (children {sorted(children)})", "as-documented")
    outcomes.expect(codes["main-guard"][1] == (1 if spawning else 0), "wrong-main-guard",
                    f"a target defined in the main guard: exitcode {codes['main-guard'][1]}",
                    "as-documented")
    outcomes.expect(not children & set(at_exit), "parent-atexit",
                    f"the parent's atexit handler ran in processes {at_exit} (children "
                    f"{sorted(children)})", "as-documented")
    outcomes.verdict()


CPU_COUNT = OutcomeTable(
    unit="calls of cpu_count()",
    acceptable={"os-count": "equal to os.cpu_count()"},
    forbidden={"other-count": "another number"},
)


def test_cpu_count_is_the_systems_cpu_count(target):
    """cpu_count() returns the number of CPUs in the system, os.cpu_count(), not the number the
    process may use.

    Docs: multiprocessing — Miscellaneous (cpu_count: "Return the number of CPUs in the system
    ... This number is not equivalent to the number of CPUs the current process can use").
    Promises: PROC-38.
    """
    outcomes = CPU_COUNT.counter()
    with judged("cpu_count()"):
        counted = target.ctx.cpu_count()
    outcomes.expect(counted == os.cpu_count(), "other-count",
                    f"cpu_count() {counted}, os.cpu_count() {os.cpu_count()}", "os-count")
    outcomes.verdict()
