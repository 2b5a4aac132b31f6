"""Tests of the history recorder and the linearizability checker.

Linearizable histories are built from random *sequential* runs of a reference implementation:
each operation gets a linearization point in run order and an interval around it, so the checker
must answer 'ok'.  Illegal ones are hand-written classics and runs with one result corrupted into
something no order could produce.  A brute-force oracle cross-checks small random histories.
"""

import itertools
import multiprocessing
import pickle
import queue
import random
from collections import deque
from typing import Any, NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conformance.history import FAILED, INDETERMINATE, OK, Operation, Recorder, load
from conformance.judge.linearizability import (
    ILLEGAL,
    UNKNOWN,
    AppendList,
    Counter,
    FifoQueue,
    KeyValueMap,
    Register,
    check,
)

# -- building histories ---------------------------------------------------------------------------

COMPLETED, VISIBLE, INVISIBLE = "completed", "visible", "invisible"  # fates of a sequential step
NEVER_WRITTEN = "never-written"


class Step(NamedTuple):
    """One operation of a sequential run, with the result the reference implementation gave."""

    name: str
    key: Any = None
    arg: Any = None
    result: Any = None
    status: str = OK


def finish(fate, name, key=None, arg=None, result=None, status=OK):
    """The step as recorded: a timed-out (visible or invisible) one has no result."""
    if fate == COMPLETED:
        return Step(name, key, arg, result, status)
    return Step(name, key, arg, None, INDETERMINATE)


def run_register(draws):
    value, steps = None, []
    for unique, (kind, pick, fate) in enumerate(draws, start=1):
        takes_effect = fate != INVISIBLE
        if kind % 3 == 0:
            value = unique if takes_effect else value
            steps.append(finish(fate, "write", arg=unique))
        elif kind % 3 == 1:
            steps.append(finish(fate, "read", result=value))
        else:
            expected = value if pick % 2 else -unique
            swapped = expected == value
            value = unique if swapped and takes_effect else value
            steps.append(finish(fate, "cas", arg=(expected, unique), result=swapped))
    return steps


def run_key_value_map(draws):
    values, steps = {}, []
    for unique, (kind, pick, fate) in enumerate(draws, start=1):
        key = "abc"[pick % 3]
        if kind % 2 == 0:
            if fate != INVISIBLE:
                values[key] = unique
            steps.append(finish(fate, "write", key, arg=unique))
        elif key in values:
            steps.append(finish(fate, "read", key, result=values[key]))
        else:
            steps.append(finish(fate, "read", key, result="KeyError", status=FAILED))
    return steps


def run_append_list(draws):
    items, steps = [], []
    for unique, (kind, _, fate) in enumerate(draws, start=1):
        if kind % 3 == 0:
            if fate != INVISIBLE:
                items.append(unique)
            steps.append(finish(fate, "append", arg=unique))
        elif kind % 3 == 1:
            steps.append(finish(fate, "read", result=list(items)))  # a proxy returns a list
        else:
            steps.append(finish(fate, "len", result=len(items)))
    return steps


def run_counter(draws):
    total, steps = 0, []
    for kind, pick, fate in draws:
        if kind % 2 == 0:
            amount = pick % 3 + 1
            total += amount if fate != INVISIBLE else 0
            steps.append(finish(fate, "incr", arg=amount))
        else:
            steps.append(finish(fate, "read", result=total))
    return steps


def run_fifo_queue(draws):
    items, steps = deque(), []
    for unique, (kind, _, fate) in enumerate(draws, start=1):
        if kind % 2 == 0:
            if fate != INVISIBLE:
                items.append(unique)
            steps.append(finish(fate, "put", arg=unique))
        elif items:
            result = items.popleft() if fate != INVISIBLE else items[0]
            steps.append(finish(fate, "get", result=result))
        else:
            steps.append(finish(fate, "get", result="empty", status=FAILED))
    return steps


# (model, sequential runner); in every runner kind 1 is an observer: read, or get.
SPECS = {
    "register": (Register(), run_register),
    "key-value-map": (KeyValueMap(), run_key_value_map),
    "append-list": (AppendList(), run_append_list),
    "counter": (Counter(), run_counter),
    "fifo-queue": (FifoQueue(), run_fifo_queue),
}

completed_draws = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.just(COMPLETED)),
                           max_size=30)
