"""ProcessPoolExecutor on the implementation's context: results in order, exceptions with the
worker's traceback, what breaks the executor (a dead worker, a failing initializer), workers
retired after max_tasks_per_child, cancellation, shutdown, futures' timeouts and callbacks.

Docs: concurrent.futures — ProcessPoolExecutor; Executor Objects; Future Objects; Module
Functions; Exception classes.

The executor is ``concurrent.futures.ProcessPoolExecutor(mp_context=ctx)`` (the context's own,
if it offers one), so its processes, queues and pickling are the implementation's.  It is made
with ``conformance.harness.pools.executor``: every wait is bounded (an executor that hangs
instead of breaking fails as ``Stuck``, naming the futures that never finished and the workers),
and it is shut down and its workers killed whatever happens.  Native provider only.
"""

import functools
import json
import logging
import os
import subprocess
import sys
import threading
import time
import types
from concurrent import futures
from concurrent.futures.process import BrokenProcessPool

import pytest
from hypothesis import example
from hypothesis import strategies as st

from conformance.actors import executor as actors
from conformance.actors import pool as tasks
from conformance.harness import pools
from conformance.harness.processes import await_board
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, expect_raises, judged
from conformance.judge.timing import never_early
from conformance.strategies import process_counts, sized

# Every invariant here runs calls through a ProcessPoolExecutor on the target's context: where
# concurrent.futures cannot use that context at all (a drop-in whose spawned children cannot
# receive the standard library's queues), there is nothing to judge.
pytestmark = [pytest.mark.requires("process_pool_executor")]

SPAWNING = ("spawn", "forkserver")
WAIT_WINDOW = 0.05  # seconds a shutdown() with work held is given to return early
TIMEOUT = 0.05  # seconds of the timed waits that must time out
# map()'s timeout counts from the map() call, which submits every call (and starts workers):
# an early TimeoutError can show only if map() returns before it runs out, also when loaded.
MAP_TIMEOUT = 0.5
QUEUE_SETTLING = 0.02  # seconds given to the pass that fills the call queue to finish


def call(workers, what, function):
    """A blocking call under test: bounded by the deadline, and judged (it must not raise)."""
    __tracebackhide__ = True
    with judged(what):
        return pools.bounded(workers, what, function)


def refused(s, **options):
    """Make an executor that must be refused; if it is not, it is ended like any other."""
    with pools.executor(s, **options):
        return "an executor"


def remote_cause(exc, function):
    """Whether ``exc`` carries the worker's traceback (naming ``function``) as its cause."""
    cause = exc.__cause__
    return type(cause).__name__ == "_RemoteTraceback" and function in str(cause)


def outcome_of(future):
    """How a finished future ended, as data."""
    if future.cancelled():
        return ("cancelled",)
    exc = future.exception(0)
    if exc is None:
        return ("value", future.result(0))
    return ("raised", type(exc).__name__)


RESULTS = OutcomeTable(
    unit="results of submit() and map()",
    acceptable={"in-order": "every result, in input order",
                "computed-once": "the item was computed exactly once",
                "refused": "map(chunksize=0) raised ValueError"},
    forbidden={"out-of-order": "every result, but not in input order",
               "wrong-results": "a result was missing, extra or wrong",
               "computed-twice": "an item was computed more than once",
               "never-computed": "an item was never computed"},
)

CALLS = ("submit", "map", "map over a generator", "map of two iterables")


@st.composite
def executor_programs(draw):
    return {"workers": draw(process_counts(1, 3)), "items": draw(sized(2, 30)),
            "chunksize": draw(st.integers(1, 8))}


@invariant(program=executor_programs())
@example(program={"workers": 1, "items": 300, "chunksize": 7})
def test_submit_and_map_return_every_result_in_order(target, program):
    """submit(fn, *args, **kwargs) gives a future whose result is fn's, computed in a worker;
    map(fn, *iterables) yields fn's results in input order for every chunksize (stopping at the
    shortest iterable, a generator included), each item computed once; chunksize < 1 raises
    ValueError.

    Docs: concurrent.futures — Executor Objects (submit: "Schedules the callable, fn, to be
    executed as fn(*args, **kwargs) and returns a Future object"; map: "the iterables are
    collected immediately rather than lazily ... When using ProcessPoolExecutor, this method
    chops iterables into a number of chunks"); ProcessPoolExecutor.
    Promises: CF-12, CF-14, CF-16.
    """
    n, chunksize = program["items"], program["chunksize"]
    expected = [tasks.value_of(x) for x in range(n)]
    outcomes = RESULTS.counter()
    with target.scenario() as s:
        board = s.board(len(CALLS) * n)
        with pools.executor(s, max_workers=program["workers"]) as (executor, workers):
            task = [functools.partial(tasks.compute, board, i * n) for i in range(len(CALLS))]
            submitted = [executor.submit(task[0], x=x) for x in range(n)]
            got = {"submit": call(workers, "Future.result",
                                  lambda: [f.result(s.deadline) for f in submitted])}
            got["map"] = call(workers, "ProcessPoolExecutor.map", lambda: list(
                executor.map(task[1], range(n), chunksize=chunksize)))
            got["map over a generator"] = call(workers, "ProcessPoolExecutor.map", lambda: list(
                executor.map(task[2], (x for x in range(n)), chunksize=chunksize)))
            got["map of two iterables"] = call(workers, "ProcessPoolExecutor.map", lambda: list(
                executor.map(functools.partial(tasks.compute_pair, board, 3 * n),
                             range(n), [0] * (n - 1), chunksize=chunksize)))
            expect_raises(ValueError, lambda: executor.map(tasks.value_of, [1], chunksize=0),
                          "map(chunksize=0)")
            outcomes.observe("refused")
        counts = board.snapshot()
    wanted = {"map of two iterables": expected[:n - 1]}
    for what in CALLS:
        want = wanted.get(what, expected)
        if sorted(got[what]) != sorted(want):
            outcomes.observe("wrong-results", f"{what} (chunksize {chunksize}): {len(got[what])} "
                                              f"results, {len(want)} wanted")
        else:
            outcomes.expect(got[what] == want, "out-of-order", f"{what} (chunksize "
                            f"{chunksize}): results in the order {got[what][:12]}...",
                            "in-order")
    for index, what in enumerate(CALLS):
        for x in range(len(wanted.get(what, expected))):
            runs = counts[index * n + x]
            outcomes.expect(runs == 1, "computed-twice" if runs > 1 else "never-computed",
                            f"{what}: item {x} computed {runs} times", "computed-once")
    outcomes.verdict()


