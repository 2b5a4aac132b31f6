"""Bug: the executor's futures' result() and exception() take a future for cancelled only in
the state the executor moves it to when it meets the cancelled call (CANCELLED_AND_NOTIFIED),
not in the state cancel() sets (CANCELLED): a future cancelled while its call still waits is
taken for unfinished, and result(0) or exception(0) raises TimeoutError where the real ones
raise CancelledError."""

from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures._base import CANCELLED_AND_NOTIFIED, FINISHED

from tests.mutants.base import mutant, violated


class LateCancelFuture(Future):
    def result(self, timeout=None):
        with self._condition:
            for attempt in range(2):
                if self._state == CANCELLED_AND_NOTIFIED:  # the bug: CANCELLED is missed
                    raise CancelledError()
                if self._state == FINISHED:
                    if self._exception is not None:
                        raise self._exception
                    return self._result
                if attempt == 0:
                    self._condition.wait(timeout)
            raise TimeoutError()

    def exception(self, timeout=None):
        with self._condition:
            for attempt in range(2):
                if self._state == CANCELLED_AND_NOTIFIED:  # the bug, as in result()
                    raise CancelledError()
                if self._state == FINISHED:
                    return self._exception
                if attempt == 0:
                    self._condition.wait(timeout)
            raise TimeoutError()


class LateCancelExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        future.__class__ = LateCancelFuture
        return future


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return LateCancelExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_only_futures_still_waiting_can_be_cancelled":
        violated("raised-other"),
}
