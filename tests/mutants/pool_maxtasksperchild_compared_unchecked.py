"""Bug: Pool() checks maxtasksperchild only by comparing it (``if maxtasksperchild is not None and
maxtasksperchild < 1: raise ValueError``) without checking that it is an int first, so a string
such as "2" makes the comparison itself raise TypeError (and a float such as 1.5 is taken).  The
real Pool refuses anything but a positive int with ValueError."""

from multiprocessing import pool

from tests.mutants.base import mutant, violated


class ComparingPool(pool.Pool):
    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        if maxtasksperchild is not None and maxtasksperchild < 1:  # the bug: no isinstance()
            raise ValueError("maxtasksperchild must be a positive int or None")
        super().__init__(processes, initializer, initargs, None, context)
        self._maxtasksperchild = maxtasksperchild


def make_pool(ctx, *args, **kwargs):
    return ComparingPool(*args, context=ctx, **kwargs)


get_context, get_all_start_methods = mutant(Pool=make_pool)
KILLS = {
    "test_pool.py::test_pool_refuses_a_maxtasksperchild_that_is_not_a_positive_int":
        violated("raised-other"),
}
