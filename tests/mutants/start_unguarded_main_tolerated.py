"""Bug: a Process started while a spawning child is still importing the main module is quietly
not started (instead of raising RuntimeError), so an unguarded main module seems to work and
its mistake goes unnoticed."""

import multiprocessing
from multiprocessing.context import ForkProcess, ForkServerProcess, SpawnProcess

from tests.mutants.base import mutant, violated


class Tolerant:
    def start(self):
        if getattr(multiprocessing.current_process(), "_inheriting", False):
            return None
        return super().start()


class TolerantFork(Tolerant, ForkProcess):
    pass


class TolerantSpawn(Tolerant, SpawnProcess):
    pass


class TolerantForkServer(Tolerant, ForkServerProcess):
    pass


CLASSES = {"fork": TolerantFork, "spawn": TolerantSpawn, "forkserver": TolerantForkServer}


def process(ctx, *args, **kwargs):
    return CLASSES[ctx.get_start_method()](*args, **kwargs)


get_context, get_all_start_methods = mutant(Process=process)
KILLS = {
    "test_start_methods.py::test_unguarded_main_fails_spawning_children": violated("started"),
}