EAGER = OutcomeTable(
    unit="calls of map() with a timeout",
    acceptable={"eager": "map() had collected every item when it returned"},
    forbidden={"lazy": "map() returned before collecting its iterable",
               "not-timed-out": "the iterator did not raise TimeoutError while the result was "
                                "not there"},
)


def test_map_collects_everything_at_once_and_times_out_from_the_call(target):
    """map() collects its iterables and submits every call before it returns, and its iterator
    raises TimeoutError when a result is not there timeout seconds after the map() call.

    Docs: concurrent.futures — Executor Objects (map: "the iterables are collected immediately
    rather than lazily"; "The returned iterator raises a TimeoutError if __next__() is called
    and the result isn't available after timeout seconds from the original call to
    Executor.map()").
    Promises: CF-15, CF-17.
    """
    outcomes = EAGER.counter()
    consumed = []

    def plans():
        for index in range(6):
            consumed.append(index)
            yield ("block", 0) if index == 0 else ("value", index)

    with target.scenario() as s:
        board = s.board(1)
        with pools.executor(s, max_workers=2) as (executor, workers):
            started = time.monotonic()
            with judged("ProcessPoolExecutor.map"):
                results = executor.map(functools.partial(tasks.step, board, 0, s.deadline),
                                       plans(), timeout=MAP_TIMEOUT)
            collected = len(consumed)
            try:
                first = next(results)
            except futures.TimeoutError:
                first = None
            waited = time.monotonic() - started
            board[0] = 1
    outcomes.expect(collected == 6, "lazy", f"map() returned having collected {collected} of "
                                            f"6 items", "eager")
    outcomes.expect(first is None, "not-timed-out", f"next() returned {first!r} while the "
                                                    f"first call was held", "eager")
    outcomes.verdict()
    never_early(waited, MAP_TIMEOUT, f"map(timeout={MAP_TIMEOUT}).__next__()")


EXCEPTIONS = OutcomeTable(
    unit="calls that raised",
    acceptable={"as-documented": "the caller got the exception as documented"},
    forbidden={"wrong-exception": "another exception, other args, or no remote traceback as "
                                  "its cause",
               "wrong-iteration": "map() did not yield the earlier results, then raise, then "
                                  "stop",
               "broken": "the executor stopped working after a task raised"},
)


def drain(iterator, limit):
    """What iterating ``iterator`` gave, step by step, as data."""
    steps = []
    for _ in range(limit):
        try:
            steps.append(("value", next(iterator)))
        except StopIteration:
            steps.append(("stopped",))
            break
        except tasks.TaskFailed as exc:
            steps.append(("raised", exc.args))
    return steps


def test_task_exceptions_reach_the_caller_with_the_remote_traceback(target):
    """result() re-raises a task's exception, its type and args, with the worker's traceback as
    its cause; map() yields the results before a failing call, raises its exception, then
    stops; SystemExit and KeyboardInterrupt raised by a task become its future's exception and
    the executor carries on.

    Docs: concurrent.futures — Future Objects (result: "If the call raised an exception, this
    method will raise the same exception"); Executor Objects (map: "If a fn call raises an
    exception, then that exception will be raised when its value is retrieved from the
    iterator").  The remote traceback as the cause and the BaseException handling are CPython's
    concurrent.futures.process.
    Promises: CF-18, CF-19, CF-20.
    """
    outcomes = EXCEPTIONS.counter()
    with target.scenario() as s:
        board = s.board(8)
        with pools.executor(s, max_workers=2) as (executor, workers):
            failed = executor.submit(tasks.maybe_fail, board, 0, True)
            pools.await_done(workers, "the future of a raising task", [failed])
            steps = call(workers, "ProcessPoolExecutor.map", lambda: drain(executor.map(
                functools.partial(tasks.fail_some, board, 1, frozenset({2})), range(5)), 6))
            base = [executor.submit(actors.raise_base_exception, name)
                    for name in ("SystemExit", "KeyboardInterrupt")]
            pools.await_done(workers, "futures of tasks raising BaseExceptions", base)
            after = submitted_outcome(workers, executor, tasks.value_of, 3)
            raised = failed.exception(0)
            base_raised = [f.exception(0) for f in base]
    outcomes.expect(isinstance(raised, tasks.TaskFailed) and raised.args == (0,) and
                    remote_cause(raised, "maybe_fail"), "wrong-exception",
                    f"result() raised {raised!r} caused by {type(raised.__cause__).__name__}",
                    "as-documented")
    wanted = [("value", tasks.value_of(0)), ("value", tasks.value_of(1)), ("raised", (2,)),
              ("stopped",)]
    outcomes.expect(steps == wanted, "wrong-iteration", f"map() gave {steps}", "as-documented")
    outcomes.expect(isinstance(base_raised[0], SystemExit) and base_raised[0].code == 4 and
                    isinstance(base_raised[1], KeyboardInterrupt), "wrong-exception",
                    f"the futures of SystemExit(4) and KeyboardInterrupt raised "
                    f"{base_raised!r}", "as-documented")
    outcomes.expect(after == ("value", tasks.value_of(3)), "broken",
                    f"a task after them ended {after}", "as-documented")
    outcomes.verdict()


