"""Bug: shutdown(wait=False) terminates the workers (as a Pool's terminate() does) instead of
letting them finish: the futures still pending or running fail with BrokenProcessPool, where
the real executor returns at once and still completes every future it has not cancelled."""

from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import mutant, violated


class TerminatingExecutor(ProcessPoolExecutor):
    def shutdown(self, wait=True, *, cancel_futures=False):
        workers = list((self._processes or {}).values())
        super().shutdown(wait=wait, cancel_futures=cancel_futures)
        if not wait:
            for worker in workers:
                worker.terminate()  # the bug


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return TerminatingExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_shutdown_waits_or_cancels_as_asked":
        violated("lost-work", "running-cancelled"),
}
