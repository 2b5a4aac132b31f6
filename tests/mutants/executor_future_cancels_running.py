"""Bug: the executor's futures' cancel() refuses only a finished future, so a running one (its
call with a worker or in the call queue) is "cancelled" while its call still runs; the real
cancel() returns False for a running or finished future.  (CPython's manager then fails to set
the result of a cancelled running future and stops.)"""

from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures._base import CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED

from tests.mutants.base import mutant, violated


class EagerCancelFuture(Future):
    def cancel(self):
        with self._condition:
            if self._state == FINISHED:  # the bug: RUNNING is not refused
                return False
            if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                return True
            self._state = CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True


class EagerCancelExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        future.__class__ = EagerCancelFuture
        return future


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return EagerCancelExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    # Whether the queued calls have run when the runs are counted depends on the scheduling.
    "test_executor.py::test_only_futures_still_waiting_can_be_cancelled":
        violated("cancelled-while-running", also=("cancelled-ran",)),
    "test_executor.py::test_shutdown_waits_or_cancels_as_asked":
        violated("running-cancelled", "cancelled-ran"),
}