UNPICKLABLE = OutcomeTable(
    unit="calls or results that cannot be pickled",
    acceptable={"failed-alone": "only that future failed, with the pickling error"},
    forbidden={"succeeded": "the future of an unpicklable call or result got a result",
               "no-remote-traceback": "the error had no traceback of where it happened as its "
                                      "cause",
               "broken": "the executor stopped working"},
)


def test_unpicklable_calls_and_results_fail_only_their_future(target):
    """A call whose function or argument cannot be pickled (a lambda, a lock) and a result that
    cannot be pickled fail only their own future, with the pickling error (its traceback as
    the cause), even under fork, and the executor carries on.

    Docs: concurrent.futures — ProcessPoolExecutor ("only picklable objects can be executed and
    returned").  How the error is delivered is CPython's concurrent.futures.process.
    Promises: CF-13, CF-21.
    """
    outcomes = UNPICKLABLE.counter()
    with target.scenario() as s:
        with pools.executor(s, max_workers=1) as (executor, workers):
            with judged("submit() of unpicklable calls"):
                failing = [executor.submit(lambda: 1),
                           executor.submit(tasks.value_of, threading.Lock()),
                           executor.submit(tasks.unpicklable_result)]
            pools.await_done(workers, "futures of unpicklable calls and results", failing)
            after = submitted_outcome(workers, executor, tasks.value_of, 4)
            errors = [f.exception(0) for f in failing]
    for what, error in zip(("a lambda", "a lock argument", "a lock result"), errors):
        if error is None:
            outcomes.observe("succeeded", f"the future of {what} got a result")
        else:
            outcomes.expect(type(error.__cause__).__name__ == "_RemoteTraceback",
                            "no-remote-traceback", f"{what}: {error!r} caused by "
                                                   f"{error.__cause__!r}", "failed-alone")
    outcomes.expect(after == ("value", tasks.value_of(4)), "broken",
                    f"a task after them ended {after}", "failed-alone")
    outcomes.verdict()


BROKEN = OutcomeTable(
    unit="futures of an executor whose worker died",
    acceptable={"broken": "failed with BrokenProcessPool",
                "kept": "had finished before, and kept its result",
                "finished": "finished normally before the death was noticed"},
    forbidden={"wrong-end": "ended otherwise (another exception, a result it cannot have)",
               "not-refused": "submit() after the death did not raise BrokenProcessPool",
               "wrong-hierarchy": "BrokenProcessPool is not a BrokenExecutor and RuntimeError"},
)


def test_a_worker_that_dies_breaks_the_executor(target):
    """If a worker dies abruptly (os._exit in a task, or a task function it cannot find), every
    running or pending future fails with BrokenProcessPool and later submit() calls raise it,
    while futures that had finished keep their results; BrokenProcessPool is a BrokenExecutor,
    a RuntimeError.

    Docs: concurrent.futures — ProcessPoolExecutor ("If one of the worker processes terminates
    abruptly, a BrokenProcessPool error is raised. Previously, behaviour was undefined but
    operations on the executor or its futures would often freeze or deadlock"; "The __main__
    module must be importable by worker subprocesses"); Exception classes (BrokenProcessPool:
    "Derived from BrokenExecutor ... raised when one of the workers of a ProcessPoolExecutor
    has terminated in a non-clean fashion").
    Promises: CF-23, CF-24, CF-25.
    """
    outcomes = BROKEN.counter()
    outcomes.expect(issubclass(BrokenProcessPool, futures.BrokenExecutor) and
                    issubclass(BrokenProcessPool, RuntimeError), "wrong-hierarchy",
                    f"BrokenProcessPool's bases: {BrokenProcessPool.__mro__}", "broken")
    with target.scenario() as s:
        board = s.board(2)
        with pools.executor(s, max_workers=2) as (executor, workers):
            finished = executor.submit(tasks.value_of, 1)
            pools.await_done(workers, "a first task", [finished])
            held = executor.submit(tasks.hold, board, 0, 1, s.deadline)
            await_board(s, board, 0, what="the held task to start")
            dying = executor.submit(tasks.die, 3)
            # The death may break the executor before these are submitted: then each of them
            # must be refused (judged below with the later submit).
            pending, refusals = [], []
            for i in range(3):
                try:
                    pending.append(executor.submit(tasks.value_of, i))
                except Exception as exc:  # judged below: refused as the promise says, or not
                    refusals.append(exc)
            pools.await_done(workers, "futures of an executor whose worker died",
                             [held, dying, *pending])
            refusals.append(submit_error(executor))
            # (how each future ended, the value it may have finished with)
            ends = [(outcome_of(held), None), (outcome_of(dying), None),
                    *((outcome_of(f), tasks.value_of(i)) for i, f in enumerate(pending))]
            errors = [f.exception(0) for f in (held, dying, *pending) if not f.cancelled()]
            kept = outcome_of(finished)
        name = f"defined_after_the_workers_{os.getpid()}_{id(board)}"
        with pools.executor(s, max_workers=1) as (executor, workers):
            first = executor.submit(tasks.value_of, 1)
            pools.await_done(workers, "a first task", [first])
            try:
                lost = executor.submit(late_function(name), 2)
                pools.await_done(workers, "the future of a function the worker cannot find",
                                 [lost])
            finally:
                delattr(tasks, name)
            ends.append((outcome_of(lost), None))
            errors += [] if lost.cancelled() else [lost.exception(0)]
            refusals.append(submit_error(executor))
    outcomes.expect(kept == ("value", tasks.value_of(1)), "wrong-end",
                    f"the finished future now ends {kept}", "kept")
    for index, (end, value) in enumerate(ends):
        if end == ("raised", "BrokenProcessPool"):
            outcomes.observe("broken")
        elif value is not None and end == ("value", value):
            outcomes.observe("finished")
        else:
            outcomes.observe("wrong-end", f"future {index} ended {end}")
    for refused_with in refusals:
        outcomes.expect(type(refused_with).__name__ == "BrokenProcessPool", "not-refused",
                        f"submit() after the death: "
                        f"{'returned' if refused_with is None else repr(refused_with)}", "broken")
    # The BrokenProcessPool the implementation raised, not only the standard library's class.
    for error in [*errors, *refusals]:
        if type(error).__name__ == "BrokenProcessPool" and not (
                isinstance(error, futures.BrokenExecutor) and isinstance(error, RuntimeError)):
            outcomes.observe("wrong-hierarchy", f"{type(error).__module__}.BrokenProcessPool's "
                                                f"bases: {type(error).__mro__}")
    outcomes.verdict()


