"""Hypothesis strategies for scenario programs: small pieces composed into whole programs.

A program is plain data drawn in the parent: how many processes, what each does, and the delays
that widen race windows.  Children only execute it.

Sizes scale with ``--mp-scale`` (the profile's by default): ``sized(low, high)`` draws up to
``high × scale`` operations or items, ``process_counts`` up to ``high × scale`` processes (at
most ``MAX_PROCESSES``).  The scale is read when a program is drawn, so strategies built at
import time follow the run's settings.
"""

import itertools

from hypothesis import strategies as st

from conformance import settings as run_settings

MAX_PROCESSES = 64


def scale():
    return run_settings.current().scale


def scaled(count):
    """``count`` operations, items or bytes, times the run's scale."""
    return count * scale()


def sized(low, high):
    """A size from ``low`` to ``high`` (both scaled by the run's scale)."""
    return st.deferred(lambda: st.integers(scaled(low), scaled(high)))

# Mostly no delay (maximum contention), sometimes enough to let others pile up behind.
delays = st.sampled_from([0.0, 0.0, 0.0, 0.0005, 0.002, 0.01])


def process_counts(min_value=2, max_value=6):
    """From ``min_value`` processes (what the promise needs) to ``max_value`` times the scale."""
    return st.deferred(lambda: st.integers(
        min_value, max(min_value, min(max_value * scale(), MAX_PROCESSES))))


def delay_lists(length):
    return st.lists(delays, min_size=length, max_size=length).map(tuple)


@st.composite
def critical_section_programs(draw):
    """Workers, each entering the lock once per delay (the time it holds the lock)."""
    workers = draw(process_counts(2, 5))
    sections = draw(st.integers(1, 20))
    return tuple(draw(delay_lists(sections)) for _ in range(workers))


# A timed wait is judged never to return early, within the clock's resolution and a millisecond
# (``judge.timing``): ten times that already tells, and every example waits its whole timeout.
timeouts = st.sampled_from([0.01, 0.02, 0.05, 0.1])


@st.composite
def dict_write_programs(draw, shared_keys=False):
    """Per-worker tuples of (key, value) writes, all workers writing equally many; values are
    unique so every read is attributable.

    With ``shared_keys`` workers mostly write a small common key set, so writes collide, and
    some keys of their own, written once (a write lost there stays lost).
    """
    workers = draw(process_counts(2, 8))
    writes = draw(sized(2, 12))
    plans = []
    value = 0
    for worker in range(workers):
        if shared_keys:
            keys = [key or f"w{worker}-{i}" for i, key in enumerate(draw(st.lists(
                st.sampled_from(("a", "b", "c", None)), min_size=writes, max_size=writes)))]
        else:
            keys = [f"w{worker}-{i}" for i in range(writes)]
        plan = []
        for key in keys:
            value += 1
            plan.append((key, value))
        plans.append(tuple(plan))
    return tuple(plans)


@st.composite
def ordered_write_programs(draw):
    """Rounds of (key, value): a writer writes each, then a reader told of it reads it back."""
    rounds = draw(sized(1, 5))
    keys = draw(st.lists(st.sampled_from("xy"), min_size=rounds, max_size=rounds))
    return tuple((key, value) for value, key in enumerate(keys, start=1))


# --- Manager programs (test_manager_dict, test_manager_containers, test_remote_manager) --------
#
# An operation program is per-process plans ``(process, ops)``; each op is
# ``(how, key, argument, delay)``, ``how`` naming an operation of ``conformance.actors.managers``.
# Written values are unique, so every read is attributable to one write.

# Operations whose argument is the value written.
WRITING_OPERATIONS = frozenset({"setitem", "append", "setattr", "value=", "set", "put"})
QUEUE_OPERATIONS = ("put", "put", "get_nowait", "get(timeout)")
GET_TIMEOUT = 0.005  # of get(timeout): long enough to see another process's put


def operation_argument(how, unique):
    if how in WRITING_OPERATIONS:
        return next(unique)
    return GET_TIMEOUT if how == "get(timeout)" else None


def operation_programs(hows, keys=(None,)):
    """2 to 4 processes (scaled), each with 10 to 40 (scaled) drawn ops on the given keys."""

    @st.composite
    def programs(draw):
        unique = itertools.count(1)
        plans = []
        for process in range(draw(process_counts(2, 4))):
            length = draw(sized(10, 40))
            steps = draw(st.lists(st.tuples(st.sampled_from(hows), st.sampled_from(keys), delays),
                                  min_size=length, max_size=length))
            plans.append((process, tuple((how, key, operation_argument(how, unique), delay)
                                         for how, key, delay in steps)))
        return tuple(plans)

    return programs()


def operation_program(hows, keys=(None,), processes=4, operations=96):
    """One fixed program: each process cycles through ``hows``, a block of them per key, without
    delays — the explicit large example of an invariant (a bug that needs volume from one
    process shows only there)."""
    unique = itertools.count(1)
    plans = []
    for process in range(processes):
        ops = []
        for step in range(process, process + operations):
            how = hows[step % len(hows)]
            key = keys[(step // len(hows)) % len(keys)]
            ops.append((how, key, operation_argument(how, unique), 0.0))
        plans.append((process, tuple(ops)))
    return tuple(plans)


def dict_write_program(workers=4, writes=80, shared_keys=False):
    """One fixed ``dict_write_programs`` program: the explicit large example (with
    ``shared_keys``, every other write goes to a common key)."""
    value = itertools.count(1)
    return tuple(tuple(("abc"[(worker + i) % 3] if shared_keys and i % 2 == 0
                        else f"w{worker}-{i}", next(value))
                       for i in range(writes))
                 for worker in range(workers))
