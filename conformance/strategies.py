"""Hypothesis strategies for scenario programs: small pieces composed into whole programs.

A program is plain data drawn in the parent: how many processes, what each does, and the delays
that widen race windows.  Children only execute it.

Sizes scale with ``--mp-scale`` (the profile's by default): ``sized(low, high)`` draws up to
``high × scale`` operations or items, ``process_counts`` up to ``high × scale`` processes (at
most ``MAX_PROCESSES``).  The scale is read when a program is drawn, so strategies built at
import time follow the run's settings.
"""

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


timeouts = st.sampled_from([0.01, 0.05, 0.1, 0.25])


@st.composite
def dict_write_programs(draw, shared_keys=False):
    """Per-worker lists of (key, value) writes; values are unique so every read is attributable.

    With ``shared_keys`` workers write a small common key set, so writes collide.
    """
    workers = draw(st.one_of(st.just(10), process_counts(1, 12)))
    plans = []
    value = 0
    for worker in range(workers):
        if shared_keys:
            keys = draw(st.lists(st.sampled_from("abc"), min_size=1, max_size=6))
        else:
            keys = [f"w{worker}-{i}" for i in range(draw(st.integers(1, 5)))]
        plan = []
        for key in keys:
            value += 1
            plan.append((key, value))
        plans.append(tuple(plan))
    return tuple(plans)


@st.composite
def ordered_write_programs(draw):
    """Rounds of (key, value): a writer writes each, then a reader told of it reads it back."""
    rounds = draw(st.integers(1, 5))
    keys = draw(st.lists(st.sampled_from("xy"), min_size=rounds, max_size=rounds))
    return tuple((key, value) for value, key in enumerate(keys, start=1))
