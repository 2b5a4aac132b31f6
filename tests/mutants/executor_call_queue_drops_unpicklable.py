"""Bug: the executor's call queue is a plain Queue, whose feeder thread prints and drops a call
it cannot pickle instead of failing that call's future."""

from concurrent.futures import ProcessPoolExecutor
from multiprocessing.queues import Queue

from tests.mutants.base import mutant, timed_out


class DroppingExecutor(ProcessPoolExecutor):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._call_queue = Queue(self._call_queue._maxsize, ctx=self._mp_context)  # the bug
        self._call_queue._ignore_epipe = True


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return DroppingExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_unpicklable_calls_and_results_fail_only_their_future":
        timed_out("futures of unpicklable calls and results"),
}
