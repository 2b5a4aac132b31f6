"""Bug: Event.set() notifies one waiter instead of all of them."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class NotifyOneEvent(synchronize.Event):
    def set(self):
        with self._cond:
            self._flag.acquire(False)
            self._flag.release()
            self._cond.notify()  # the bug: threading's Event.set() calls notify_all()


def event(ctx):
    return NotifyOneEvent(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Event=event)
KILLS = {
    "test_event.py::test_set_wakes_every_waiter": violated("not-woken"),
}
