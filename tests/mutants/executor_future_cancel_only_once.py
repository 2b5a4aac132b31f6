"""Bug: the executor's futures' cancel() returns True only for a future still pending, so
cancelling an already cancelled future returns False; the real cancel() returns True again
(False only for a running or finished future)."""

from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures._base import CANCELLED, PENDING

from tests.mutants.base import mutant, violated


class OnceFuture(Future):
    def cancel(self):
        with self._condition:
            if self._state != PENDING:  # the bug: a cancelled future counts as refused
                return False
            self._state = CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True


class OnceExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        future.__class__ = OnceFuture
        return future


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return OnceExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_only_futures_still_waiting_can_be_cancelled":
        violated("wrong-state"),
}
