"""Bug: a Lock whose release is lost, so the next acquirer blocks forever (a deadlock)."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, timed_out


class LostReleaseLock(synchronize.Lock):
    def _make_methods(self):
        super()._make_methods()
        self.release = lambda: None


def lock(ctx):
    return LostReleaseLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(Lock=lock)
KILLS = {
    "test_lock.py::test_critical_sections_are_serialised": timed_out("Lock.acquire"),
}
