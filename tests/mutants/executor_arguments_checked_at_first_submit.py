"""Bug: the executor only records its arguments when it is made and sets itself up (checking
max_workers, initializer and max_tasks_per_child) at the first submit(), when it needs its
workers: an executor made with max_workers=0, a non-callable initializer or a max_tasks_per_child
that is not an int is accepted, and one never used never complains.  The real
ProcessPoolExecutor checks them in its constructor, which raises ValueError or TypeError."""

import threading
from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import mutant, violated


class LazyExecutor(ProcessPoolExecutor):
    def __init__(self, *args, **kwargs):
        self._arguments = (args, kwargs)  # the bug: checked (and used) only at the first submit
        self._set_up = False
        self._closed_before_use = False
        self._set_up_lock = threading.Lock()

    def _set_up_now(self):
        with self._set_up_lock:
            if not self._set_up:
                args, kwargs = self._arguments
                super().__init__(*args, **kwargs)
                self._set_up = True
                if self._closed_before_use:
                    self._shutdown_thread = True

    def submit(self, fn, /, *args, **kwargs):
        if self._closed_before_use:
            raise RuntimeError("cannot schedule new futures after shutdown")
        self._set_up_now()
        return super().submit(fn, *args, **kwargs)

    def shutdown(self, wait=True, *, cancel_futures=False):
        if not self._set_up:
            self._closed_before_use = True
            return
        super().shutdown(wait, cancel_futures=cancel_futures)


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return LazyExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_workers_start_as_the_start_method_requires": violated("returned"),
    "test_executor.py::test_a_failing_initializer_breaks_the_executor": violated("returned"),
    "test_executor.py::test_max_tasks_per_child_retires_workers": violated("returned"),
}