any_draws = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 5),
              st.sampled_from([COMPLETED] * 8 + [VISIBLE, INVISIBLE])),
    max_size=30)
spans = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), min_size=31, max_size=31)


def timed(steps, spans, shuffle_seed=0):
    """Give step i the linearization point 2i and an interval around it; shuffle the records."""
    history = []
    for i, (step, (before, after)) in enumerate(zip(steps, spans)):
        point = 2 * i
        response = None if step.status == INDETERMINATE else point + after
        history.append(Operation(i % 4, point - before, response, step.name, *step[1:]))
    random.Random(shuffle_seed).shuffle(history)
    return history


def op(process, invoke, response, name, arg=None, result=None, status=OK, key=None):
    return Operation(process, invoke, response, name, key, arg, result, status)


# -- linearizable histories pass ------------------------------------------------------------------

@pytest.mark.parametrize("spec", SPECS)
@settings(max_examples=150, deadline=None)
@given(draws=any_draws, spans=spans, shuffle_seed=st.integers(0, 1000))
def test_overlapping_intervals_around_a_sequential_run_are_linearizable(spec, draws, spans,
                                                                        shuffle_seed):
    model, run = SPECS[spec]
    verdict = check(timed(run(draws), spans, shuffle_seed), model)
    assert verdict.outcome == "ok", verdict.describe()


# -- corrupted histories fail ---------------------------------------------------------------------

def corrupt(step):
    """An observation no order of the run could produce."""
    if step.name == "get":
        return step._replace(result=NEVER_WRITTEN, status=OK)
    if step.name == "read" and isinstance(step.result, list):
        return step._replace(result=[*step.result, NEVER_WRITTEN])
    if isinstance(step.result, int) and not isinstance(step.result, bool):  # a counter reading
        return step._replace(result=-1)
    return step._replace(result=NEVER_WRITTEN, status=OK)


@pytest.mark.parametrize("spec", SPECS)
@settings(max_examples=150, deadline=None)
@given(draws=completed_draws, spans=spans, choice=st.integers(0, 100))
def test_one_impossible_observation_makes_a_history_illegal(spec, draws, spans, choice):
    model, run = SPECS[spec]
    steps = run([*draws, (1, 0, COMPLETED)])
    observers = [i for i, step in enumerate(steps) if step.name in ("read", "get")]
    victim = observers[choice % len(observers)]
    steps[victim] = corrupt(steps[victim])
    verdict = check(timed(steps, spans), model)
    assert verdict.outcome == ILLEGAL
    assert verdict.stuck, "the evidence names what could not go next"


# -- agreement with a brute-force oracle ----------------------------------------------------------

def brute_force_linearizable(history, model):
    """Try every order of every admissible subset (indeterminate operations are optional)."""
    required = [o for o in history if o.status != INDETERMINATE]
    optional = [o for o in history if o.status == INDETERMINATE]

    def precedes(a, b):
        return a.response is not None and a.response < b.invoke

    for size in range(len(optional) + 1):
        for chosen in itertools.combinations(optional, size):
            for order in itertools.permutations(required + list(chosen)):
                if any(precedes(later, earlier)
                       for i, earlier in enumerate(order) for later in order[i + 1:]):
                    continue
                state, legal = model.init(), True
                for operation in order:
                    legal, state = model.step(state, operation)
                    if not legal:
                        break
                if legal:
                    return True
    return False


random_register_op = st.builds(
    op, process=st.integers(0, 2), invoke=st.integers(0, 6), response=st.integers(0, 4),
    name=st.sampled_from(["read", "write"]), arg=st.integers(0, 2), result=st.integers(0, 2),
    status=st.sampled_from([OK, OK, OK, INDETERMINATE]))
random_queue_op = st.builds(
    op, process=st.integers(0, 2), invoke=st.integers(0, 6), response=st.integers(0, 4),
    name=st.sampled_from(["put", "get"]), arg=st.integers(0, 1), result=st.integers(0, 1),
    status=st.sampled_from([OK, OK, OK, FAILED, INDETERMINATE]))
random_list_op = st.builds(
    op, process=st.integers(0, 2), invoke=st.integers(0, 6), response=st.integers(0, 4),
    name=st.sampled_from(["append", "read", "len"]), arg=st.integers(0, 3),
    result=st.lists(st.integers(0, 3), max_size=3), status=st.sampled_from([OK, OK, INDETERMINATE]))


