"""Bug: the child's bootstrap calls the target directly (`self._target(*self._args,
**self._kwargs)`) instead of self.run(), so a subclass's overriding run() never runs and a
Process made with target=None fails with TypeError (exit code 1); CPython's bootstrap calls
run(), which does nothing when the target is None."""

from tests.mutants.base import mutant, process_of, violated


class TargetBootstrap:
    def _bootstrap(self, *args, **kwargs):
        self.run = lambda: self._target(*self._args, **self._kwargs)  # the bug
        return super()._bootstrap(*args, **kwargs)


get_context, get_all_start_methods = mutant(Process=process_of(TargetBootstrap, globals()))
KILLS = {
    "test_process.py::test_misuse_of_a_process_object_is_refused":
        violated("override-ignored", "target-none-failed"),
}
