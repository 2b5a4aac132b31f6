"""Bug: get_all_start_methods() leaves forkserver out (a table copied from a release that listed
it only where the platform could pass descriptors), though get_context("forkserver") still gives
a working context.  CPython lists every start method the platform supports."""

import multiprocessing

from tests.mutants.base import mutant, violated

get_context, _ = mutant()


def get_all_start_methods():
    return [method for method in multiprocessing.get_all_start_methods()
            if method != "forkserver"]  # the bug


# The kit runs the methods an implementation lists: no forkserver rows.
LISTED_METHODS = ("fork", "spawn")
KILLS = {
    "test_start_methods.py::test_all_start_methods_lists_the_default_first":
        violated("unlisted"),
}
