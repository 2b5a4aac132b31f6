"""Bug: get_all_start_methods() lists the keys of the table of contexts get_context() looks in,
and that table also holds the default context under the key None (for get_context(None)), so
None is listed as a start method; CPython lists only the names of the concrete methods."""

import multiprocessing

from tests.mutants.base import MutantContext, violated

CONTEXTS = {name: MutantContext(multiprocessing.get_context(name), {})
            for name in multiprocessing.get_all_start_methods()}
CONTEXTS[None] = CONTEXTS[multiprocessing.get_all_start_methods()[0]]


def get_context(method=None):
    try:
        return CONTEXTS[method]
    except (KeyError, TypeError):
        raise ValueError(f"cannot find context for {method!r}") from None


def get_all_start_methods():
    return list(CONTEXTS)  # the bug: the None key is listed too


KILLS = {
    "test_start_methods.py::test_all_start_methods_lists_the_default_first":
        violated("unknown-method"),
}
