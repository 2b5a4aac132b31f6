"""The decorator every Hypothesis-driven invariant wears.

``@invariant(program=some_strategy)`` is ``@given`` under the kit's chosen settings profile.  It
remembers the example being run, so that a deadline failure (which Hypothesis does not shrink)
can say which example got stuck, and runs a failing example again ``--mp-reruns`` times to say
how reliably it reproduces: races show only sometimes.
"""

import functools

from hypothesis import given

from conformance import profiles
from conformance.harness import scenario


def invariant(**strategies):
    def decorate(test):
        @functools.wraps(test)
        def remembering(*args, **kwargs):
            __tracebackhide__ = True
            scenario.current_example.clear()
            scenario.current_example.update((name, kwargs[name]) for name in strategies)
            try:
                return test(*args, **kwargs)
            except Exception as failure:  # Stuck is a BaseException: a deadlock is not re-run
                reproduced = sum(fails(test, args, kwargs) for _ in range(profiles.reruns))
                add_note(failure, f"reproduced in {reproduced} of {profiles.reruns} re-runs "
                                  f"of this example")
                raise

        return profiles.for_invariants()(given(**strategies)(remembering))

    return decorate


def fails(test, args, kwargs):
    try:
        test(*args, **kwargs)
    except Exception:
        return True
    return False


def add_note(exc, note):
    if hasattr(exc, "add_note"):
        exc.add_note(note)
    else:  # Python < 3.11: no exception notes; extend the message instead
        exc.args = (f"{exc.args[0] if exc.args else ''}\n{note}", *exc.args[1:])
