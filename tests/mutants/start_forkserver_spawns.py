"""Bug: the forkserver context's Process starts its children by spawn (as if the fork server
were unavailable) while the context still reports forkserver, so children start slowly and
without the server's preloaded modules."""

from multiprocessing import context

from tests.mutants.base import mutant, violated


def process(ctx, *args, **kwargs):
    if ctx.get_start_method() == "forkserver":
        return context.SpawnProcess(*args, **kwargs)
    return ctx.Process(*args, **kwargs)


get_context, get_all_start_methods = mutant(Process=process)
KILLS = {
    "test_start_methods.py::test_context_starts_children_by_its_method":
        violated("started-otherwise", under=("forkserver",)),
}
