"""Pool: results complete and in order where promised, exactly once where not; callbacks in the
parent; initializers and worker replacement; AsyncResult states; close, join, terminate and the
with statement; what a dead worker or a failing initializer does to a pool.

Docs: multiprocessing — Process Pools (Pool, AsyncResult); Programming guidelines; The
multiprocessing.dummy module (ThreadPool).

Every pool comes from ``ctx.Pool`` (``--mp-impl`` vets a drop-in's pool, such as billiard's) and
is made with ``conformance.harness.pools.pool``: its blocking calls are bounded (a pool that
deadlocks fails as ``Stuck`` naming the results that never arrived and the workers' pids), and it
is terminated and its workers killed whatever happens.  Native provider only.
"""

import contextlib
import functools
import gc
import os
import pickle
import sys
import threading
import time
import types
import warnings
import weakref
from collections import Counter

import pytest
from hypothesis import example
from hypothesis import strategies as st

from conformance.actors import pool as actors
from conformance.harness import pools
from conformance.harness.processes import await_board
from conformance.harness.scenario import KILL_WAIT
from conformance.harness.waiting import await_condition
from conformance.invariants import invariant
from conformance.judge import OutcomeTable, Stuck, expect_raises, judged
from conformance.judge.timing import never_early
from conformance.strategies import process_counts, sized

TIMEOUT = 0.05  # seconds of the timed waits that must time out


def call(workers, what, function):
    """A blocking call under test: bounded by the deadline, and judged (it must not raise)."""
    __tracebackhide__ = True
    with judged(what):
        return pools.bounded(workers, what, function)


def default_size():
    """Pool(processes=None) starts os.process_cpu_count() workers (Python 3.13+), before that
    os.cpu_count(): multiprocessing — Process Pools (Pool: "If processes is None then the
    number returned by os.process_cpu_count() is used"; changed in 3.13)."""
    return getattr(os, "process_cpu_count", os.cpu_count)() or 1


RESULTS = OutcomeTable(
    unit="results of map-like calls",
    acceptable={"in-order": "every result, in input order",
                "each-once": "every result exactly once (imap_unordered)",
                "computed-once": "the item was computed exactly once"},
    forbidden={"out-of-order": "every result, but not in input order",
               "missing": "a result never came",
               "extra": "a result came twice, or one that was never asked for",
               "computed-twice": "an item was computed more than once",
               "never-computed": "an item was never computed"},
)

MAP_CALLS = ("map", "map over a generator", "starmap", "imap", "imap_unordered",
             "map_async", "starmap_async")


@st.composite
def map_programs(draw):
    """Workers (one makes imap_unordered ordered), items and a chunk size (None: default)."""
    return {"workers": draw(process_counts(1, 3)), "items": draw(sized(2, 40)),
            "chunksize": draw(st.none() | st.integers(1, 8))}


def judge_results(outcomes, what, got, expected, ordered):
    missing = Counter(expected) - Counter(got)
    extra = Counter(got) - Counter(expected)
    if missing:
        outcomes.observe("missing", f"{what}: {sum(missing.values())} of {len(expected)} "
                                    f"results missing, e.g. {sorted(missing)[:5]}")
    if extra:
        outcomes.observe("extra", f"{what}: extra results {sorted(extra)[:5]}")
    if not missing and not extra:
        outcomes.expect(got == expected or not ordered, "out-of-order",
                        f"{what}: results in the order {got[:12]}...", "in-order"
                        if ordered else "each-once")


@invariant(program=map_programs())
@example(program={"workers": 1, "items": 300, "chunksize": 7})
def test_map_calls_return_every_result_in_order(target, program):
    """map(), starmap(), imap() and their async forms return func's result for every item, in
    input order, for every chunk size (an iterable without len() included, an empty one gives
    []); imap_unordered() yields every result exactly once (in input order with one worker);
    each item is computed exactly once.

    Docs: multiprocessing — Process Pools (map: "A parallel equivalent of the map() built-in
    function ... It blocks until the result is ready. This method chops the iterable into a
    number of chunks"; imap: "A lazier version of map()"; imap_unordered: "the ordering of the
    results from the returned iterator should be considered arbitrary. (Only when there is only
    one worker process is the order guaranteed to be 'correct'.)"; starmap; map_async).
    Promises: POOL-8, POOL-9, POOL-10, POOL-12, POOL-13, POOL-14.
    """
    n, chunksize, workers_wanted = program["items"], program["chunksize"], program["workers"]
    expected = [actors.value_of(x) for x in range(n)]
    pairs = [(x, x % 5) for x in range(n)]
    expected_pairs = [actors.value_of(x) - y for x, y in pairs]
    outcomes = RESULTS.counter()
    with target.scenario() as s:
        board = s.board(len(MAP_CALLS) * n)
        with pools.pool(s, workers_wanted) as (pool, workers):
            task = [functools.partial(actors.compute, board, i * n) for i in range(len(MAP_CALLS))]
            pair_task = functools.partial(actors.compute_pair, board, 2 * n)
            got = {
                "map": call(workers, "Pool.map", lambda: pool.map(task[0], range(n), chunksize)),
                "map over a generator": call(workers, "Pool.map", lambda: pool.map(
                    task[1], (x for x in range(n)), chunksize)),
                "starmap": call(workers, "Pool.starmap",
                                lambda: pool.starmap(pair_task, pairs, chunksize)),
                "imap": call(workers, "Pool.imap",
                             lambda: list(pool.imap(task[3], range(n), chunksize or 1))),
                "imap_unordered": call(workers, "Pool.imap_unordered", lambda: list(
                    pool.imap_unordered(task[4], range(n), chunksize or 1))),
                "map_async": call(workers, "Pool.map_async", lambda: pool.map_async(
                    task[5], range(n), chunksize).get(s.deadline)),
                "starmap_async": call(workers, "Pool.starmap_async", lambda: pool.starmap_async(
                    functools.partial(actors.compute_pair, board, 6 * n), pairs,
                    chunksize).get(s.deadline)),
            }
            empty = call(workers, "Pool.map", lambda: pool.map(task[0], []))
        counts = board.snapshot()
    for what in MAP_CALLS:
        wanted = expected_pairs if what.startswith("starmap") else expected
        judge_results(outcomes, f"{what} (chunksize {chunksize})", list(got[what]), wanted,
                      ordered=what != "imap_unordered" or workers_wanted == 1)
    judge_results(outcomes, "map over []", list(empty), [], ordered=True)
    for index, what in enumerate(MAP_CALLS):
        for x in range(n):
            runs = counts[index * n + x]
            if runs != 1:
                outcomes.observe("computed-twice" if runs > 1 else "never-computed",
                                 f"{what}: item {x} computed {runs} times")
            else:
                outcomes.observe("computed-once")
    outcomes.verdict()


