"""Bug: get_all_start_methods() returns its table of methods as a tuple (an immutable constant,
to keep callers from changing it) instead of a list; CPython returns a new list."""

import multiprocessing

from tests.mutants.base import mutant, violated

get_context, _ = mutant()


def get_all_start_methods():
    return tuple(multiprocessing.get_all_start_methods())  # the bug: not a list


KILLS = {
    "test_start_methods.py::test_all_start_methods_lists_the_default_first":
        violated("not-a-list"),
}
