"""Bug: the action runs in the party that opens a generation (the one whose index is 0, the
first to arrive) as it arrives, instead of in the party that completes it, once every party has
arrived (threading runs it in _release(), called by the last party to arrive)."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class FirstArrivalActionBarrier(synchronize.Barrier):
    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index == 0 and self._action:  # the bug: threading runs it in _release()
                    try:
                        self._action()
                    except BaseException:
                        self._break()
                        raise
                if index + 1 == self._parties:
                    self._state = 1
                    self._cond.notify_all()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()


def barrier(ctx, parties, action=None, timeout=None):
    return FirstArrivalActionBarrier(parties, action, timeout, ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Barrier=barrier)
KILLS = {
    # A party slow to read the run count after leaving may see the next generation's action,
    # which its fastest peer can already have run on arriving there.
    "test_barrier.py::test_action_runs_once_before_release":
        violated("before-all-arrived", also=("not-once-before-release",)),
}
