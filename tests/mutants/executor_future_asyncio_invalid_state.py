"""Bug: the executor's futures raise asyncio's InvalidStateError (imported from the wrong
module) when set_result() or set_exception() is called on a finished future; it is not
concurrent.futures.InvalidStateError (nor its base concurrent.futures.Error), so code that
catches the documented exception misses it."""

import asyncio
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures._base import CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED

from tests.mutants.base import mutant, violated


class AsyncioStateFuture(Future):
    def set_result(self, result):
        with self._condition:
            if self._state in {CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED}:
                raise asyncio.InvalidStateError(f"{self._state}: {self!r}")  # the bug
            self._result = result
            self._state = FINISHED
            for waiter in self._waiters:
                waiter.add_result(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_exception(self, exception):
        with self._condition:
            if self._state in {CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED}:
                raise asyncio.InvalidStateError(f"{self._state}: {self!r}")  # the bug
            self._exception = exception
            self._state = FINISHED
            for waiter in self._waiters:
                waiter.add_exception(self)
            self._condition.notify_all()
        self._invoke_callbacks()


class AsyncioStateExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        future.__class__ = AsyncioStateFuture
        return future


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return AsyncioStateExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_futures_time_out_and_report_their_completion":
        violated("raised-other"),
}