CALLBACKS = OutcomeTable(
    unit="tasks and their callbacks",
    acceptable={"as-documented": "the callback, the error callback or get() did as documented"},
    forbidden={"callback-count": "a callback ran more or less than once, or with another value",
               "wrong-callback": "callback ran for a failed task, or error_callback for one "
                                 "that succeeded",
               "main-thread": "a callback ran in the main thread",
               "ready-before-callback": "the result was ready before its callback ran",
               "wrong-exception": "get() did not re-raise the task's exception with the "
                                  "worker's traceback as its cause",
               "ready-early": "map_async's result was ready before every chunk had run"},
)


@invariant(fails=st.lists(st.booleans(), min_size=2, max_size=10), chunksize=st.integers(1, 3))
@example(fails=[False, True, True, False, True], chunksize=1)
def test_callbacks_run_once_in_the_parent_before_results_are_ready(target, fails, chunksize):
    """apply_async() calls callback with the result, or error_callback with the exception, once
    per task, in a thread of the parent other than the main one, before the result is ready;
    get() and apply() re-raise the task's exception (its type and args) with the worker's
    traceback as its cause; map_async() with several failing chunks calls error_callback once
    and is ready only after every chunk has run.

    Docs: multiprocessing — Process Pools (apply_async: "If callback is specified then it should
    be a callable which accepts a single argument. When the result becomes ready callback is
    applied to it ... If error_callback is specified ... it is called with the exception
    instance ... Callbacks should complete immediately since otherwise the thread which handles
    the results will get blocked"; AsyncResult.get: "If the remote call raised an exception then
    that exception will be reraised by get()"; apply).
    Promises: POOL-19, POOL-22, POOL-23, POOL-24, POOL-25.
    """
    n = len(fails)
    failing = frozenset(i for i, fail in enumerate(fails) if fail)
    outcomes = CALLBACKS.counter()
    calls = []
    results = {}
    submitted = threading.Event()
    main_thread = threading.main_thread().ident

    def note(kind, key, argument):
        submitted.wait(30)
        calls.append((kind, key, argument, threading.get_ident(), results[key].ready()))

    with target.scenario() as s:
        board = s.board(2 * n)
        with pools.pool(s, 1) as (pool, workers):
            for i in range(n):
                results[i] = pool.apply_async(
                    actors.maybe_fail, (board, i, i in failing),
                    callback=functools.partial(note, "callback", i),
                    error_callback=functools.partial(note, "error_callback", i))
            results["map"] = pool.map_async(
                functools.partial(actors.fail_some, board, n, failing), range(n), chunksize,
                callback=functools.partial(note, "callback", "map"),
                error_callback=functools.partial(note, "error_callback", "map"))
            submitted.set()
            pools.await_done(workers, "Pool.apply_async and map_async", list(results.values()))
            raised = {}
            for i in failing:
                try:
                    results[i].get(0)
                except actors.TaskFailed as exc:
                    raised[i] = exc
            applied = call(workers, "Pool.apply", lambda: pool.apply(
                actors.maybe_fail, (board,), {"index": n - 1, "fail": False}))
            expect_raises(actors.TaskFailed, lambda: pool.apply(actors.maybe_fail,
                                                               (board, 0, True)),
                          "apply() of a failing task")
        map_runs = board.snapshot()[n:]
    for key in [*range(n), "map"]:
        mine = [c for c in calls if c[1] == key]
        wanted_kind = "error_callback" if (key in failing or key == "map" and failing) else \
            "callback"
        outcomes.expect(len(mine) == 1, "callback-count", f"task {key}: callbacks {mine}",
                        "as-documented")
        for kind, _, argument, thread, ready in mine:
            outcomes.expect(kind == wanted_kind, "wrong-callback",
                            f"task {key}: {kind}({argument!r})", "as-documented")
            outcomes.expect(thread != main_thread, "main-thread",
                            f"task {key}: {kind} ran in the main thread", "as-documented")
            outcomes.expect(not ready, "ready-before-callback",
                            f"task {key}: ready() was True inside {kind}", "as-documented")
            if kind == "callback" and key != "map":
                outcomes.expect(argument == actors.value_of(key), "callback-count",
                                f"task {key}: callback({argument!r})", "as-documented")
            if kind == "error_callback":
                outcomes.expect(isinstance(argument, actors.TaskFailed) and (
                    key == "map" and argument.args[0] in failing or argument.args == (key,)),
                    "wrong-callback", f"task {key}: error_callback({argument!r})",
                    "as-documented")
    for i, exc in raised.items():
        cause = exc.__cause__
        outcomes.expect(exc.args == (i,) and type(cause).__name__ == "RemoteTraceback" and
                        "maybe_fail" in str(cause), "wrong-exception",
                        f"task {i}: get() raised {exc!r} caused by {type(cause).__name__}",
                        "as-documented")
    outcomes.expect(len(raised) == len(failing), "wrong-exception",
                    f"get() re-raised TaskFailed for {sorted(raised)} of {sorted(failing)}",
                    "as-documented")
    outcomes.expect(applied == actors.value_of(n - 1), "callback-count",
                    f"apply() returned {applied!r}", "as-documented")
    first_of_chunks = map_runs[::chunksize]  # a failing item ends its chunk
    outcomes.expect(all(runs == 1 for runs in first_of_chunks), "ready-early",
                    f"map_async (chunksize {chunksize}) was ready with item runs {map_runs}",
                    "as-documented")
    outcomes.verdict()


