"""Bug: Process() keeps deep copies of args and kwargs (a snapshot, so that every start method
gives the target the same values), so run() called directly works on copies and the caller's
objects are never touched; CPython keeps the objects themselves (tuple(args), dict(kwargs)) and
run() in the caller acts on them."""

import copy

from tests.mutants.base import mutant, process_of, violated


class SnapshotArguments:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        super().__init__(group, target, name, copy.deepcopy(tuple(args)),  # the bug
                         copy.deepcopy(dict(kwargs)), daemon=daemon)


get_context, get_all_start_methods = mutant(Process=process_of(SnapshotArguments, globals()))
KILLS = {
    "test_process.py::test_misuse_of_a_process_object_is_refused": violated("run-elsewhere"),
}
