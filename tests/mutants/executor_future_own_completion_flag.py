"""Bug: the executor's futures keep their outcome in fields of their own (done(), result(),
exception(), callbacks and set_result() all use them; set_result() wakes wait()'s waiters as
Future's does) and never move the base Future's state to FINISHED, which
concurrent.futures.wait() and as_completed() read first: a future finished before they are
called never counts as finished.  The real futures finish through Future.set_result() and
set_exception(), which set that state."""

from concurrent import futures
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import process as cf_process
from concurrent.futures._base import LOGGER

from tests.mutants.base import mutant, violated


class FlaggedFuture(Future):
    def __init__(self):
        super().__init__()
        self._finished = False
        self._outcome = None  # ("value", v) or ("raised", exc)

    def done(self):
        return self._finished or super().done()

    def _settle(self, outcome):
        with self._condition:
            if self._finished:
                raise futures.InvalidStateError(f"{self!r} has already finished")
            self._outcome = outcome
            self._finished = True  # the bug: the base state is left RUNNING
            for waiter in self._waiters:
                if outcome[0] == "raised":
                    waiter.add_exception(self)
                else:
                    waiter.add_result(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_result(self, result):
        self._settle(("value", result))

    def set_exception(self, exception):
        self._settle(("raised", exception))

    def _wait(self, timeout):
        with self._condition:
            if not self._finished and not super().done():
                self._condition.wait(timeout)
            if super().cancelled():
                raise futures.CancelledError()
            if not self._finished:
                raise futures.TimeoutError()
            return self._outcome

    def result(self, timeout=None):
        kind, value = self._wait(timeout)
        if kind == "raised":
            raise value
        return value

    def exception(self, timeout=None):
        kind, value = self._wait(timeout)
        return value if kind == "raised" else None

    def add_done_callback(self, fn):
        with self._condition:
            if not self.done():
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception:
            LOGGER.exception("exception calling callback for %r", self)


class FlaggedExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        """CPython's submit(), making a FlaggedFuture."""
        with self._shutdown_lock:
            if self._broken:
                raise cf_process.BrokenProcessPool(self._broken)
            if self._shutdown_thread:
                raise RuntimeError("cannot schedule new futures after shutdown")
            if cf_process._global_shutdown:
                raise RuntimeError("cannot schedule new futures after interpreter shutdown")
            f = FlaggedFuture()
            self._pending_work_items[self._queue_count] = cf_process._WorkItem(f, fn, args,
                                                                               kwargs)
            self._work_ids.put(self._queue_count)
            self._queue_count += 1
            self._executor_manager_thread_wakeup.wakeup()
            if self._safe_to_dynamically_spawn_children:
                self._adjust_process_count()
            self._start_executor_manager_thread()
            return f


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return FlaggedExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_futures_time_out_and_report_their_completion":
        violated("wrong-completion"),
}
