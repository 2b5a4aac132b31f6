"""Bug: Event.wait() takes any return from the inner wait for "the flag was set", so a wait
that times out (or a wait(0) on an unset event) returns True."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class WokenMeansSetEvent(synchronize.Event):
    def wait(self, timeout=None):
        with self._cond:
            if self._flag.acquire(False):
                self._flag.release()
            else:
                self._cond.wait(timeout)
            return True  # the bug: the flag is not read again


def event(ctx):
    return WokenMeansSetEvent(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Event=event)
KILLS = {
    "test_event.py::test_wait_on_unset_event_returns_false_after_timeout": violated("not-false"),
    "test_event.py::test_flag_agrees_across_processes": violated("disagrees"),
}
