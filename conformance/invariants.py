"""The decorator every Hypothesis-driven invariant wears.

``@invariant(program=some_strategy)`` is ``@given`` under the run's profile (``--mp-profile``),
seeded with the run's seed so that the printed reproduce command draws the same examples.  It
remembers the example being run (a deadline failure, which Hypothesis does not shrink, names the
example that got stuck), runs a failing example again ``--mp-reruns`` times to say how reliably
the violation reproduces (races show only sometimes), answers Hypothesis's final replay of a
violating example with the evidence it recorded (not a further run), and counts the examples
and the size of their programs.  Under ``--mp-soak`` it keeps drawing fresh examples until the
invariant's share of the budget is spent.
"""

import functools
import time

from hypothesis import given, seed
from hypothesis.control import current_build_context
from hypothesis import settings as hypothesis_settings

from conformance import profiles
from conformance import settings as run_settings
from conformance.harness import scenario
from conformance.judge import Violation


class Tally:
    """Examples run and program size (leaf values drawn) of the current test."""

    def __init__(self):
        self.reset()

    def reset(self, soak_budget=None):
        self.examples = 0
        self.size = 0
        self.rounds = 0
        self.soak_budget = soak_budget


tally = Tally()


def invariant(**strategies):
    def decorate(test):
        # The last example that violated the promise, and its evidence.
        violated = {}

        @functools.wraps(test)
        def one_example(*args, **kwargs):
            __tracebackhide__ = True
            drawn = {name: kwargs[name] for name in strategies}
            scenario.current_example.clear()
            scenario.current_example.update(drawn)
            if violated.get("drawn") == drawn and replaying():
                # Hypothesis replays a failing example to report it: the evidence recorded
                # when it failed is that report (how reliably it reproduces is --mp-reruns').
                raise violated["violation"]
            tally.examples += 1
            tally.size += size_of(drawn)
            try:
                return test(*args, **kwargs)
            except Violation as violation:  # Stuck is a BaseException: a deadlock is not re-run
                reruns = run_settings.current().reruns
                violation.reruns = (sum(violates(test, args, kwargs) for _ in range(reruns)),
                                    reruns)
                violated.update(drawn=drawn, violation=violation)
                raise

        chosen = run_settings.current()
        profile = profiles.of(chosen.profile)
        searching = hypothesis_settings(profile)(given(**strategies)(one_example))
        if chosen.seed is not None and not profile.derandomize:
            searching = seed(chosen.seed)(searching)
        # ``@example`` below ``@invariant`` is in this list already; one above appends to it too
        # (``functools.wraps`` shares it with ``soaking``), so explicit examples run in the first
        # round wherever they are written; soak rounds draw fresh examples only.
        if not hasattr(searching, "hypothesis_explicit_examples"):
            searching.hypothesis_explicit_examples = []

        @functools.wraps(searching)
        def soaking(*args, **kwargs):
            __tracebackhide__ = True
            violated.clear()  # this call's examples only (one per start method and provider)
            searching(*args, **kwargs)
            tally.rounds = 1
            if tally.soak_budget is None:
                return
            end = time.monotonic() + tally.soak_budget
            while time.monotonic() < end:  # a new seed per round: fresh examples
                violated.clear()
                seed(f"{chosen.seed}/{tally.rounds}" if chosen.seed is not None else None)(
                    hypothesis_settings(profile, database=None)(
                        given(**strategies)(one_example)))(*args, **kwargs)
                tally.rounds += 1

        return soaking

    return decorate


def replaying():
    """Whether Hypothesis is running its final replay of a failing example."""
    return current_build_context().is_final


def violates(test, args, kwargs):
    try:
        test(*args, **kwargs)
    except Violation:
        return True
    except Exception:  # an error on a re-run does not reproduce the violation
        return False
    return False


def size_of(value):
    """The number of leaf values in a drawn program (what ``--mp-soak`` reports as its size)."""
    if isinstance(value, dict):
        return sum(size_of(item) for item in value.values())
    if isinstance(value, (list, tuple, set, frozenset)):
        return sum(size_of(item) for item in value)
    return 1
