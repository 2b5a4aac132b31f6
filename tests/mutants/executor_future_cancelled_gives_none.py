"""Bug: the executor's futures' result() and exception() wait until done() and then give what
the future holds, without asking whether it was cancelled: a cancelled future's result() returns
None (and exception() None) instead of raising CancelledError, as the real ones do."""

from concurrent.futures import Future, ProcessPoolExecutor

from tests.mutants.base import mutant, violated


class CancelBlindFuture(Future):
    def _wait_done(self, timeout):
        if not self.done():
            self._condition.wait(timeout)
        if not self.done():
            raise TimeoutError()

    def result(self, timeout=None):
        with self._condition:
            self._wait_done(timeout)  # the bug: a cancelled future is done, with no result
            if self._exception is not None:
                raise self._exception
            return self._result

    def exception(self, timeout=None):
        with self._condition:
            self._wait_done(timeout)  # the bug, as in result()
            return self._exception


class CancelBlindExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        future.__class__ = CancelBlindFuture
        return future


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return CancelBlindExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_only_futures_still_waiting_can_be_cancelled": violated("returned"),
}
