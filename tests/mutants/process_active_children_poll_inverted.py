"""Bug: active_children()'s clean-up has its test inverted: it drops from the list the
children whose poll() is None (still running) and keeps those that ended (poll() reaps them),
so running children are missing from the list and ended ones are listed.  CPython discards the
children whose poll() is not None."""

import multiprocessing.connection
from multiprocessing import process as process_module

from tests.mutants.base import mutant, violated


def active_children(ctx):
    for child in list(process_module._children):
        if child._popen.poll() is None:  # the bug: `is not None`
            process_module._children.discard(child)
    return list(process_module._children)


get_context, get_all_start_methods = mutant(active_children=active_children)
connection = multiprocessing.connection  # wait(): the implementation's own
KILLS = {
    "test_process.py::test_active_children_lists_exactly_the_running_children":
        violated("missed-running", "listed-ended"),
}