def submit_error(executor):
    """What submit() raised, or None if it returned."""
    try:
        executor.submit(tasks.value_of, 1)
    except Exception as exc:  # judged by the caller
        return exc
    return None


def submit_outcome(executor):
    """What submit() raised (its type's name), or "returned"."""
    error = submit_error(executor)
    return "returned" if error is None else type(error).__name__


def submitted_outcome(workers, executor, function, *args):
    """How a call submitted now ends (bounded), as data; ("raised", ...) if submit() raises."""
    try:
        future = executor.submit(function, *args)
    except Exception as exc:  # judged by the caller
        return ("raised", type(exc).__name__)
    pools.await_done(workers, "a task submitted after others", [future])
    return outcome_of(future)


def late_function(name):
    """A task function that exists only in the parent, defined after the workers started:
    pickled by name, the workers cannot find it."""
    function = types.FunctionType(tasks.value_of.__code__, vars(tasks), name)
    function.__qualname__ = name
    function.__module__ = tasks.__name__
    setattr(tasks, name, function)
    return function


INITIALIZERS = OutcomeTable(
    unit="executors with an initializer",
    acceptable={"as-documented": "as documented"},
    forbidden={"not-broken": "after the initializer raised, a future or submit() did not fail "
                             "with BrokenProcessPool",
               "unpicklable-accepted": "under a spawning method, submit() with an unpicklable "
                                       "initializer returned",
               "fork-refused": "under fork, an unpicklable initializer did not work"},
)


def test_a_failing_initializer_breaks_the_executor(target):
    """A non-callable initializer is refused with TypeError; an initializer that raises makes
    the pending futures fail with BrokenProcessPool and every later submit() raise it; under
    spawn and forkserver an initializer that cannot be pickled makes submit() raise, under fork
    it works.

    Docs: concurrent.futures — ProcessPoolExecutor (initializer: "If initializer raises an
    exception, all currently pending jobs will raise a BrokenProcessPool, as well as any
    attempt to submit more jobs to the pool"); multiprocessing — Programming guidelines (More
    picklability, for spawn and forkserver).
    Promises: CF-6, CF-7, CF-8.
    """
    outcomes = INITIALIZERS.counter()
    with target.scenario() as s:
        expect_raises(TypeError, lambda: refused(s, max_workers=1, initializer=3),
                      "ProcessPoolExecutor(initializer=3)")
        with pools.executor(s, max_workers=1,
                            initializer=actors.fail_to_initialize) as (executor, workers):
            # The first submit starts the worker; once its initializer has raised, the pool is
            # broken and a further submit must raise BrokenProcessPool itself.
            pending, ends = [], []
            for value in range(2):
                try:
                    pending.append(executor.submit(tasks.value_of, value))
                except Exception as exc:  # judged below
                    ends.append(("raised", type(exc).__name__))
            pools.await_done(workers, "futures of an executor whose initializer raised",
                             pending)
            ends += [outcome_of(f) for f in pending] + [("raised", submit_outcome(executor))]
        with pools.executor(s, max_workers=1, initializer=lambda: None) as (executor, workers):
            try:
                started = executor.submit(tasks.value_of, 5)
            except Exception as exc:  # judged: allowed only under spawning methods
                refusal = type(exc).__name__
            else:
                refusal = None
            if refusal is None and target.method not in SPAWNING:
                pools.await_done(workers, "a task after an unpicklable initializer", [started])
                fork_end = outcome_of(started)
    for end in ends:
        outcomes.expect(end == ("raised", "BrokenProcessPool"), "not-broken",
                        f"after the initializer raised: {end}", "as-documented")
    if target.method in SPAWNING:
        outcomes.expect(refusal is not None, "unpicklable-accepted",
                        "submit() with a lambda initializer returned", "as-documented")
    else:
        outcomes.expect(refusal is None and fork_end == ("value", tasks.value_of(5)),
                        "fork-refused", f"submit(): {refusal or fork_end}", "as-documented")
    outcomes.verdict()


# max_tasks_per_child is refused with a fork context: concurrent.futures —
# ProcessPoolExecutor ("max_tasks_per_child ... Requires a non-'fork' mp_context").
REFUSES_MAX_TASKS = {"fork": True, "spawn": False, "forkserver": False}

RETIRED = OutcomeTable(
    unit="tasks of an executor with max_tasks_per_child",
    acceptable={"within-limit": "ran in a worker that had run at most max_tasks_per_child "
                                "tasks"},
    forbidden={"overstayed": "a worker ran more tasks than max_tasks_per_child"},
)


