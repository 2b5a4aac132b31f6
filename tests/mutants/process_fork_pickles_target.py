"""Bug: start() checks that the target and its arguments can be pickled under every start
method (to report spawn portability problems early), so a fork start refuses a lambda target or
a lock argument it never needs to pickle; CPython pickles them only under spawn and forkserver,
where a child must receive them."""

from multiprocessing.reduction import ForkingPickler

from tests.mutants.base import mutant, process_of, violated


class PicklingStart:
    def start(self):
        ForkingPickler.dumps((self._target, self._args, self._kwargs))  # the bug: under fork too
        return super().start()


get_context, get_all_start_methods = mutant(Process=process_of(PicklingStart, globals()))
KILLS = {
    "test_process.py::test_unpicklable_targets_fail_at_start_only_under_spawning_methods":
        violated("failed-under-fork", under=("fork",)),
}
