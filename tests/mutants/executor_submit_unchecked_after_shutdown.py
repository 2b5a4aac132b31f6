"""Bug: the executor's submit() checks only whether the executor is broken, not whether it was
shut down: after shutdown() it queues the call and wakes the manager through the wakeup channel
shutdown() has already released, failing with AttributeError; the real submit() (and so map())
raises RuntimeError after shutdown."""

from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool, _WorkItem

from tests.mutants.base import mutant, violated


class UncheckedSubmitExecutor(ProcessPoolExecutor):
    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock:
            if self._broken:
                raise BrokenProcessPool(self._broken)
            # the bug: no check of self._shutdown_thread
            future = Future()
            self._pending_work_items[self._queue_count] = _WorkItem(future, fn, args, kwargs)
            self._work_ids.put(self._queue_count)
            self._queue_count += 1
            self._executor_manager_thread_wakeup.wakeup()
            if self._safe_to_dynamically_spawn_children:
                self._adjust_process_count()
            self._start_executor_manager_thread()
            return future


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return UncheckedSubmitExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_shutdown_waits_or_cancels_as_asked": violated("raised-other"),
}
