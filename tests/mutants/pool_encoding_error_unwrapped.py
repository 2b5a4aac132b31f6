"""Bug: a worker that cannot pickle a task's result sends back the pickling error itself
instead of wrapping it in MaybeEncodingError."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


def worker(inqueue, outqueue, initializer=None, initargs=(), maxtasks=None,
           wrap_exception=False):
    """The standard library's pool worker, sending pickling errors as they are."""
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
            put((job, i, (False, e)))  # the bug: not wrapped in MaybeEncodingError
        task = job = result = func = args = kwds = None
        completed += 1


class UnwrappingPool(pool.Pool):
    @staticmethod
    def Process(ctx, *args, **kwds):
        kwds["target"] = worker
        return ctx.Process(*args, **kwds)


def make_pool(ctx, *args, **kwargs):
    return UnwrappingPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_unpicklable_tasks_and_results_fail_without_breaking_the_pool":
        violated("raised-other"),
}
