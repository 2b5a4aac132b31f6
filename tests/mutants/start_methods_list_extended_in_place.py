"""Bug: get_all_start_methods() appends forkserver with `methods += ["forkserver"]` to the
module's own list (an alias, not a copy), so every call after the first lists forkserver once
more; CPython builds a new list on every call."""

import sys

from multiprocessing import reduction

from tests.mutants.base import mutant, violated

get_context, _ = mutant()

_METHODS = ["spawn"] if sys.platform == "win32" else \
    ["spawn", "fork"] if sys.platform == "darwin" else ["fork", "spawn"]


def get_all_start_methods():
    methods = _METHODS
    if sys.platform != "win32" and reduction.HAVE_SEND_HANDLE:
        methods += ["forkserver"]  # the bug: extends _METHODS itself
    return methods


KILLS = {
    "test_start_methods.py::test_all_start_methods_lists_the_default_first":
        violated("duplicate"),
}
