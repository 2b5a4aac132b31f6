"""Bug: parent_process() falls back to a process object for os.getppid() (watched through a
pidfd) when the process has no recorded parent, so the main process gets the program that
launched it as its parent; CPython's parent_process() is None in the main process."""

import os
from multiprocessing import process as process_module

from tests.mutants.base import mutant, violated

FALLBACK = []


def parent_process(ctx):
    parent = ctx.parent_process()
    if parent is None:  # the bug: the main process has no parent to report
        if not FALLBACK:
            pid = os.getppid()
            FALLBACK.append(process_module._ParentProcess("ParentProcess", pid,
                                                          os.pidfd_open(pid)))
        parent = FALLBACK[0]
    return parent


get_context, get_all_start_methods = mutant(parent_process=parent_process)
KILLS = {
    "test_process.py::test_parent_process_is_the_creator_until_it_exits": violated("in-main"),
}
