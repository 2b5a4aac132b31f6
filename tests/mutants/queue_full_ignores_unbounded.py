"""Bug: full() compares qsize() with the maxsize the Queue was given, without the case of a
maxsize of zero or less (no limit): on an unbounded Queue full() is always True.  The real
full() asks whether every slot is taken, and an unbounded Queue has SEM_VALUE_MAX of them."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class GivenMaxsizeQueue(queues.Queue):
    def __init__(self, maxsize=0, *, ctx):
        super().__init__(maxsize, ctx=ctx)
        self._given_maxsize = maxsize  # as given: zero or less means no limit

    def __getstate__(self):
        return super().__getstate__(), self._given_maxsize

    def __setstate__(self, state):
        state, self._given_maxsize = state
        super().__setstate__(state)

    def full(self):
        return self.qsize() >= self._given_maxsize  # the bug: no "0 < maxsize and"


def queue(ctx, maxsize=0):
    return GivenMaxsizeQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_put_to_full_queue_raises_full_never_early":
        violated("full-unbounded"),
}
