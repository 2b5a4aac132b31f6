"""Bug: the executor makes its queues with mp_context but starts its workers with
multiprocessing.Process, the default context's, where the real one starts them with
mp_context.Process."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import _process_worker

from tests.mutants.base import mutant, violated


class DefaultProcessExecutor(ProcessPoolExecutor):
    def _spawn_process(self):
        p = multiprocessing.Process(  # the bug: not self._mp_context.Process
            target=_process_worker,
            args=(self._call_queue, self._result_queue, self._initializer, self._initargs,
                  self._max_tasks_per_child))
        p.start()
        self._processes[p.pid] = p


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return DefaultProcessExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_workers_start_as_the_start_method_requires":
        violated("wrong-context"),
}