WORKER_LIVES = OutcomeTable(
    unit="tasks and the workers that ran them",
    acceptable={"initialized-once": "the worker had run the initializer exactly once",
                "within-limit": "the worker had run at most maxtasksperchild tasks"},
    forbidden={"initializer-repeated": "the worker had run the initializer more than once",
               "task-before-initializer": "the task ran in a worker that had not run the "
                                          "initializer",
               "overstayed": "a worker ran more tasks than maxtasksperchild"},
)


@invariant(workers=process_counts(1, 3), maxtasks=st.none() | st.integers(1, 3),
           tasks=sized(2, 6))
@example(workers=1, maxtasks=2, tasks=6)
def test_initializer_runs_once_per_worker_and_workers_retire_after_maxtasks(
        target, workers, maxtasks, tasks):
    """Each worker runs initializer(*initargs) once, when it starts and before any task, and a
    worker that has run maxtasksperchild tasks exits and is replaced by a fresh one that runs the
    initializer again.

    Docs: multiprocessing — Process Pools (Pool: "If initializer is not None then each worker
    process will call initializer(*initargs) when it starts. maxtasksperchild is the number of
    tasks a worker process can complete before it will exit and be replaced with a fresh worker
    process").
    Promises: POOL-4, POOL-5.
    """
    outcomes = WORKER_LIVES.counter()
    with target.scenario() as s:
        with pools.pool(s, workers, initializer=actors.initialize,
                        maxtasksperchild=maxtasks) as (pool, watched):
            results = [pool.apply_async(actors.record, (i,)) for i in range(tasks)]
            pools.await_done(watched, "Pool.apply_async", results)
            records = [result.get(0) for result in results]
    for index, pid, initialized, done in records:
        if initialized != 1:
            outcomes.observe("initializer-repeated" if initialized > 1 else
                             "task-before-initializer",
                             f"task {index} ran in worker {pid} after {initialized} "
                             f"initializer runs there")
        else:
            outcomes.observe("initialized-once")
        if maxtasks is not None:
            outcomes.expect(done <= maxtasks, "overstayed", f"task {index} was task {done} of "
                            f"worker {pid} (maxtasksperchild={maxtasks})", "within-limit")
    outcomes.verdict()


STATES = OutcomeTable(
    unit="looks at an AsyncResult",
    acceptable={"as-documented": "ready(), successful(), wait() and get() as documented"},
    forbidden={"ready-early": "ready() True before the task finished",
               "wrong-result": "get() returned another value, or ready() or successful() were "
                               "wrong once the task finished"},
)


def test_async_results_report_their_state_until_the_task_finishes(target):
    """Until its task finishes, an AsyncResult is not ready(), successful() raises ValueError,
    wait(t) returns None and get(t) raises multiprocessing.TimeoutError, each no earlier than t;
    afterwards get() returns the value, ready() is True and successful() says whether the task
    raised.

    Docs: multiprocessing — Process Pools (AsyncResult.get: "If timeout is not None and the
    result does not arrive within timeout seconds then multiprocessing.TimeoutError is raised";
    wait; ready; successful: "If the result is not ready, ValueError is raised").
    Promises: POOL-20, POOL-21.
    """
    outcomes = STATES.counter()
    with target.scenario() as s:
        board = s.board(4)
        with pools.pool(s, 2) as (pool, workers):
            held = pool.apply_async(actors.hold, (board, 0, 1, s.deadline, 5))
            await_board(s, board, 0, what="the held task to start")
            outcomes.expect(not held.ready(), "ready-early", "ready() True while the task was "
                                                             "held", "as-documented")
            expect_raises(ValueError, held.successful, "successful() of a result not ready")
            started = time.monotonic()
            with judged(f"wait({TIMEOUT})"):
                waited_result = held.wait(TIMEOUT)
            never_early(time.monotonic() - started, TIMEOUT, f"AsyncResult.wait({TIMEOUT})")
            started = time.monotonic()
            expect_raises(target.ctx.TimeoutError, lambda: held.get(TIMEOUT),
                          f"get({TIMEOUT}) of a result not ready")
            never_early(time.monotonic() - started, TIMEOUT, f"AsyncResult.get({TIMEOUT})")
            failed = pool.apply_async(actors.maybe_fail, (board, 2, True))
            board[1] = 1
            pools.await_done(workers, "Pool.apply_async", [held, failed])
            with judged("get() of a finished task"):
                value = held.get(0)
            states = (held.ready(), held.successful(), failed.ready(), failed.successful())
    outcomes.expect(waited_result is None, "wrong-result", f"wait({TIMEOUT}) returned "
                                                           f"{waited_result!r}", "as-documented")
    outcomes.expect(value == actors.value_of(5) and states == (True, True, True, False),
                    "wrong-result", f"get() {value!r}; ready, successful, and for a failed "
                                    f"task: {states}", "as-documented")
    outcomes.verdict()


