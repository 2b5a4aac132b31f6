"""Bug: the executor's futures' result(timeout) and exception(timeout) wait on the condition but
do not check whether the wait ended with the future finished: a future still running when the
timeout passes gives its unset result (None) instead of raising TimeoutError."""

from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures._base import CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED

from tests.mutants.base import mutant, violated


class UncheckedFuture(Future):
    def result(self, timeout=None):
        with self._condition:
            if self._state not in [CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED]:
                self._condition.wait(timeout)  # the bug: a wait that timed out is not told
            if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            if self._exception is not None:
                raise self._exception
            return self._result

    def exception(self, timeout=None):
        with self._condition:
            if self._state not in [CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED]:
                self._condition.wait(timeout)  # the bug, as in result()
            if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            return self._exception


class UncheckedExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        future.__class__ = UncheckedFuture
        return future


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return UncheckedExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_futures_time_out_and_report_their_completion":
        violated("not-timed-out"),
}
