"""Bug: timed put() and get() convert their timeout with the wrong unit and give up halfway."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class HastyQueue(queues.Queue):
    def put(self, obj, block=True, timeout=None):
        return super().put(obj, block, None if timeout is None else timeout / 2)

    def get(self, block=True, timeout=None):
        return super().get(block, None if timeout is None else timeout / 2)


def queue(ctx, maxsize=0):
    return HastyQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue)
KILLS = {
    "test_queue.py::test_get_from_empty_queue_raises_empty_never_early": violated("early"),
    "test_queue.py::test_put_to_full_queue_raises_full_never_early": violated("early"),
}