IMAP_STEPS = (("value", 0), ("fail", 1), ("value", 2), ("block", 3), ("value", 4))
ITERATION = OutcomeTable(
    unit="steps of an imap() iterator",
    acceptable={"as-documented": "the step yielded, raised or timed out as documented"},
    forbidden={"wrong-value": "next() yielded another value, or another exception",
               "stopped-after-error": "the iterator ended after a failing item",
               "not-timed-out": "next(timeout) did not raise TimeoutError while the result was "
                                "not there",
               "not-exhausted": "the iterator went on after the last item"},
)


def next_step(steps, timeout, timeout_error):
    """What ``steps.next(timeout)`` did, as data."""
    try:
        return ("value", steps.next(timeout))
    except StopIteration:
        return ("stopped",)
    except timeout_error:
        return ("timed-out",)
    except actors.TaskFailed as exc:
        return ("raised", exc.args)
    except Exception as exc:  # judged: the parent compares every step with the plan
        return ("raised", type(exc).__name__)


def test_imap_times_out_and_goes_on_after_a_failing_item(target):
    """With chunksize 1, imap()'s next(timeout) raises multiprocessing.TimeoutError (no earlier
    than the timeout) while the next result is not there and the iterator stays usable; a
    failing item raises its exception at its position and the following results still come.

    Docs: multiprocessing — Process Pools (imap: "if chunksize is 1 then the next() method of
    the iterator returned by the imap() method has an optional timeout parameter: next(timeout)
    will raise multiprocessing.TimeoutError if the result cannot be returned within timeout
    seconds").
    Promises: POOL-16, POOL-17.
    """
    outcomes = ITERATION.counter()
    wanted = [("value", actors.value_of(0)), ("raised", (1,)), ("value", actors.value_of(2)),
              ("timed-out",), ("value", actors.value_of(3)), ("value", actors.value_of(4)),
              ("stopped",)]
    with target.scenario() as s:
        board = s.board(1)
        with pools.pool(s, 2) as (pool, workers):
            steps = pool.imap(functools.partial(actors.step, board, 0, s.deadline), IMAP_STEPS)
            seen = [next_step(steps, s.deadline, target.ctx.TimeoutError) for _ in range(3)]
            started = time.monotonic()
            seen.append(next_step(steps, TIMEOUT, target.ctx.TimeoutError))
            waited = time.monotonic() - started
            board[0] = 1
            seen += [next_step(steps, s.deadline, target.ctx.TimeoutError) for _ in range(3)]
    for index, (got, expected) in enumerate(zip(seen, wanted)):
        if got == expected:
            outcomes.observe("as-documented")
        elif got == ("stopped",):
            outcomes.observe("stopped-after-error", f"step {index}: the iterator ended, "
                                                    f"expected {expected}")
        elif expected == ("timed-out",):
            outcomes.observe("not-timed-out", f"next({TIMEOUT}) at the held item: {got}")
        elif expected == ("stopped",):
            outcomes.observe("not-exhausted", f"after the last item: {got}")
        else:
            outcomes.observe("wrong-value", f"step {index}: {got}, expected {expected}")
    outcomes.verdict()
    if seen[3] == ("timed-out",):
        never_early(waited, TIMEOUT, f"IMapIterator.next({TIMEOUT})")


def refused(s, *args, **options):
    """Make a pool that must be refused; if it is not, it is ended like any other."""
    with pools.pool(s, *args, **options):
        return "a pool"


REPR = OutcomeTable(
    unit="looks at a pool and its results",
    acceptable={"as-documented": "as documented"},
    forbidden={"repr-without-state": "repr() did not show the pool's state and size",
               "not-an-async-result": "apply_async() returned no AsyncResult, or AsyncResult "
                                      "cannot be subscripted"},
)


