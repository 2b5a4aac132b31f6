"""Bug: the pool makes each worker daemonic from inside, at the start of its run, instead of
setting ``daemon = True`` on the Process before start(): the workers refuse to have children,
but the parent's Process objects are not daemonic, so at exit multiprocessing joins them
instead of terminating them.  The real pool sets the flag before starting each worker."""

from multiprocessing import pool

from tests.mutants.base import mutant, process_of, violated


class DaemonicOnlyInside:
    @property
    def daemon(self):
        return self._config.get("daemon", False)

    @daemon.setter
    def daemon(self, daemonic):
        pass  # the pool's `w.daemon = True` before start() is not what marks the worker

    def run(self):
        self._config["daemon"] = True  # the bug: done in the worker only
        super().run()


PROCESS = process_of(DaemonicOnlyInside, globals())


def worker_process(ctx, *args, **kwds):
    process = PROCESS(ctx, *args, **kwds)
    # named as the context's own Process class names its objects (ForkProcess-N ...)
    process.name = process.name.replace(DaemonicOnlyInside.__name__, "", 1)
    return process


class InsideDaemonPool(pool.Pool):
    Process = staticmethod(worker_process)


def make_pool(ctx, *args, **kwargs):
    return InsideDaemonPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_workers_are_daemonic_and_started_by_the_context":
        violated("not-daemonic"),
}
