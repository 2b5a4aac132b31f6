"""Bug: a backport of Python 3.13's "fork children run their atexit handlers" (gh-83856) runs
atexit._run_exitfuncs() when a fork child ends but forgets the atexit._clear() when it starts,
so the child also runs the handlers it inherited from its parent; CPython 3.13 clears them at
the fork (and 3.11 runs none in a fork child)."""

import atexit
import os

from multiprocessing import popen_fork, util
from multiprocessing.context import ForkProcess

from tests.mutants.base import mutant, violated


class InheritedAtexitPopen(popen_fork.Popen):
    def _launch(self, process_obj):
        code = 1
        parent_r, child_w = os.pipe()
        child_r, parent_w = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            try:
                # the bug: no atexit._clear() here; the parent's handlers stay registered
                os.close(parent_r)
                os.close(parent_w)
                code = process_obj._bootstrap(parent_sentinel=child_r)
            finally:
                atexit._run_exitfuncs()
                os._exit(code)
        else:
            os.close(child_w)
            os.close(child_r)
            self.finalizer = util.Finalize(self, util.close_fds, (parent_r, parent_w))
            self.sentinel = parent_r


class InheritedAtexitForkProcess(ForkProcess):
    @staticmethod
    def _Popen(process_obj):
        return InheritedAtexitPopen(process_obj)


def process(ctx, *args, **kwargs):
    if ctx.get_start_method() == "fork":
        return InheritedAtexitForkProcess(*args, **kwargs)
    return ctx.Process(*args, **kwargs)


get_context, get_all_start_methods = mutant(Process=process)
KILLS = {
    "test_process.py::test_spawning_children_reimport_the_main_module":
        violated("parent-atexit", under=("fork",)),
}
