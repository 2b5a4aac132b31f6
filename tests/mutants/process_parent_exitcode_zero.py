"""Bug: parent_process().exitcode is derived from is_alive() (None while the parent runs, 0 once
it has gone), though a child cannot reap its parent and learn how it ended; CPython's
parent_process().exitcode is always None."""

from multiprocessing import process as process_module

from tests.mutants.base import mutant, violated


class ParentWithExitcode(process_module._ParentProcess):
    @property
    def exitcode(self):
        return None if self.is_alive() else 0  # the bug


def parent_process(ctx):
    parent = ctx.parent_process()
    if parent is not None:
        parent.__class__ = ParentWithExitcode
    return parent


get_context, get_all_start_methods = mutant(parent_process=parent_process)
KILLS = {
    "test_process.py::test_parent_process_is_the_creator_until_it_exits": violated("has-exitcode"),
}