@pytest.mark.requires("max_tasks_per_child")
def test_max_tasks_per_child_retires_workers(target):
    """max_tasks_per_child must be an int >= 1 (TypeError, ValueError) and is refused with a fork
    context (ValueError); elsewhere a worker exits after that many tasks and is replaced, so with
    one worker and max_tasks_per_child=1 every task runs in a new process.

    Docs: concurrent.futures — ProcessPoolExecutor (max_tasks_per_child: "the maximum number of
    tasks a single process can execute before it will exit and be replaced with a fresh worker
    process ... Requires a non-'fork' mp_context").
    Promises: CF-9, CF-11.
    """
    outcomes = RETIRED.counter()
    with target.scenario() as s:
        expect_raises(TypeError, lambda: refused(s, max_workers=1, max_tasks_per_child="1"),
                      "max_tasks_per_child='1'")
        expect_raises(ValueError, lambda: refused(s, max_workers=1, max_tasks_per_child=0),
                      "max_tasks_per_child=0")
        if REFUSES_MAX_TASKS[target.method]:
            expect_raises(ValueError, lambda: refused(s, max_workers=1, max_tasks_per_child=1),
                          "max_tasks_per_child=1 with a fork context")
            return
        with pools.executor(s, max_workers=1, max_tasks_per_child=1) as (executor, workers):
            records = [call(workers, "Future.result", lambda index=index: executor.submit(
                actors.record, index).result(s.deadline)) for index in range(3)]
            call(workers, "ProcessPoolExecutor.shutdown", executor.shutdown)
    for index, pid, done in records:
        outcomes.expect(done == 1, "overstayed", f"task {index} was task {done} of worker {pid}",
                        "within-limit")
    outcomes.expect(len({pid for _, pid, _ in records}) == 3, "overstayed",
                    f"three tasks ran in workers {[pid for _, pid, _ in records]}",
                    "within-limit")
    outcomes.verdict()


CANCELLING = OutcomeTable(
    unit="futures asked to cancel",
    acceptable={"cancelled": "cancelled: cancelled() and done() True, result() and exception() "
                             "raise CancelledError, cancel() True again, never ran",
                "refused": "running or finished: cancel() returned False"},
    forbidden={"cancelled-while-running": "cancel() returned True for a running or finished "
                                          "future",
               "cancelled-ran": "a cancelled future's call ran anyway",
               "wrong-state": "a cancelled future's state or results were wrong",
               "none-cancellable": "no future still waiting could be cancelled"},
)


def test_only_futures_still_waiting_can_be_cancelled(target):
    """cancel() succeeds (and again if repeated) only for a future still waiting: it is then
    cancelled() and done(), result() and exception() raise CancelledError, and its call never
    runs; a running future, including one already in the executor's call queue, and a finished
    one refuse it.

    Docs: concurrent.futures — Future Objects (cancel: "If the call is currently being executed
    or finished running and cannot be cancelled then the method will return False, otherwise
    the call will be cancelled and the method will return True"; cancelled; running; done;
    result: "If the future is cancelled before completing then CancelledError will be
    raised").  That calls in the call queue already count as running is CPython's
    (EXTRA_QUEUED_CALLS).
    Promises: CF-26, CF-27.
    """
    outcomes = CANCELLING.counter()
    with target.scenario() as s:
        board = s.board(6)
        with pools.executor(s, max_workers=1) as (executor, workers):
            held = executor.submit(tasks.hold, board, 0, 1, s.deadline)
            await_board(s, board, 0, what="the held task to start")
            waiting = [executor.submit(tasks.maybe_fail, board, 2 + i, False) for i in range(4)]
            await_queued(workers, waiting[:2])
            running = [f.running() for f in waiting]
            cancels = [f.cancel() for f in waiting]
            held_cancel = held.cancel()
            states = [(f.cancelled(), f.done(), f.cancel()) for f in waiting]
            for future, cancelled in zip(waiting, cancels):
                if cancelled:
                    expect_raises(futures.CancelledError, lambda: future.result(0),
                                  "result() of a cancelled future")
                    expect_raises(futures.CancelledError, lambda: future.exception(0),
                                  "exception() of a cancelled future")
            board[1] = 1
            pools.await_done(workers, "futures not cancelled", [held, *waiting])
            finished_cancel = [f.cancel() for f, c in zip([held, *waiting], [False, *cancels])
                               if not c]
            # A cancelled call that runs anyway runs after the calls ahead of it: counted once
            # the executor has shut down, every call it sent having run.
            call(workers, "ProcessPoolExecutor.shutdown", executor.shutdown)
            runs = board.snapshot()[2:]
    outcomes.expect(not held_cancel, "cancelled-while-running", "cancel() of the running "
                                                                "future returned True",
                    "refused")
    for index, (was_running, cancelled, state, ran) in enumerate(
            zip(running, cancels, states, runs)):
        if not cancelled:
            outcomes.observe("refused")
            continue
        outcomes.expect(not was_running, "cancelled-while-running",
                        f"future {index} reported running() and then cancel() True",
                        "cancelled")
        outcomes.expect(state == (True, True, True), "wrong-state",
                        f"future {index}: cancelled, done, cancel() again: {state}",
                        "cancelled")
        outcomes.expect(ran == 0, "cancelled-ran", f"future {index} was cancelled and ran "
                                                   f"{ran} times", "cancelled")
    outcomes.expect(any(cancels), "none-cancellable", f"cancel() of four futures behind one "
                                                      f"running: {cancels}", "cancelled")
    outcomes.expect(not any(finished_cancel), "cancelled-while-running",
                    f"cancel() of finished futures: {finished_cancel}", "refused")
    outcomes.verdict()


def await_queued(workers, queued):
    """Wait (bounded) until the futures that fit in the call queue behind one running call
    report running(): CPython moves max_workers + 1 calls into it (EXTRA_QUEUED_CALLS), and
    from then on the executor moves no more until a worker takes one."""
    end = time.monotonic() + workers.s.deadline
    while not all(f.running() for f in queued):
        if time.monotonic() > end:
            raise workers.stuck(f"{sum(not f.running() for f in queued)} of {len(queued)} "
                                f"futures never moved into the call queue", "the call queue")
        time.sleep(0.001)
    time.sleep(QUEUE_SETTLING)  # only widens the window: the queue is filled in one pass


SHUTDOWNS = OutcomeTable(
    unit="shutdowns",
    acceptable={"as-documented": "as documented"},
    forbidden={"returned-early": "shutdown(wait=True) or the with block returned before every "
                                 "pending future finished",
               "lost-work": "a future pending at shutdown(wait=False) never finished, or ended "
                            "otherwise",
               "running-cancelled": "cancel_futures=True cancelled a running future",
               "none-cancelled": "cancel_futures=True cancelled no future still waiting",
               "cancelled-ran": "a future cancelled by shutdown ran anyway"},
)


