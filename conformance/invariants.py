"""The decorator every Hypothesis-driven invariant wears.

``@invariant(program=some_strategy)`` is ``@given`` under the kit's chosen settings profile, and
remembers the example being run so that a deadline failure (which Hypothesis does not shrink)
can say which example got stuck.
"""

import functools

from hypothesis import given

from conformance import profiles
from conformance.harness import scenario


def invariant(**strategies):
    def decorate(test):
        @functools.wraps(test)
        def remembering(*args, **kwargs):
            scenario.current_example.clear()
            scenario.current_example.update((name, kwargs[name]) for name in strategies)
            return test(*args, **kwargs)

        return profiles.for_invariants()(given(**strategies)(remembering))

    return decorate
