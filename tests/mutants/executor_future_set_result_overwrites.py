"""Bug: the executor's futures' set_result() does not check the future's state (as Python 3.7's
did), so setting the result of a finished future silently replaces it; the real set_result()
raises InvalidStateError for a future already finished or cancelled."""

from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures._base import FINISHED

from tests.mutants.base import mutant, violated


class OverwritingFuture(Future):
    def set_result(self, result):
        with self._condition:  # the bug: no check of the state
            self._result = result
            self._state = FINISHED
            for waiter in self._waiters:
                waiter.add_result(self)
            self._condition.notify_all()
        self._invoke_callbacks()


class OverwritingExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        future.__class__ = OverwritingFuture
        return future


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return OverwritingExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_futures_time_out_and_report_their_completion": violated("returned"),
}
