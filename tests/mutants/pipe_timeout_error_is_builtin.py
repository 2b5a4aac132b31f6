"""Bug: the context's TimeoutError is an alias of the builtin TimeoutError (outside the
ProcessError hierarchy) instead of multiprocessing's own."""

import builtins
import multiprocessing

from tests.mutants.base import MutantContext, violated


class BuiltinTimeoutContext(MutantContext):
    TimeoutError = builtins.TimeoutError  # the bug


def get_context(method=None):
    return BuiltinTimeoutContext(multiprocessing.get_context(method), {})


get_all_start_methods = multiprocessing.get_all_start_methods
KILLS = {
    "test_pipe.py::test_exception_hierarchy":
        violated("outside-hierarchy", "builtin-timeout"),
}
