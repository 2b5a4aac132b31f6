"""Bug: Event.wait() returns the flag as it read it on entry instead of reading it again after
the inner wait, so a waiter woken by set() gets False (the real wait() re-reads the flag once
woken and returns True if it is set)."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class StaleFlagEvent(synchronize.Event):
    def wait(self, timeout=None):
        with self._cond:
            flag = self._flag.acquire(False)
            if flag:
                self._flag.release()
            else:
                self._cond.wait(timeout)
            return flag  # the bug: the flag is not read again after the wait


def event(ctx):
    return StaleFlagEvent(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Event=event)
KILLS = {
    "test_event.py::test_set_wakes_every_waiter": violated("not-true"),
}
