"""Bug: join_thread() joins the feeder thread itself (``self._thread.join()``), but close(), once
it has told the feeder to finish, drops its reference to the thread (``self._thread = None``, as
a reset does): join_thread() after close() raises AttributeError.  The real join_thread() joins
through the finalizer that holds the thread, and close() keeps it."""

from multiprocessing import queues

from tests.mutants.base import mutant, violated


class ForgetfulClose:
    def close(self):
        super().close()
        self._thread = None  # the bug: join_thread() still needs it

    def join_thread(self):
        assert self._closed, f"Queue {self!r} not closed"
        self._thread.join()


class ForgetfulQueue(ForgetfulClose, queues.Queue):
    pass


class ForgetfulJoinableQueue(ForgetfulClose, queues.JoinableQueue):
    pass


def queue(ctx, maxsize=0):
    return ForgetfulQueue(maxsize, ctx=ctx.get_context())


def joinable_queue(ctx, maxsize=0):
    return ForgetfulJoinableQueue(maxsize, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Queue=queue, JoinableQueue=joinable_queue)
KILLS = {
    "test_queue.py::test_closed_queue_refuses_put_and_get": violated("raised"),
    "test_queue.py::test_join_thread_only_after_close": violated("raised"),
}