def test_shutdown_waits_or_cancels_as_asked(target):
    """Leaving a with block (shutdown(wait=True)) returns only after every pending future has
    finished; shutdown(wait=False) returns at once and the pending futures still finish;
    cancel_futures=True cancels the futures still waiting while running ones finish; after
    shutdown, submit() and map() raise RuntimeError and shutdown() may be called again.

    Docs: concurrent.futures — Executor Objects (shutdown: "If wait is True then this method
    will not return until all the pending futures are done executing ... If cancel_futures is
    True, this method will cancel all pending futures that the executor has not started
    running"; "Calls to Executor.submit() and Executor.map() made after shutdown will raise
    RuntimeError"; "You can avoid having to call this method explicitly if you use the with
    statement").
    Promises: CF-31, CF-32, CF-33, CF-34.
    """
    outcomes = SHUTDOWNS.counter()
    with target.scenario() as s:
        board = s.board(12)
        with pools.executor(s, max_workers=1) as (executor, workers):
            with judged("entering the executor's with block"):
                entered = executor.__enter__()
            submitted = [entered.submit(tasks.hold, board, 0, 1, s.deadline),
                         *(entered.submit(tasks.value_of, i) for i in range(2))]
            await_board(s, board, 0, what="the held task to start")
            leaving = pools.Background(lambda: executor.__exit__(None, None, None))
            returned_while_held = leaving.wait(WAIT_WINDOW)  # only widens the window
            board[1] = 1
            with judged("leaving the executor's with block"):
                pools.finish(workers, "leaving the executor's with block", leaving)
            done = [f.done() for f in submitted]
            expect_raises(RuntimeError, lambda: executor.submit(tasks.value_of, 1),
                          "submit() after shutdown")
            expect_raises(RuntimeError, lambda: executor.map(tasks.value_of, [1]),
                          "map() after shutdown")
            call(workers, "a second shutdown()", executor.shutdown)
        outcomes.expect(not returned_while_held and all(done), "returned-early",
                        f"the with block returned while a task was held: "
                        f"{returned_while_held}; done after it: {done}", "as-documented")
        with pools.executor(s, max_workers=1) as (executor, workers):
            held = executor.submit(tasks.hold, board, 2, 3, s.deadline, 7)
            await_board(s, board, 2, what="the held task to start")
            pending = [held, *(executor.submit(tasks.value_of, i) for i in range(2))]
            call(workers, "shutdown(wait=False)", lambda: executor.shutdown(wait=False))
            board[3] = 1
            pools.await_done(workers, "futures pending at shutdown(wait=False)", pending)
            ends = [outcome_of(f) for f in pending]
        wanted = [("value", tasks.value_of(i)) for i in (7, 0, 1)]
        outcomes.expect(ends == wanted, "lost-work", f"futures pending at shutdown(wait=False) "
                                                     f"ended {ends}", "as-documented")
        with pools.executor(s, max_workers=1) as (executor, workers):
            held = executor.submit(tasks.hold, board, 4, 5, s.deadline, 7)
            await_board(s, board, 4, what="the held task to start")
            waiting = [executor.submit(tasks.maybe_fail, board, 6 + i, False) for i in range(4)]
            await_queued(workers, waiting[:2])
            call(workers, "shutdown(wait=False, cancel_futures=True)",
                 lambda: executor.shutdown(wait=False, cancel_futures=True))
            board[5] = 1
            pools.await_done(workers, "futures at shutdown(cancel_futures=True)",
                             [held, *waiting])
            held_end = outcome_of(held)
            ends = [outcome_of(f) for f in waiting]
            # A cancelled call that runs anyway runs after the calls ahead of it: counted once
            # the workers, shut down, have run every call sent to them and exited.
            await_workers_gone(workers)
            runs = board.snapshot()[6:10]
    outcomes.expect(held_end == ("value", tasks.value_of(7)), "running-cancelled",
                    f"the running future ended {held_end}", "as-documented")
    outcomes.expect(("cancelled",) in ends, "none-cancelled",
                    f"futures behind the running one ended {ends}", "as-documented")
    for index, (end, ran) in enumerate(zip(ends, runs)):
        if end == ("cancelled",):
            outcomes.expect(ran == 0, "cancelled-ran", f"future {index} was cancelled and ran",
                            "as-documented")
    outcomes.verdict()


def await_workers_gone(workers):
    """Wait (bounded) until the workers of an executor that was shut down have exited; only
    widens the window of what is read next, so workers that never exit are not judged here."""
    end = time.monotonic() + workers.s.deadline
    while workers.alive() and time.monotonic() < end:
        time.sleep(0.005)


