"""Bug: once a worker has died (or its initializer raised), the executor fails the pending
futures and refuses submit() with the generic BrokenExecutor, where the real one raises its
subclass BrokenProcessPool."""

from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from concurrent.futures.process import _ExecutorManagerThread, _threads_wakeups

from tests.mutants.base import mutant, violated


class GenericManager(_ExecutorManagerThread):
    def terminate_broken(self, cause):
        executor = self.executor_reference()
        if executor is not None:
            executor._broken = "a child process terminated abruptly"
            executor._shutdown_thread = True
            executor = None
        error = BrokenExecutor("a process of the pool terminated abruptly")  # the bug
        for work_item in self.pending_work_items.values():
            work_item.future.set_exception(error)
        self.pending_work_items.clear()
        for process in self.processes.values():
            process.terminate()
        self.call_queue._reader.close()
        self.join_executor_internals()


class GenericExecutor(ProcessPoolExecutor):
    def _start_executor_manager_thread(self):
        if self._executor_manager_thread is None:
            if not self._safe_to_dynamically_spawn_children:
                self._launch_processes()
            self._executor_manager_thread = GenericManager(self)
            self._executor_manager_thread.start()
            _threads_wakeups[self._executor_manager_thread] = \
                self._executor_manager_thread_wakeup

    def submit(self, fn, /, *args, **kwargs):
        if self._broken:
            raise BrokenExecutor(self._broken)  # the bug
        return super().submit(fn, *args, **kwargs)


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return GenericExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_a_worker_that_dies_breaks_the_executor":
        violated("wrong-end", "not-refused"),
    "test_executor.py::test_a_failing_initializer_breaks_the_executor": violated("not-broken"),
}
