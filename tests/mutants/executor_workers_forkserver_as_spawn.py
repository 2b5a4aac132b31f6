"""Bug: the executor knows two ways to start its workers, fork and spawn, and takes every
context that does not fork for spawn: with a forkserver context its workers are spawn
processes; the real one starts them with mp_context.Process, whatever its start method."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import _process_worker

from tests.mutants.base import mutant, violated


class TwoWayExecutor(ProcessPoolExecutor):
    def _spawn_process(self):
        if self._safe_to_dynamically_spawn_children:  # not fork
            start = multiprocessing.get_context("spawn").Process  # the bug
        else:
            start = self._mp_context.Process
        p = start(target=_process_worker,
                  args=(self._call_queue, self._result_queue, self._initializer,
                        self._initargs, self._max_tasks_per_child))
        p.start()
        self._processes[p.pid] = p


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return TwoWayExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_workers_start_as_the_start_method_requires":
        violated("wrong-context", under=("forkserver",)),
}