class CallbackLog(logging.Handler):
    """Collects what concurrent.futures logs about callbacks that raised."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records = []

    def emit(self, record):
        self.records.append(record.getMessage())


FUTURES = OutcomeTable(
    unit="looks at futures",
    acceptable={"as-documented": "as documented"},
    forbidden={"not-timed-out": "a timed wait on a running future did not raise TimeoutError",
               "wrong-state": "exception() of a successful future was not None",
               "wrong-callback-thread": "a done callback ran in the wrong thread or not once",
               "callback-error-escaped": "a callback's exception escaped or was not logged",
               "wrong-completion": "as_completed() or wait() reported the futures wrongly"},
)


def test_futures_time_out_and_report_their_completion(target):
    """result(t) and exception(t) of a running future raise TimeoutError no earlier than t, and
    exception() of a successful one is None; a done callback added before completion runs once
    in another thread, one added after runs at once in the caller's, and one that raises is
    logged and ignored; as_completed() yields finished futures first and raises TimeoutError,
    wait() returns the partial sets without raising, then everything once all finished; a
    finished future refuses set_result() with InvalidStateError.

    Docs: concurrent.futures — Future Objects (result, exception: "If the call hasn't yet
    completed then this method will wait up to timeout seconds ... a TimeoutError will be
    raised"; add_done_callback: "Added callables are called in the order that they were added
    and are always called in a thread belonging to the process that added them. If the callable
    raises an Exception subclass, it will be logged and ignored ... If the future has already
    completed or been cancelled, fn will be called immediately"; set_result: "raises
    concurrent.futures.InvalidStateError if the Future is already done"); Module Functions
    (wait, as_completed).
    Promises: CF-28, CF-29, CF-30, CF-35, CF-36.
    """
    outcomes = FUTURES.counter()
    main = threading.get_ident()
    callbacks = []
    log = CallbackLog()
    logger = logging.getLogger("concurrent.futures")
    logger.addHandler(log)
    try:
        with target.scenario() as s:
            board = s.board(2)
            with pools.executor(s, max_workers=2) as (executor, workers):
                held = executor.submit(tasks.hold, board, 0, 1, s.deadline, 3)
                await_board(s, board, 0, what="the held task to start")
                quick = executor.submit(tasks.value_of, 2)
                pools.await_done(workers, "a quick task", [quick])
                waits, timed_waits = [], []
                for what, wait in (("result", held.result), ("exception", held.exception)):
                    started = time.monotonic()
                    try:
                        ended = f"returned {wait(TIMEOUT)!r}"
                    except futures.TimeoutError:
                        ended = None
                        waits.append((what, time.monotonic() - started))
                    except Exception as exc:  # judged below
                        ended = f"raised {type(exc).__name__}: {exc}"
                    timed_waits.append((what, ended))
                held.add_done_callback(lambda f: callbacks.append(("before", threading.get_ident())))
                held.add_done_callback(raising_callback)
                with judged("add_done_callback() to a finished future"):
                    quick.add_done_callback(
                        lambda f: callbacks.append(("after", threading.get_ident())))
                    quick.add_done_callback(raising_callback)
                after_added = list(callbacks)
                started = time.monotonic()
                completed = []
                try:
                    for future in futures.as_completed([held, quick], timeout=TIMEOUT):
                        completed.append(future)
                except futures.TimeoutError:
                    completed.append("timed out")
                waits.append(("as_completed", time.monotonic() - started))
                partial = futures.wait([held, quick], timeout=TIMEOUT)
                first = futures.wait([held, quick], timeout=TIMEOUT,
                                     return_when=futures.FIRST_COMPLETED)
                board[1] = 1
                pools.await_done(workers, "the held task", [held])
                everything = futures.wait([held, quick], timeout=s.deadline)
                flowed = []
                try:
                    flowed.extend(futures.as_completed([held, quick], timeout=s.deadline))
                except futures.TimeoutError:
                    flowed.append("timed out")
                quick_exception = quick.exception(0)
                expect_raises(futures.InvalidStateError, lambda: quick.set_result(0),
                              "set_result() of a finished future")
            before_runs = [thread for when, thread in callbacks if when == "before"]
    finally:
        logger.removeHandler(log)
    for what, waited in waits:
        never_early(waited, TIMEOUT, f"{what}(timeout={TIMEOUT})")
    for what, ended in timed_waits:
        outcomes.expect(ended is None, "not-timed-out", f"{what}({TIMEOUT}) of a running "
                                                        f"future {ended}", "as-documented")
    outcomes.expect(quick_exception is None, "wrong-state",
                    f"exception() of a successful future: {quick_exception!r}", "as-documented")
    outcomes.expect(("after", main) in after_added, "wrong-callback-thread",
                    f"callbacks run by the time add_done_callback() returned: {after_added}",
                    "as-documented")
    outcomes.expect(len(before_runs) == 1 and before_runs[0] != main, "wrong-callback-thread",
                    f"the callback added before completion ran in threads {before_runs} (main "
                    f"{main})", "as-documented")
    outcomes.expect(len(log.records) == 2, "callback-error-escaped",
                    f"logged for the raising callbacks: {log.records}", "as-documented")
    outcomes.expect(completed == [quick, "timed out"], "wrong-completion",
                    f"as_completed() with the held future: {completed}", "as-documented")
    outcomes.expect((partial.done, partial.not_done) == ({quick}, {held}) and
                    first.done == {quick}, "wrong-completion",
                    f"wait() while one was held: {partial}, FIRST_COMPLETED: {first}",
                    "as-documented")
    outcomes.expect(everything.done == {held, quick} and set(flowed) == {held, quick} and
                    len(flowed) == 2, "wrong-completion",
                    f"once both finished: wait() {everything}, as_completed() {flowed}",
                    "as-documented")
    outcomes.verdict()


def raising_callback(future):
    raise RuntimeError("a done callback that raises")


WORKERS = OutcomeTable(
    unit="an executor's workers",
    acceptable={"as-documented": "as documented"},
    forbidden={"wrong-start": "the workers did not start as the start method requires",
               "wrong-size": "max_workers=None did not mean one worker per usable CPU",
               "wrong-context": "a worker was not started by the given context",
               "child-refused": "a task could not start a process (a daemonic worker)"},
)

def default_workers():
    """max_workers=None: concurrent.futures — ProcessPoolExecutor ("it will default to
    os.process_cpu_count()", os.cpu_count() before 3.13; "On Windows, max_workers must be less
    than or equal to 61 ... the default chosen will be at most 61")."""
    count = getattr(os, "process_cpu_count", os.cpu_count)() or 1
    return min(count, 61) if sys.platform == "win32" else count


# With fork every worker starts at the first submit(); with spawn and forkserver one starts at
# each submit() that finds none idle: CPython's ProcessPoolExecutor (gh-90622).
STARTED_AT_FIRST_SUBMIT = {"fork": "all", "spawn": 1, "forkserver": 1}


def test_workers_start_as_the_start_method_requires(target):
    """max_workers < 1 is refused with ValueError and None means one worker per CPU the process
    may use; with fork every worker starts at the first submit(), with spawn and forkserver one
    at a time; workers are the context's processes and are not daemonic, so a task can start a
    process.

    Docs: concurrent.futures — ProcessPoolExecutor ("If max_workers is None or not given, it
    will default to os.process_cpu_count() ... If max_workers is less than or equal to 0, then a
    ValueError will be raised"; mp_context: "a multiprocessing context ... used to launch the
    workers").  Worker start-up and their daemon flag are CPython's
    concurrent.futures.process.
    Promises: CF-1, CF-2, CF-3, CF-5, CF-37.
    """
    outcomes = WORKERS.counter()
    size = default_workers()
    prefix = f"{type(target.ctx.Process(target=None)).__name__}-"
    with target.scenario() as s:
        for workers_wanted in (0, -1):
            expect_raises(ValueError, lambda: refused(s, max_workers=workers_wanted),
                          f"ProcessPoolExecutor(max_workers={workers_wanted})")
        board = s.board(size + 2)
        with pools.executor(s) as (executor, workers):
            held = [executor.submit(tasks.hold, board, 0, size + 1, s.deadline)]
            at_first_submit = len(workers.alive())
            held += [executor.submit(tasks.hold, board, i, size + 1, s.deadline)
                     for i in range(1, size)]
            for i in range(size):
                await_board(s, board, i, what=f"{size} tasks to run at once")
            running = workers.alive()
            board[size + 1] = 1
            pools.await_done(workers, "the held tasks", held)
            started_child = executor.submit(tasks.start_a_process, target.module.__name__,
                                            target.method)
            pools.await_done(workers, "a task that starts a process", [started_child])
            child_end = outcome_of(started_child)
    wanted = STARTED_AT_FIRST_SUBMIT[target.method]
    outcomes.expect(at_first_submit == (size if wanted == "all" else wanted), "wrong-start",
                    f"{at_first_submit} workers after the first submit() (max_workers {size})",
                    "as-documented")
    outcomes.expect(len(running) == size, "wrong-size",
                    f"{len(running)} workers ran {size} held tasks ({size} CPUs)",
                    "as-documented")
    for worker in running:
        outcomes.expect(worker.name.startswith(prefix), "wrong-context",
                        f"worker {worker.name}, expected {prefix}N", "as-documented")
    outcomes.expect(child_end == ("value", 0), "child-refused",
                    f"a task that starts a process ended {child_end}", "as-documented")
    outcomes.verdict()


DEFAULTS_PROGRAM = """
import importlib, json, sys
import multiprocessing
from conformance.actors import executor as actors
from conformance.harness.pools import executor_factory

if __name__ == "__main__":
    impl, deadline, method = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    make = executor_factory(importlib.import_module(impl).get_context(method))
    seen = {"before": multiprocessing.get_start_method(allow_none=True)}
    # The plain executor first: starting any spawn process (the retiring worker) fixes the
    # default start method itself, which would hide an executor that does not.
    with make(max_workers=1, mp_context=None) as plain:
        seen["fixed"] = multiprocessing.get_start_method(allow_none=True)
        try:
            multiprocessing.set_start_method("spawn")
        except RuntimeError:
            seen["set_start_method"] = "RuntimeError"
        else:
            seen["set_start_method"] = "returned"
    try:
        with make(max_workers=1, max_tasks_per_child=1, mp_context=None) as retiring:
            seen["retiring_worker"] = retiring.submit(actors.worker_name).result(deadline)
    except Exception as exc:
        seen["retiring_worker"] = type(exc).__name__
    print(json.dumps(seen))
"""

DEFAULTS = OutcomeTable(
    unit="executors made without a context",
    acceptable={"as-documented": "as documented"},
    forbidden={"not-spawn": "with max_tasks_per_child and no context, a worker was not a spawn "
                            "process",
               "not-fixed": "an executor made without a context left the default start method "
                            "unset, or settable"},
)


@pytest.mark.requires("max_tasks_per_child")
def test_an_executor_without_a_context_uses_and_fixes_the_default(target, tmp_path):
    """An executor made without mp_context uses the default context, which fixes the global
    start method (set_start_method() then raises RuntimeError), except that with
    max_tasks_per_child it uses spawn.

    Docs: concurrent.futures — ProcessPoolExecutor (mp_context: "If mp_context is None or not
    given, the default multiprocessing context is used"; max_tasks_per_child: "When a
    max_tasks_per_child is specified and mp_context is None, the 'spawn' start method is used
    by default"); multiprocessing — Contexts and start methods (set_start_method "should not be
    used more than once in the program").  Run in a fresh interpreter: it fixes global state.
    Promises: CF-3, CF-4, CF-10.
    """
    script = tmp_path / "program.py"
    script.write_text(DEFAULTS_PROGRAM)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    done = subprocess.run([sys.executable, str(script), target.module.__name__,
                           str(target.deadline), target.method], cwd=str(tmp_path), env=env,
                          capture_output=True, text=True, timeout=4 * target.deadline + 30)
    assert done.returncode == 0, f"the program failed:\n{done.stdout}{done.stderr}"
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    outcomes = DEFAULTS.counter()
    outcomes.expect(str(seen["retiring_worker"]).startswith("SpawnProcess-"), "not-spawn",
                    f"the worker of ProcessPoolExecutor(max_tasks_per_child=1): "
                    f"{seen['retiring_worker']}", "as-documented")
    outcomes.expect(seen["before"] is None and seen["fixed"] is not None and
                    seen["set_start_method"] == "RuntimeError", "not-fixed",
                    f"default start method before {seen['before']!r}, after "
                    f"{seen['fixed']!r}; set_start_method() then {seen['set_start_method']}",
                    "as-documented")
    outcomes.verdict()
