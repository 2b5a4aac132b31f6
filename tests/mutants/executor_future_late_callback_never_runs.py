"""Bug: the executor's futures' add_done_callback() only stores the callback, without checking
whether the future has already finished, so a callback added to a finished future never runs
(nor is a raising one logged); the real one calls it at once, in the caller's thread."""

from concurrent.futures import Future, ProcessPoolExecutor

from tests.mutants.base import mutant, violated


class StoringFuture(Future):
    def add_done_callback(self, fn):
        with self._condition:
            self._done_callbacks.append(fn)  # the bug: run only by a completion to come


class StoringExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        future.__class__ = StoringFuture
        return future


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return StoringExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_futures_time_out_and_report_their_completion":
        violated("wrong-callback-thread", "callback-error-escaped"),
}
