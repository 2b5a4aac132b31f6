"""Bug: multiprocessing's Condition as ``python -O`` runs it — its ownership checks are
``assert`` statements, so they are stripped and wait()/notify() without the lock go unnoticed.

The class is CPython's own source, compiled here with ``optimize=1`` (what ``-O`` does).
"""

import inspect
import sys  # noqa: F401  (used by the compiled Condition)
import textwrap
import time  # noqa: F401  (used by the compiled Condition)
from multiprocessing import context, synchronize  # noqa: F401  (context: used by it too)

from tests.mutants.base import mutant, violated

exec(compile(textwrap.dedent(inspect.getsource(synchronize.Condition)), synchronize.__file__,
             "exec", optimize=1))
Condition.__qualname__ = "Condition"  # noqa: F821  (defined by the exec above)


def condition(ctx, lock=None):
    return Condition(lock, ctx=ctx.get_context())  # noqa: F821


get_context, get_all_start_methods = mutant(Condition=condition)
KILLS = {
    "test_condition.py::test_use_without_the_lock_raises": violated("returned"),
}
