"""Bug: the pool's workers ignore the daemon flag the pool sets, so they are not daemonic and a
task can start processes of its own."""

from multiprocessing import pool

from tests.mutants.base import mutant, process_of, violated


class IgnoresDaemonFlag:
    @property
    def daemon(self):
        return self._config.get("daemon", False)

    @daemon.setter
    def daemon(self, daemonic):
        pass  # the bug


class NonDaemonicPool(pool.Pool):
    Process = staticmethod(process_of(IgnoresDaemonFlag, globals()))


def make_pool(ctx, *args, **kwargs):
    return NonDaemonicPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_workers_are_daemonic_and_started_by_the_context": violated("returned"),
}
