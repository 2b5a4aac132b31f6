"""Bug: get_context() falls back to the default context for a name it does not know instead
of raising ValueError."""

import multiprocessing

from tests.mutants.base import mutant, violated

_get_context, get_all_start_methods = mutant()


def get_context(method=None):
    if method not in multiprocessing.get_all_start_methods():
        method = None
    return _get_context(method)


KILLS = {
    "test_start_methods.py::test_unknown_method_is_refused": violated("returned"),
}
