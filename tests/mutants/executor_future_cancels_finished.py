"""Bug: the executor's futures' cancel() refuses only a running future, so a finished one is
"cancelled" (its result replaced by CancelledError); the real cancel() returns False for a
running or finished future."""

from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures._base import CANCELLED, CANCELLED_AND_NOTIFIED, RUNNING

from tests.mutants.base import mutant, violated


class LateCancelFuture(Future):
    def cancel(self):
        with self._condition:
            if self._state == RUNNING:  # the bug: FINISHED is not refused
                return False
            if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                return True
            self._state = CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True


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
        violated("cancelled-while-running"),
}
