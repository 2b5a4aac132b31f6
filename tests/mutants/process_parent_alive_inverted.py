"""Bug: parent_process().is_alive() returns whether the parent's sentinel is ready (the `not`
is missing), so the parent reads as dead while it runs and alive once it has exited; CPython
returns `not wait([sentinel], timeout=0)`."""

from multiprocessing import process as process_module
from multiprocessing.connection import wait

from tests.mutants.base import mutant, violated


class InvertedParent(process_module._ParentProcess):
    def is_alive(self):
        return bool(wait([self._sentinel], timeout=0))  # the bug: the `not` is missing


def parent_process(ctx):
    parent = ctx.parent_process()
    if parent is not None:
        parent.__class__ = InvertedParent
    return parent


get_context, get_all_start_methods = mutant(parent_process=parent_process)
KILLS = {
    "test_process.py::test_parent_process_is_the_creator_until_it_exits":
        violated("wrong-liveness", "wrong-parent"),
}