def with_unique_arguments(operations):
    """Give each operation its own argument (position), as the pruning models require."""
    return [o._replace(arg=i) for i, o in enumerate(operations)]


def with_len_results(operations):
    return [o._replace(result=len(o.result)) if o.name == "len" else o for o in operations]


def with_valid_times(operations):
    """Read ``response`` as a duration; indeterminate operations never respond."""
    return [o._replace(response=None if o.status == INDETERMINATE else o.invoke + o.response)
            for o in operations]


@pytest.mark.parametrize("model, operations, adapt", [
    (Register(), random_register_op, list),
    (Register(), random_register_op, with_unique_arguments),
    (FifoQueue(), random_queue_op, list),
    (FifoQueue(), random_queue_op, with_unique_arguments),
    (AppendList(), random_list_op, lambda ops: with_len_results(with_unique_arguments(ops))),
], ids=["register", "register-unique-values", "queue", "queue-unique-values",
        "list-unique-values"])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_agrees_with_brute_force_on_small_random_histories(model, operations, adapt, data):
    history = adapt(with_valid_times(data.draw(st.lists(operations, max_size=5))))
    verdict = check(history, model)
    assert verdict.outcome == ("ok" if brute_force_linearizable(history, model) else ILLEGAL)


# -- classic violations ---------------------------------------------------------------------------

def test_stale_read_is_illegal():
    history = [op(0, 0, 1, "write", 1), op(1, 2, 3, "write", 2), op(2, 4, 5, "read", result=1)]
    verdict = check(history, Register())
    assert verdict.outcome == ILLEGAL
    assert [o.arg for o in verdict.prefix] == [1, 2] and verdict.state == 2
    assert verdict.stuck == (history[2],)


def test_read_overlapping_the_newer_write_may_return_the_older_value():
    history = [op(0, 0, 1, "write", 1), op(1, 2, 5, "write", 2), op(2, 4, 6, "read", result=1)]
    assert check(history, Register()).outcome == "ok"


def test_read_of_a_never_written_value_is_illegal():
    history = [op(0, 0, 1, "write", 1), op(1, 0.5, 2, "read", result=7)]
    assert check(history, Register()).outcome == ILLEGAL


def test_lost_update_is_illegal():
    history = [op(0, 0, 2, "incr", 1), op(1, 1, 3, "incr", 1), op(2, 4, 5, "read", result=1)]
    assert check(history, Counter()).outcome == ILLEGAL


def test_concurrent_read_may_see_one_of_two_increments():
    history = [op(0, 0, 2, "incr", 1), op(1, 1, 3, "incr", 1), op(2, 1, 5, "read", result=1)]
    assert check(history, Counter()).outcome == "ok"


def test_reordered_queue_is_illegal():
    history = [op(0, 0, 1, "put", "x"), op(0, 2, 3, "put", "y"),
               op(1, 4, 5, "get", result="y"), op(1, 6, 7, "get", result="x")]
    assert check(history, FifoQueue()).outcome == ILLEGAL


def test_concurrent_puts_may_be_taken_in_either_order():
    history = [op(0, 0, 3, "put", "x"), op(1, 1, 2, "put", "y"),
               op(2, 4, 5, "get", result="y"), op(2, 6, 7, "get", result="x")]
    assert check(history, FifoQueue()).outcome == "ok"


def test_duplicated_queue_item_is_illegal():
    history = [op(0, 0, 1, "put", "x"),
               op(1, 2, 3, "get", result="x"), op(2, 2, 4, "get", result="x")]
    assert check(history, FifoQueue()).outcome == ILLEGAL


def test_append_list_reads_must_grow_by_appends():
    history = [op(0, 0, 1, "append", 1), op(1, 0, 3, "append", 2),
               op(2, 2, 4, "read", result=[2, 1]), op(2, 5, 6, "len", result=2)]
    assert check(history, AppendList()).outcome == "ok"
    reordered = history[:2] + [op(2, 2, 4, "read", result=[2]), op(3, 5, 6, "read", result=[1])]
    assert check(reordered, AppendList()).outcome == ILLEGAL