@pytest.mark.requires("pool_module")
def test_pool_arguments_and_misuse_are_refused(target):
    """Pool() refuses processes < 1 with ValueError and a non-callable initializer with
    TypeError; imap() and imap_unordered() refuse chunksize < 1 with ValueError; join() of a running pool raises ValueError; a pool cannot be
    pickled; repr() shows its state and size; apply_async() returns an AsyncResult.

    Docs: multiprocessing — Process Pools (Pool: processes, initializer; join:
    "One must call close() or terminate() before using join()"; "pool objects ... should only be
    used by the process which created the pool"; class multiprocessing.pool.AsyncResult: "The
    class of the result returned by Pool.apply_async() and Pool.map_async()").
    Promises: POOL-2, POOL-3, POOL-15, POOL-36, POOL-39, POOL-41, POOL-43.
    """
    pool_module = target.submodule("pool")
    outcomes = REPR.counter()
    with target.scenario() as s:
        for processes in (0, -1):
            expect_raises(ValueError, lambda: refused(s, processes), f"Pool({processes})")
        expect_raises(TypeError, lambda: refused(s, 1, initializer=3), "Pool(initializer=3)")
        with pools.pool(s, 2) as (pool, workers):
            for name in ("imap", "imap_unordered"):
                expect_raises(ValueError, lambda: getattr(pool, name)(actors.value_of, [1, 2],
                                                                       0),
                              f"{name}(..., chunksize=0)")
            expect_raises(ValueError, pool.join, "join() of a running pool")
            expect_raises(NotImplementedError, lambda: pickle.dumps(pool), "pickle.dumps(pool)")
            shown = repr(pool)
            result = pool.apply_async(actors.value_of, (1,))
            pools.await_done(workers, "Pool.apply_async", [result])
    outcomes.expect("state=RUN" in shown and "pool_size=2" in shown, "repr-without-state",
                    f"repr(pool) {shown}", "as-documented")
    alias = getattr(pool_module, "AsyncResult", None)
    try:
        subscripted = alias is not None and alias[int] is not None
    except TypeError:
        subscripted = False
    outcomes.expect(alias is not None and isinstance(result, alias) and subscripted,
                    "not-an-async-result", f"{pool_module.__name__}.AsyncResult is {alias!r}; "
                                           f"apply_async() returned {type(result).__name__}",
                    "as-documented")
    outcomes.verdict()


def test_pool_refuses_a_maxtasksperchild_that_is_not_a_positive_int(target):
    """Pool() refuses a maxtasksperchild that is not a positive int with ValueError, at
    construction.

    Docs: multiprocessing — Process Pools (Pool: "maxtasksperchild is the number of tasks a
    worker process can complete before it will exit and be replaced with a fresh worker
    process"); CPython checks it at construction from Python 3.10 (before, every worker of such
    a pool dies at start and is replaced endlessly).
    Promises: POOL-3.
    """
    with target.scenario() as s:
        for maxtasks in (-1, "2", 1.5):
            expect_raises(ValueError, lambda: refused(s, 1, maxtasksperchild=maxtasks),
                          f"Pool(maxtasksperchild={maxtasks!r})")


ENDINGS = OutcomeTable(
    unit="ends of a pool",
    acceptable={"as-documented": "the pool ended as documented"},
    forbidden={"join-before-done": "join() returned before every submitted task had finished",
               "workers-alive": "a worker (or a new one) ran after join() or terminate() "
                                "returned",
               "finished-after-terminate": "a task finished although terminate() discarded it"},
)


JOIN_WINDOW = 0.05  # seconds a join() of a pool whose tasks are held is given to return early


def test_close_join_and_terminate_end_a_pool_as_documented(target):
    """After close() a pool refuses new work with ValueError (close() may be repeated), and
    join() returns once every submitted task has finished and the workers have exited;
    terminate() stops the workers at once, outstanding results never become ready, and it may
    be repeated and followed by join().

    Docs: multiprocessing — Process Pools (close: "Prevents any more tasks from being submitted
    to the pool. Once all the tasks have been completed the worker processes will exit";
    terminate: "Stops the worker processes immediately without completing outstanding work";
    join: "Wait for the worker processes to exit. One must call close() or terminate() before
    using join()").
    Promises: POOL-34, POOL-35, POOL-37.
    """
    outcomes = ENDINGS.counter()
    with target.scenario() as s:
        board = s.board(8)
        with pools.pool(s, 2) as (pool, workers):
            held = [pool.apply_async(actors.hold, (board, i, 3, s.deadline, i)) for i in range(3)]
            await_board(s, board, 0, what="the first held task to start")
            with judged("close() twice"):
                pool.close()
                pool.close()
            for name, use in (("apply_async", lambda: pool.apply_async(actors.value_of, (1,))),
                              ("apply", lambda: pool.apply(actors.value_of, (1,))),
                              ("map", lambda: pool.map(actors.value_of, [1])),
                              ("map_async", lambda: pool.map_async(actors.value_of, [1])),
                              ("imap", lambda: pool.imap(actors.value_of, [1])),
                              ("imap_unordered",
                               lambda: pool.imap_unordered(actors.value_of, [1]))):
                expect_raises(ValueError, lambda: pools.bounded(workers, name, use),
                              f"{name}() after close()")
            joining = pools.Background(pool.join)
            joined_while_held = joining.wait(JOIN_WINDOW)  # only widens the window
            board[3] = 1
            with judged("Pool.join after close"):
                pools.finish(workers, "Pool.join after close", joining)
            ready = [r.ready() for r in held]
            closed_pids = [board[i] for i in range(3) if board[i]]
            alive = pools.gone(closed_pids)
        outcomes.expect(not joined_while_held and all(ready), "join-before-done",
                        f"join() returned while the tasks were held: {joined_while_held}; "
                        f"ready after join(): {ready}", "as-documented")
        outcomes.expect(not alive, "workers-alive", f"workers {alive} alive after join()",
                        "as-documented")
        with pools.pool(s, 2) as (pool, workers):
            held = [pool.apply_async(actors.hold, (board, 4 + i, 7, s.deadline, i))
                    for i in range(3)]
            for i in range(2):
                await_board(s, board, 4 + i, what=f"held task {i} to start")
            call(workers, "Pool.terminate", pool.terminate)
            alive = pools.gone([board[4], board[5]]) + [p.pid for p in workers.alive()]
            finished = [r.ready() for r in held]
            call(workers, "a second terminate() and join()",
                 lambda: (pool.terminate(), pool.join()))
    outcomes.expect(not alive, "workers-alive", f"workers {sorted(set(alive))} alive after "
                                                f"terminate()", "as-documented")
    outcomes.expect(not any(finished), "finished-after-terminate",
                    f"after terminate(): ready {finished}", "as-documented")
    outcomes.verdict()


