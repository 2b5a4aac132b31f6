"""Bug: the executor starts every worker at the first submit() under every start method, not
only under fork, where on-demand starts are what spawn and forkserver get."""

from concurrent.futures import ProcessPoolExecutor

from tests.mutants.base import SPAWNING, mutant, violated


class EagerExecutor(ProcessPoolExecutor):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._safe_to_dynamically_spawn_children = False  # the bug


def make_executor(ctx, *args, **kwargs):
    kwargs.setdefault("mp_context", ctx)
    return EagerExecutor(*args, **kwargs)


get_context, get_all_start_methods = mutant(ProcessPoolExecutor=make_executor)
KILLS = {
    "test_executor.py::test_workers_start_as_the_start_method_requires":
        violated("wrong-start", under=SPAWNING),
}
