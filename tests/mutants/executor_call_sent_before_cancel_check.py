"""Bug: the executor's manager puts a call into the call queue before asking its future to
start running (set_running_or_notify_cancel()), so a call whose future was cancelled is sent
to a worker anyway and runs (its result is dropped); the real manager asks first and sends
only the calls of futures now running."""

from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import (_CallItem, _ExecutorManagerThread, _threads_wakeups,
                                        queue)

from tests.mutants.base import mutant, violated


class HastyManager(_ExecutorManagerThread):
    def add_call_item_to_queue(self):
        while True:
            if self.call_queue.full():
                return
            try:
                work_id = self.work_ids_queue.get(block=False)
            except queue.Empty:
                return
            work_item = self.pending_work_items[work_id]
            self.call_queue.put(_CallItem(work_id, work_item.fn, work_item.args,
                                          work_item.kwargs), block=True)  # the bug: sent first
            if not work_item.future.set_running_or_notify_cancel():
                del self.pending_work_items[work_id]


class HastyExecutor(ProcessPoolExecutor):
    def _start_executor_manager_thread(self):
        if self._executor_manager_thread is None:
            if not self._safe_to_dynamically_spawn_children:
                self._launch_processes()
            self._executor_manager_thread = HastyManager(self)
            self._executor_manager_thread.start()
            _threads_wakeups[self._executor_manager_thread] = \
                self._executor_manager_thread_wakeup


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return HastyExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_only_futures_still_waiting_can_be_cancelled":
        violated("cancelled-ran"),
}
