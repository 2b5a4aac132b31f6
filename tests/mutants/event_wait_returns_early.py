"""Bug: Event.wait(timeout) converts its timeout with the wrong unit and gives up halfway."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class HalfTimeoutEvent(synchronize.Event):
    def wait(self, timeout=None):
        if timeout is not None:
            timeout /= 2
        return super().wait(timeout)


def event(ctx):
    return HalfTimeoutEvent(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Event=event)
KILLS = {
    "test_event.py::test_wait_on_unset_event_returns_false_after_timeout": violated("early"),
}
