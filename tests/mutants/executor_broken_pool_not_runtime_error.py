"""Bug: the executor raises its own BrokenProcessPool, derived from Exception, when a worker
dies (for the pending futures and for later submit() calls); the real BrokenProcessPool is a
BrokenExecutor, itself a RuntimeError, so code catching those misses this one."""

from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import _ExecutorManagerThread, _threads_wakeups

from tests.mutants.base import mutant, violated


class BrokenProcessPool(Exception):  # the bug: not a BrokenExecutor (a RuntimeError)
    """A worker of the pool terminated abruptly."""


class OwnErrorManager(_ExecutorManagerThread):
    def terminate_broken(self, cause):
        executor = self.executor_reference()
        if executor is not None:
            executor._broken = "a child process terminated abruptly"
            executor._shutdown_thread = True
            executor = None
        error = BrokenProcessPool("a process of the pool terminated abruptly")
        for work_item in self.pending_work_items.values():
            work_item.future.set_exception(error)
        self.pending_work_items.clear()
        for process in self.processes.values():
            process.terminate()
        self.call_queue._reader.close()
        self.join_executor_internals()


class OwnErrorExecutor(ProcessPoolExecutor):
    def _start_executor_manager_thread(self):
        if self._executor_manager_thread is None:
            if not self._safe_to_dynamically_spawn_children:
                self._launch_processes()
            self._executor_manager_thread = OwnErrorManager(self)
            self._executor_manager_thread.start()
            _threads_wakeups[self._executor_manager_thread] = \
                self._executor_manager_thread_wakeup

    def submit(self, fn, /, *args, **kwargs):
        if self._broken:
            raise BrokenProcessPool(self._broken)
        return super().submit(fn, *args, **kwargs)


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return OwnErrorExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_a_worker_that_dies_breaks_the_executor":
        violated("wrong-hierarchy"),
}
