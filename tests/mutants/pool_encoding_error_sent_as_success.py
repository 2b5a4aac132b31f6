"""Bug: a worker that cannot pickle a task's result wraps the pickling error in
MaybeEncodingError but sends it back with the result's own success flag (True for a task that
returned), so get() returns the MaybeEncodingError instead of raising it.  The real worker
sends ``(False, MaybeEncodingError(...))``."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


def worker(inqueue, outqueue, initializer=None, initargs=(), maxtasks=None,
           wrap_exception=False):
    """The standard library's pool worker, keeping the success flag of an unsendable result."""
    put, get = outqueue.put, inqueue.get
    if hasattr(inqueue, "_writer"):
        inqueue._writer.close()
        outqueue._reader.close()
    if initializer is not None:
        initializer(*initargs)
    completed = 0
    while maxtasks is None or completed < maxtasks:
        try:
            task = get()
        except (EOFError, OSError):
            break
        if task is None:
            break
        job, i, func, args, kwds = task
        try:
            result = (True, func(*args, **kwds))
        except Exception as e:
            if wrap_exception:
                e = pool.ExceptionWithTraceback(e, e.__traceback__)
            result = (False, e)
        try:
            put((job, i, result))
        except Exception as e:
            wrapped = pool.MaybeEncodingError(e, result[1])
            put((job, i, (result[0], wrapped)))  # the bug: the flag should be False
        task = job = result = func = args = kwds = None
        completed += 1


class FlagKeepingPool(pool.Pool):
    @staticmethod
    def Process(ctx, *args, **kwds):
        kwds["target"] = worker
        return ctx.Process(*args, **kwds)


def make_pool(ctx, *args, **kwargs):
    return FlagKeepingPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_unpicklable_tasks_and_results_fail_without_breaking_the_pool":
        violated("returned"),
}