WITH_BLOCK = OutcomeTable(
    unit="uses of a pool in a with statement",
    acceptable={"as-documented": "as documented"},
    forbidden={"not-the-pool": "__enter__ did not return the pool",
               "workers-alive": "a worker still ran after the with block, its work "
                                "outstanding"},
)


def test_a_with_block_terminates_the_pool(target):
    """``with ctx.Pool() as pool`` binds the pool itself, and leaving the block calls
    terminate(), not close(): the workers stop, outstanding work is discarded, and the pool then
    refuses new work and a new with statement with ValueError.

    Docs: multiprocessing — Process Pools (Pool: "Pool objects now support the context
    management protocol ... __enter__() returns the pool object, and __exit__() calls
    terminate()").
    Promises: POOL-38.
    """
    outcomes = WITH_BLOCK.counter()
    with target.scenario() as s:
        board = s.board(2)
        with pools.pool(s, 1) as (pool, workers):
            def use():
                with pool as entered:
                    # never released: only the end of the pool can end this task
                    held = entered.apply_async(actors.hold, (board, 0, 1, s.deadline))
                    await_board(s, board, 0, what="the held task to start")
                return entered, held

            entered, held = call(workers, "Pool.__exit__", use)
            alive = pools.gone([board[0]]) + [p.pid for p in workers.alive()]
            expect_raises(ValueError, lambda: pool.apply_async(actors.value_of, (1,)),
                          "apply_async() after the with block")
            expect_raises(ValueError, pool.__enter__, "a new with statement on the ended pool")
    outcomes.expect(entered is pool, "not-the-pool", f"__enter__ returned {entered!r}",
                    "as-documented")
    outcomes.expect(not alive, "workers-alive", f"workers {sorted(set(alive))} alive after the "
                                                f"with block", "as-documented")
    outcomes.verdict()


# Pool workers are named after the context's Process class ("ForkProcess-3" becomes
# "ForkPoolWorker-3"): CPython's Pool._repopulate_pool_static; their start method is the
# context's (multiprocessing — Process Pools, Pool: "context can be used to specify the context
# used for starting the worker processes").
WORKER_NAME_PREFIX = {"fork": "ForkPoolWorker-", "spawn": "SpawnPoolWorker-",
                      "forkserver": "ForkServerPoolWorker-"}

WORKERS = OutcomeTable(
    unit="a pool's workers",
    acceptable={"as-documented": "as documented"},
    forbidden={"wrong-size": "Pool() did not start one worker per usable CPU",
               "not-daemonic": "a worker was not daemonic",
               "wrong-name": "a worker was not named after the context's start method"},
)


def test_workers_are_daemonic_and_started_by_the_context(target):
    """ctx.Pool() starts one worker per CPU the process may use, daemonic and named after the
    context's start method (e.g. SpawnPoolWorker-N), so a task cannot start a process: get()
    re-raises the AssertionError.

    Docs: multiprocessing — Process Pools (Pool: "If processes is None then the number returned
    by os.process_cpu_count() is used"; "context can be used to specify the context used for
    starting the worker processes. Usually a pool is created using the function
    multiprocessing.Pool() or the Pool() method of a context object"); Process and exceptions
    (daemon: "a daemonic process is not allowed to create child processes").
    Promises: POOL-1, POOL-6, POOL-7.
    """
    outcomes = WORKERS.counter()
    with target.scenario() as s:
        with pools.pool(s) as (pool, workers):
            started = workers.alive()
            seen = call(workers, "Pool.map", lambda: pool.map(
                functools.partial(actors.describe_worker, target.module.__name__,
                                  target.method), range(4 * len(started) or 1), 1))
            expect_raises(AssertionError, lambda: pools.bounded(
                workers, "Pool.apply", lambda: pool.apply(
                    actors.start_a_process, (target.module.__name__, target.method))),
                "a task's Process.start()")
    outcomes.expect(len(started) == default_size(), "wrong-size",
                    f"{len(started)} workers, {default_size()} CPUs", "as-documented")
    prefix = WORKER_NAME_PREFIX[target.method]
    for worker in started:
        outcomes.expect(worker.daemon, "not-daemonic", f"{worker.name} is not daemonic",
                        "as-documented")
        outcomes.expect(worker.name.startswith(prefix), "wrong-name",
                        f"worker {worker.name}, expected {prefix}N", "as-documented")
    for pid, name, daemon in set(seen):
        outcomes.expect(daemon and name.startswith(prefix), "not-daemonic" if not daemon else
                        "wrong-name", f"worker {pid} sees itself as {name!r}, daemon {daemon}",
                        "as-documented")
    outcomes.verdict()


DEATHS = OutcomeTable(
    unit="tasks whose worker died under them",
    acceptable={"lost": "the result never arrived (the documented pool does not notice)",
                "reported": "get() raised an error for the lost task",
                "replaced": "a new worker ran the next task"},
    forbidden={"returned": "get() returned a value for a task whose worker died"},
)


