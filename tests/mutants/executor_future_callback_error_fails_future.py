"""Bug: the executor's futures run their done callbacks through one helper that stores a
raising callback's exception as the future's exception, so a successful future then reports
it and nothing is logged; the real future logs the exception and ignores it."""

from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures._base import CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED

from tests.mutants.base import mutant, violated


class FailingCallbackFuture(Future):
    def _run_callback(self, fn):
        try:
            fn(self)
        except Exception as exc:
            self._exception = exc  # the bug: not logged, and the outcome is changed

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            self._run_callback(callback)

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in [CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED]:
                self._done_callbacks.append(fn)
                return
        self._run_callback(fn)


class FailingCallbackExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        future.__class__ = FailingCallbackFuture
        return future


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return FailingCallbackExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_futures_time_out_and_report_their_completion":
        violated("wrong-state", "callback-error-escaped"),
}