def test_compare_and_set_outcomes_are_checked():
    write = op(0, 0, 1, "write", 1)
    assert check([write, op(1, 2, 3, "cas", (1, 2), True), op(1, 4, 5, "read", result=2)],
                 Register()).outcome == "ok"
    assert check([write, op(1, 2, 3, "cas", (0, 2), True)], Register()).outcome == ILLEGAL
    assert check([write, op(1, 2, 3, "cas", (1, 2), False)], Register()).outcome == ILLEGAL


# -- failed operations are observations -----------------------------------------------------------

def test_empty_get_is_legal_only_on_an_empty_queue():
    put = op(0, 0, 1, "put", "x")
    empty_get_after = op(1, 2, 3, "get", result="empty", status=FAILED)
    empty_get_during = op(1, 0.5, 3, "get", result="empty", status=FAILED)
    assert check([put, empty_get_after], FifoQueue()).outcome == ILLEGAL
    assert check([put, empty_get_during], FifoQueue()).outcome == "ok"


def test_missing_key_is_legal_only_before_the_first_write():
    write = op(0, 2, 3, "write", 1, key="k")
    missing = op(1, 0, 1, "read", result="KeyError", status=FAILED, key="k")
    assert check([write, missing], KeyValueMap()).outcome == "ok"
    assert check([write, missing._replace(invoke=4, response=5)], KeyValueMap()).outcome == ILLEGAL


def test_map_keys_are_checked_independently():
    history = [op(0, 0, 1, "write", 1, key="a"), op(1, 0, 1, "write", 1, key="b"),
               op(0, 2, 3, "read", result=1, key="a"),
               op(1, 2, 3, "read", result="KeyError", status=FAILED, key="b")]
    verdict = check(history, KeyValueMap())
    assert verdict.outcome == ILLEGAL
    assert all(o.key == "b" for o in verdict.prefix + verdict.stuck)


def test_failed_put_had_no_effect():
    history = [op(0, 0, 1, "put", "x", result="full", status=FAILED),
               op(1, 2, 3, "get", result="empty", status=FAILED)]
    assert check(history, FifoQueue()).outcome == "ok"


# -- indeterminate operations ---------------------------------------------------------------------

def timed_out(process, invoke, name, arg=None):
    return op(process, invoke, None, name, arg, status=INDETERMINATE)


@pytest.mark.parametrize("seen", [1, 2])
def test_timed_out_write_may_or_may_not_be_visible(seen):
    history = [op(0, 0, 1, "write", 1), timed_out(1, 2, "write", 2),
               op(2, 10, 11, "read", result=seen)]
    assert check(history, Register()).outcome == "ok"


def test_timed_out_write_once_seen_stays_seen():
    history = [op(0, 0, 1, "write", 1), timed_out(1, 2, "write", 2),
               op(2, 10, 11, "read", result=2), op(2, 12, 13, "read", result=1)]
    assert check(history, Register()).outcome == ILLEGAL


def test_timed_out_write_cannot_take_effect_before_its_invocation():
    history = [op(0, 0, 1, "write", 1), op(2, 2, 3, "read", result=2), timed_out(1, 5, "write", 2)]
    assert check(history, Register()).outcome == ILLEGAL


def test_timed_out_get_may_have_taken_the_item():
    history = [op(0, 0, 1, "put", "x"), timed_out(1, 2, "get"),
               op(2, 4, 5, "get", result="empty", status=FAILED)]
    assert check(history, FifoQueue()).outcome == "ok"
    assert check([history[0], history[2]], FifoQueue()).outcome == ILLEGAL


def test_validation_rejects_a_completed_operation_without_response():
    with pytest.raises(ValueError):
        check([op(0, 0, None, "write", 1)], Register())
    with pytest.raises(ValueError):
        check([op(0, 2, 1, "write", 1)], Register())


# -- budgets and reporting ------------------------------------------------------------------------

def pathological_history(width=16):
    """Overlapping increments then an impossible read: every subset of increments is explored."""
    increments = [op(i, 0, 10, "incr", 1) for i in range(width)]
    return increments + [op(width, 5, 11, "read", result=-1)]


def test_exhausted_state_budget_is_unknown_never_a_pass():
    verdict = check(pathological_history(), Counter(), max_states=10)
    assert verdict.outcome == UNKNOWN and not verdict
    assert "max_states" in verdict.describe()


