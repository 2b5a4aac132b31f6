"""Bug: a new Event starts set: its flag semaphore is created with the value 1, so wait()
returns True at once before anybody called set() (the real Event creates it with 0: unset)."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class SetAtBirthEvent(synchronize.Event):
    def __init__(self, *, ctx):
        self._cond = ctx.Condition(ctx.Lock())
        self._flag = ctx.Semaphore(1)  # the bug: multiprocessing creates Semaphore(0)


def event(ctx):
    return SetAtBirthEvent(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Event=event)
KILLS = {
    "test_event.py::test_set_wakes_every_waiter": violated("before-set"),
    "test_event.py::test_wait_on_unset_event_returns_false_after_timeout": violated("not-false"),
    "test_event.py::test_flag_agrees_across_processes": violated("disagrees"),
}
