"""Bug: the pool module does not export ``AsyncResult``: the class of apply_async()'s results
is there only as ApplyResult, so code annotated or checked with the documented
``multiprocessing.pool.AsyncResult`` fails.  The real module keeps
``AsyncResult = ApplyResult``."""

import sys
import types
from multiprocessing import pool as real_pool

from tests.mutants.base import mutant, violated

pool = types.ModuleType(f"{__name__}.pool")
pool.__dict__.update({name: value for name, value in vars(real_pool).items()
                      if not name.startswith("__") and name != "AsyncResult"})  # the bug
sys.modules[pool.__name__] = pool

get_context, get_all_start_methods = mutant()
KILLS = {
    "test_pool.py::test_pool_arguments_and_misuse_are_refused": violated("not-an-async-result"),
}
