"""Bug: Event.wait(timeout) computes its deadline on the monotonic clock but the time left
against the wall clock (time.time(), far ahead of time.monotonic()), so the time left is
negative at once and a timed wait on an unset Event returns False immediately instead of
waiting up to the timeout for set().  The real wait() sleeps on its condition for the
timeout; an untimed wait() is not affected.

A reader ordered after another process's write by such an Event (``wait(deadline)``) gives up
before the writer has signalled."""

import time
from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class MixedClocksEvent(synchronize.Event):
    def wait(self, timeout=None):
        end = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while not self._flag.acquire(False):
                if end is None:
                    self._cond.wait()
                    continue
                left = end - time.time()  # the bug: time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
            self._flag.release()
            return True


def event(ctx):
    return MixedClocksEvent(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Event=event)
KILLS = {
    # stale: only should the writer run a round ahead of the reader, whose waits return at once
    "test_manager_dict.py::test_read_after_signalled_write_sees_it":
        violated("never-signalled", also=("stale",)),
    "test_event.py::test_wait_on_unset_event_returns_false_after_timeout": violated("early"),
}
