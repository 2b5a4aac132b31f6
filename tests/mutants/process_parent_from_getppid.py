"""Bug: parent_process() takes the parent's pid from os.getppid(), which under forkserver is
the fork server, not the process that created the child."""

import os

from tests.mutants.base import mutant, violated


def parent_process(ctx):
    parent = ctx.parent_process()
    if parent is not None:
        parent._pid = os.getppid()  # the bug
    return parent


get_context, get_all_start_methods = mutant(parent_process=parent_process)
KILLS = {
    "test_process.py::test_parent_process_is_the_creator_until_it_exits":
        violated("wrong-parent", under=("forkserver",)),
}
