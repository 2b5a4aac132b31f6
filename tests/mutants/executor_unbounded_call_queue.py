"""Bug: the executor's call queue has no bound, so every submitted call moves into it at once:
all report running() and none can be cancelled, by cancel() or by shutdown(cancel_futures=True)."""

from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import mutant, violated


class UnboundedExecutor(ProcessPoolExecutor):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._call_queue = type(self._call_queue)(  # the bug: max_size 0, no bound
            max_size=0, ctx=self._mp_context, pending_work_items=self._pending_work_items,
            shutdown_lock=self._shutdown_lock, thread_wakeup=self._executor_manager_thread_wakeup)
        self._call_queue._ignore_epipe = True


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return UnboundedExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_only_futures_still_waiting_can_be_cancelled":
        violated("none-cancellable"),
    "test_executor.py::test_shutdown_waits_or_cancels_as_asked": violated("none-cancelled"),
}
