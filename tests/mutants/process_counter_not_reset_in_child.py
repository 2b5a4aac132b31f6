"""Bug: a forked child keeps the Process counter it inherited from its parent instead of
starting its own at 1, so the first Process object a child makes is named '<Class>-N:M' with M
where the parent's count had got to, not '<Class>-N:1'.  CPython's child bootstrap resets the
counter (_process_counter = itertools.count(1)); spawned and forkserver children start from a
fresh counter anyway."""

from multiprocessing import process

from tests.mutants.base import mutant, process_of, violated


class CounterKept:
    def _bootstrap(self, *args, **kwargs):
        self._inherited_counter = process._process_counter
        return super()._bootstrap(*args, **kwargs)

    def _after_fork(self):  # runs after the bootstrap's reset, before run()
        process._process_counter = self._inherited_counter  # the bug: the reset is undone
        super()._after_fork()


get_context, get_all_start_methods = mutant(Process=process_of(CounterKept, globals()))
KILLS = {
    "test_process.py::test_a_child_sees_the_identity_its_parent_gave_it":
        violated("wrong-name", under=("fork",)),
}
