"""Bug: the executor's futures convert the timeout of result() and exception() with the wrong
unit and give up halfway."""

from concurrent.futures import Future, ProcessPoolExecutor

from tests.mutants.base import mutant, violated


class HalfTimeoutFuture(Future):
    def result(self, timeout=None):
        return super().result(timeout / 2 if timeout else timeout)

    def exception(self, timeout=None):
        return super().exception(timeout / 2 if timeout else timeout)


class HalfTimeoutExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        future = super().submit(fn, *args, **kwargs)
        future.__class__ = HalfTimeoutFuture
        return future


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return HalfTimeoutExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_futures_time_out_and_report_their_completion": violated("early"),
}
