"""Bug: get_context() looks the name up in its table of contexts and lets the KeyError of an
unknown name escape, instead of translating it into the ValueError("cannot find context for
...") the real implementation raises."""

import multiprocessing

from tests.mutants.base import mutant, violated

_get_context, get_all_start_methods = mutant()


def get_context(method=None):
    if method is not None:
        contexts = {name: name for name in multiprocessing.get_all_start_methods()}
        method = contexts[method]  # the bug: KeyError escapes
    return _get_context(method)


KILLS = {
    "test_start_methods.py::test_unknown_method_is_refused": violated("raised-other"),
}
