"""Bug: Process.run() calls the target with the positional arguments only,
``self._target(*self._args)``: the kwargs given to Process() are stored but never passed on.
CPython's run() calls ``self._target(*self._args, **self._kwargs)``."""

from tests.mutants.base import mutant, process_of, violated


class KwargsDropped:
    def run(self):
        if self._target:
            self._target(*self._args)  # the bug: **self._kwargs is missing


get_context, get_all_start_methods = mutant(Process=process_of(KwargsDropped, globals()))
KILLS = {
    "test_process.py::test_a_child_sees_the_identity_its_parent_gave_it":
        violated("wrong-arguments"),
}
