"""Bug: Pipe() ignores ``duplex=False`` and always returns a two-way pipe, so the receiving end
can send and the sending end can receive."""

from tests.mutants.base import mutant, violated


def pipe(ctx, duplex=True):
    return ctx.Pipe(True)  # the bug


get_context, get_all_start_methods = mutant(Pipe=pipe)
KILLS = {
    "test_pipe.py::test_one_way_pipe_refuses_the_wrong_direction": violated("returned"),
}
