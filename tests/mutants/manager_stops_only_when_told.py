"""Bug: the manager stops its server only when ``shutdown()`` is called: no finalizer ties the
server to the manager's lifetime or to its process's exit, so a manager that is garbage-collected
leaves its server running, and a process that started one never finishes exiting (it waits for
its non-daemonic server child)."""

import functools

from multiprocessing.managers import SyncManager

from tests.mutants.base import mutant, timed_out, violated


class ExplicitShutdownManager(SyncManager):
    def start(self, *args, **kwargs):
        super().start(*args, **kwargs)
        finalizer = self.shutdown
        stop = functools.partial(finalizer._callback, *finalizer._args)
        finalizer.cancel()
        self.shutdown = stop


def manager(ctx):
    started = ExplicitShutdownManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_a_collected_manager_stops_its_server": violated("outlived"),
    "test_proxies.py::test_a_managers_server_exits_with_the_process_that_started_it":
        timed_out("the exit of a process whose manager still runs"),
}
