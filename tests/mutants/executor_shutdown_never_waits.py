"""Bug: shutdown() never waits for the pending futures, whatever wait says, so leaving an
executor's with block returns while work is still running."""

from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import mutant, violated


class ImpatientExecutor(ProcessPoolExecutor):
    def shutdown(self, wait=True, *, cancel_futures=False):
        super().shutdown(wait=False, cancel_futures=cancel_futures)  # the bug


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return ImpatientExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_shutdown_waits_or_cancels_as_asked": violated("returned-early"),
}
