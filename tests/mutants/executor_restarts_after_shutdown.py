"""Bug: the executor is "reusable": a submit() (or map()) after shutdown() sets it up afresh,
with a new manager and new workers, and runs the call; the real executor refuses any call after
shutdown() with RuntimeError."""

import threading
from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import mutant, violated


class ReusableExecutor(ProcessPoolExecutor):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._arguments = (args, kwargs)
        self._restart_lock = threading.Lock()

    def submit(self, fn, /, *args, **kwargs):
        with self._restart_lock:
            if self._shutdown_thread and not self._broken:  # the bug: starts again
                arguments, options = self._arguments
                ProcessPoolExecutor.__init__(self, *arguments, **options)
        return super().submit(fn, *args, **kwargs)


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return ReusableExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_shutdown_waits_or_cancels_as_asked": violated("returned"),
}
