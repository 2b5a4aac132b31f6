"""Bug: get_all_start_methods() appends the default after the alternatives, so the first
listed method is not the one get_context() returns."""

import multiprocessing

from tests.mutants.base import mutant, violated

get_context, _ = mutant()


def get_all_start_methods():
    default = multiprocessing.get_context().get_start_method()
    methods = multiprocessing.get_all_start_methods()
    return [m for m in methods if m != default] + [default]


KILLS = {
    "test_start_methods.py::test_all_start_methods_lists_the_default_first":
        violated("default-not-first"),
}