def test_exhausted_time_budget_is_unknown():
    verdict = check(pathological_history(), Counter(), time_budget=0.0)
    assert verdict.outcome == UNKNOWN and "time budget" in verdict.reason


def test_pathological_history_is_illegal_given_enough_budget():
    assert check(pathological_history(10), Counter()).outcome == ILLEGAL


def test_verdict_truth_is_the_pass():
    assert check([op(0, 0, 1, "write", 1)], Register())
    assert not check([op(0, 0, 1, "read", result=1)], Register())


def test_describe_shows_the_stuck_operations_with_relative_times():
    history = [op(0, 100, 101, "write", "x"), op(1, 102, 103, "write", "y"),
               op(2, 104, 105, "read", result="x")]
    text = check(history, Register()).describe()
    assert text.startswith("illegal: not linearizable (Register model, 3 operations")
    assert "leaving state 'y'" in text
    assert text.endswith("next:\n  p2 read() -> 'x'  [4.000000 .. 5.000000]")


def test_long_unique_value_register_history_checks_in_few_states():
    """2000 operations are checked exploring at most 5000 configurations: the cost grows with
    the history's length, not with the orders of its overlapping operations (the time it takes
    is bench/linearizability.py's to show)."""
    rng = random.Random(1)
    steps = run_register([(rng.randrange(2), 0, COMPLETED) for _ in range(2000)])
    history = timed(steps, [(rng.randrange(8), rng.randrange(8)) for _ in steps])
    assert check(history, Register(), max_states=5_000).outcome == "ok"


# -- the recorder ---------------------------------------------------------------------------------

def test_recorder_records_a_returning_call():
    recorder = Recorder(3)
    operation = recorder.call("put", lambda x: x * 2, 21, key="k")
    assert operation == recorder.operations[0]
    assert (operation.process, operation.name, operation.key) == (3, "put", "k")
    assert (operation.arg, operation.result, operation.status) == (21, 42, OK)
    assert operation.invoke <= operation.response


def test_recorder_maps_definite_and_indeterminate_exceptions():
    recorder = Recorder(0, {queue.Empty: "empty", OSError: INDETERMINATE})
    empty = recorder.call("get", queue.Queue().get_nowait)
    assert (empty.arg, empty.result, empty.status) == (None, "empty", FAILED)

    def reset():
        raise ConnectionResetError  # an OSError subclass

    broken = recorder.call("get", reset)
    assert (broken.response, broken.status) == (None, INDETERMINATE)


def test_recorder_reraises_unmapped_exceptions_after_recording_them():
    recorder = Recorder(0)
    with pytest.raises(ZeroDivisionError):
        recorder.call("incr", lambda n: n / 0, 1)
    [operation] = recorder.operations
    assert operation.status == INDETERMINATE and "ZeroDivisionError" in operation.result


def test_saved_histories_are_plain_tuples_and_load_back(tmp_path):
    recorder = Recorder(1)
    recorder.call("write", lambda value: None, 5)
    path = tmp_path / "history.pickle"
    recorder.save(path)
    with open(path, "rb") as file:
        assert all(type(record) is tuple for record in pickle.load(file))
    assert load(path, path) == recorder.operations * 2


def increment_and_read(process, counter, lock, path, rounds):
    def incr(amount):
        with lock:
            counter.value += amount

    def read():
        with lock:
            return counter.value

    recorder = Recorder(process)
    for _ in range(rounds):
        recorder.call("incr", incr, 1)
        recorder.call("read", read)
    recorder.save(path)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_histories_recorded_in_child_processes_check_together(tmp_path):
    context = multiprocessing.get_context("fork")
    counter, lock = context.Value("i", 0, lock=False), context.Lock()
    paths = [tmp_path / f"p{process}.pickle" for process in range(3)]
    children = [context.Process(target=increment_and_read, args=(p, counter, lock, path, 50))
                for p, path in enumerate(paths)]
    for child in children:
        child.start()
    for child in children:
        child.join(30)
        assert child.exitcode == 0
    history = load(*paths)
    assert len(history) == 300
    assert check(history, Counter()).outcome == "ok"
    last = max(o.response for o in history)
    lost_update = op(3, last + 1, last + 2, "read", result=149)
    assert check([*history, lost_update], Counter()).outcome == ILLEGAL
