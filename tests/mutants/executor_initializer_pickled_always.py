"""Bug: the executor pickles the initializer (and its arguments) for every worker it starts,
under every start method, so an initializer that cannot be pickled is refused even under fork;
the real executor hands them to the context's Process, which pickles them only under spawn and
forkserver (a forked worker inherits them)."""

import pickle
from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import mutant, violated


class PicklingExecutor(ProcessPoolExecutor):
    def _spawn_process(self):
        pickle.dumps((self._initializer, self._initargs))  # the bug: whatever the start method
        super()._spawn_process()


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return PicklingExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_a_failing_initializer_breaks_the_executor":
        violated("fork-refused", under=("fork",)),
}