def late_function(name):
    """A task function that exists only in the parent, defined after the workers started:
    pickled by name, the workers cannot find it."""
    function = types.FunctionType(actors.value_of.__code__, vars(actors), name)
    function.__qualname__ = name
    function.__module__ = actors.__name__
    setattr(actors, name, function)
    return function


def test_a_worker_that_dies_mid_task_is_replaced(target):
    """A worker that dies during a task (os._exit in the task, or a task function it cannot
    find) is replaced and the pool stays usable; the lost task's result never arrives (the
    kit bounds the wait: a platform that reports the loss instead passes too).

    Docs: multiprocessing — Process Pools (maxtasksperchild: workers are replaced); Programming
    guidelines (the __main__ module must be importable by the workers: "functionality within
    this package requires that the __main__ module be importable by the children").
    Promises: POOL-31, POOL-33.
    """
    outcomes = DEATHS.counter()
    with target.scenario() as s:
        board = s.board(2)
        name = f"defined_after_the_workers_{os.getpid()}_{id(board)}"
        with pools.pool(s, 1) as (pool, workers):
            try:
                lost = [pool.apply_async(late_function(name), (1,)),  # to a worker older
                        pool.apply_async(actors.die_noting_pid, (board, 0, 3))]  # than it
                after = [pool.apply_async(actors.record, (i,)) for i in range(2)]
                pools.await_done(workers, "Pool.apply_async after a worker died", after)
            finally:
                delattr(actors, name)
            dead = board[0]
            pids = {result.get(0)[1] for result in after}
            fates = [(r.ready(), r.ready() and r.successful()) for r in lost]
    outcomes.expect(dead not in pids, "returned", f"the next tasks ran in worker {pids}, the "
                                                  f"dead one was {dead}", "replaced")
    for what, (ready, successful) in zip(("an unknown function", "os._exit()"), fates):
        outcomes.observe("returned" if successful else "reported" if ready else "lost",
                         f"the task that died by {what} returned a value")
    outcomes.verdict()


INITIALIZER_FAILS = OutcomeTable(
    unit="tasks of a pool whose initializer raises",
    acceptable={"never-ran": "the task never ran, and no error reached the caller"},
    forbidden={"ran": "the task ran although every worker failed to initialize",
               "error-reported": "get(t) raised something other than TimeoutError"},
)


def test_a_failing_initializer_keeps_tasks_from_ever_running(target):
    """If the initializer raises, each worker dies at start-up and is replaced again and again,
    no task runs, and no error reaches the caller (get(t) raises TimeoutError).

    Docs: multiprocessing — Process Pools (Pool: "If initializer is not None then each worker
    process will call initializer(*initargs) when it starts"); CPython's Pool replaces workers
    that exit (Pool._maintain_pool).
    Promises: POOL-32.
    """
    outcomes = INITIALIZER_FAILS.counter()
    with target.scenario() as s:
        board = s.board(2)
        with pools.pool(s, 1, initializer=actors.fail_to_initialize,
                        initargs=(board, 0)) as (pool, workers):
            result = pool.apply_async(actors.maybe_fail, (board, 1, False))
            # Until three workers ran the initializer, or the task ran (seen at once).
            if not await_condition(lambda: board[0] >= 3 or board[1] >= 1, s.deadline):
                raise Stuck(f"still waiting for three replaced workers to run the failing "
                            f"initializer after {s.deadline:g} s",
                            stuck_in="three replaced workers to run the failing initializer")
            try:
                result.get(0.01)
            except target.ctx.TimeoutError:
                raised = None
            except Exception as exc:  # judged below: no error may reach the caller
                raised = f"raised {type(exc).__name__}: {exc}"
            else:
                raised = None  # a returned value: the task ran, judged by the board
            ran = board[1]
    outcomes.expect(not ran, "ran", f"the task ran {ran} time(s)", "never-ran")
    outcomes.expect(raised is None, "error-reported", f"get(0.01) {raised}", "never-ran")
    outcomes.verdict()


@pytest.mark.requires("pool_module")
def test_unpicklable_tasks_and_results_fail_without_breaking_the_pool(target):
    """A task whose function or argument cannot be pickled (a lambda, a lock) fails with the
    pickling error from get(), a result that cannot be pickled fails with MaybeEncodingError,
    and the pool keeps working.

    Docs: multiprocessing — Programming guidelines (Picklability: "Ensure that the arguments to
    the methods of proxies are picklable"; the pool pickles tasks and results); Process Pools
    (AsyncResult.get re-raises the task's exception); multiprocessing.pool.MaybeEncodingError.
    Promises: POOL-28, POOL-29.
    """
    encoding_error = target.submodule("pool").MaybeEncodingError
    with target.scenario() as s:
        with pools.pool(s, 1) as (pool, workers):
            failing = [pool.apply_async(lambda: 1),
                       pool.apply_async(actors.value_of, (threading.Lock(),)),
                       pool.apply_async(actors.unpicklable_result)]
            pools.await_done(workers, "Pool.apply_async of unpicklable tasks", failing)
            expect_raises(Exception, lambda: failing[0].get(0), "get() of a lambda task")
            expect_raises(Exception, lambda: failing[1].get(0), "get() of a task with a lock")
            expect_raises(encoding_error, lambda: failing[2].get(0),
                          "get() of an unpicklable result")
            call(workers, "Pool.apply after the failures",
                 lambda: pool.apply(actors.value_of, (2,)))


