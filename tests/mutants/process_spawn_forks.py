"""Bug: the spawn context starts its processes with fork (a fallback left switched on), so
spawn children inherit the parent's memory instead of starting fresh."""

import multiprocessing

from tests.mutants.base import mutant, violated


def process(ctx, *args, **kwargs):
    if ctx.get_start_method() == "spawn":
        return multiprocessing.get_context("fork").Process(*args, **kwargs)  # the bug
    return ctx.Process(*args, **kwargs)


get_context, get_all_start_methods = mutant(Process=process)
KILLS = {
    "test_process.py::test_unpicklable_targets_fail_at_start_only_under_spawning_methods":
        violated("started", under=("spawn",)),
    "test_process.py::test_spawning_children_reimport_the_main_module":
        violated("wrong-globals", "wrong-import", "wrong-main-guard", under=("spawn",)),
}
