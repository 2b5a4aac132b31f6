"""Bug: active_children() lists every child ever started without polling them, so ended
children stay listed and are never reaped."""

from multiprocessing import process as process_module

import multiprocessing.connection

from tests.mutants.base import mutant, violated


def active_children(ctx):
    return list(process_module._children)  # the bug: no poll, no join


get_context, get_all_start_methods = mutant(active_children=active_children)
connection = multiprocessing.connection  # wait(): the implementation's own
KILLS = {
    "test_process.py::test_active_children_lists_exactly_the_running_children":
        violated("listed-ended", "zombie"),
}