@contextlib.contextmanager
def unraisable_ignored():
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        yield
    finally:
        sys.unraisablehook = hook


THREADS = OutcomeTable(
    unit="uses of a ThreadPool",
    acceptable={"as-documented": "as documented"},
    forbidden={"wrong-result": "map() or apply() returned something else",
               "remote-cause": "a task's exception carried a remote traceback as its cause"},
)


@pytest.mark.requires("thread_pool")
def test_thread_pool_offers_the_pool_api_on_threads(target):
    """ThreadPool offers Pool's methods on threads: functions need not be picklable, a task's
    exception carries no remote traceback, and maxtasksperchild or context are refused with
    TypeError.

    Docs: multiprocessing — Process Pools (class multiprocessing.pool.ThreadPool: "A thread pool
    object which controls a pool of worker threads ... ThreadPool instances are fully interface
    compatible with Pool instances"; "Unlike Pool, maxtasksperchild and context cannot be
    provided").
    Promises: POOL-42.
    """
    thread_pool = target.submodule("pool").ThreadPool
    outcomes = THREADS.counter()
    with unraisable_ignored():  # CPython's Pool.__del__ trips over the half-made ThreadPool
        expect_raises(TypeError, lambda: thread_pool(1, maxtasksperchild=1),
                      "ThreadPool(maxtasksperchild=1)")
        expect_raises(TypeError, lambda: thread_pool(1, context=target.ctx),
                      "ThreadPool(context=ctx)")
    with judged("ThreadPool(2)"):
        pool = thread_pool(2)
    try:
        with judged("ThreadPool.map of a lambda"):
            mapped = pool.map(lambda x: x + 1, range(5))
        try:
            pool.apply(lambda: 1 / 0)
        except ZeroDivisionError as exc:
            cause = exc.__cause__
        else:
            cause = "nothing raised"
    finally:
        pool.terminate()
    outcomes.expect(mapped == [1, 2, 3, 4, 5], "wrong-result", f"map {mapped}", "as-documented")
    outcomes.expect(cause is None, "remote-cause", f"cause {cause!r}", "as-documented")
    outcomes.verdict()


COLLECTED = OutcomeTable(
    unit="running pools dropped without close() or terminate()",
    acceptable={"warned": "collecting the pool raised ResourceWarning"},
    forbidden={"silent": "no ResourceWarning"},
)


def test_a_running_pool_collected_warns(target):
    """A running pool that is garbage-collected raises ResourceWarning.

    Docs: multiprocessing — Process Pools (Pool: "Warning: multiprocessing.pool objects have
    internal resources that need to be properly managed ... by using the pool as a context
    manager or by calling close() and terminate() manually"; changed in 3.8: ResourceWarning).
    Promises: POOL-40.
    """
    outcomes = COLLECTED.counter()
    with target.scenario() as s:
        workers = pools.Workers(s)
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                dropped = s.ctx.Pool(1)
                workers.alive()
                still_there = weakref.ref(dropped)
                del dropped
                gc.collect()
            warned = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
            del caught  # a warning's source is the pool: let it go, so that its finalizer
            pools.in_thread(gc.collect, KILL_WAIT)  # ends the workers, which must be alive
            uncollected = still_there()
            if uncollected is not None:  # something still holds it: end it as it should be,
                pools.in_thread(uncollected.terminate, KILL_WAIT)  # before its workers die
                del uncollected
        finally:
            workers.kill()
    outcomes.expect(warned, "silent", "no ResourceWarning when a running pool was collected",
                    "warned")
    outcomes.verdict()


HELD_UP = OutcomeTable(
    unit="results behind a blocking callback",
    acceptable={"held": "the finished result waited for the callback to return"},
    forbidden={"delivered": "the result was delivered while another result's callback "
                            "blocked"},
)


HOLD_UP_WINDOW = 0.25  # seconds a finished result is given to arrive past a blocked callback


def test_a_blocking_callback_holds_up_other_results(target):
    """A callback that blocks holds up every other result of the pool: get(t) of a task that
    has already finished raises TimeoutError until the callback returns.

    Docs: multiprocessing — Process Pools (apply_async: "Callbacks should complete immediately
    since otherwise the thread which handles the results will get blocked").
    Promises: POOL-25, POOL-26.
    """
    outcomes = HELD_UP.counter()
    entered, leave = threading.Event(), threading.Event()

    def blocking_callback(_):
        entered.set()
        leave.wait(30)

    with target.scenario() as s:
        board = s.board(2)
        with pools.pool(s, 1) as (pool, workers):
            try:
                pool.apply_async(actors.value_of, (1,), callback=blocking_callback)
                if not entered.wait(s.deadline):
                    raise workers.stuck("the callback never ran", "Pool callback")
                finished = pool.apply_async(actors.maybe_fail, (board, 0, False))
                await_board(s, board, 0, what="the second task to run")
                try:
                    early = finished.get(HOLD_UP_WINDOW)
                except target.ctx.TimeoutError:
                    early = None
            finally:
                leave.set()
            later = call(workers, "AsyncResult.get", lambda: finished.get(s.deadline))
    outcomes.expect(early is None, "delivered", f"get({HOLD_UP_WINDOW}) returned {early!r} while the "
                                                f"callback blocked", "held")
    outcomes.expect(later == actors.value_of(0), "delivered", f"get() returned {later!r}",
                    "held")
    outcomes.verdict()
