"""Bug: release() resets the recursion level to zero instead of decrementing it, so the first
inner release frees the RLock for other processes while its owner is still nested inside."""

from multiprocessing import synchronize

from tests.mutants.base import mutant, violated


class FlatReleaseRLock(synchronize.RLock):
    def _make_methods(self):
        super()._make_methods()
        semlock = self._semlock

        def release():
            semlock.release()
            while semlock._is_mine():
                semlock.release()

        self.release = release


def rlock(ctx):
    return FlatReleaseRLock(ctx=ctx.get_context())


get_context, get_all_start_methods = mutant(RLock=rlock)
KILLS = {
    "test_rlock.py::test_nested_critical_sections_are_serialised":
        violated("release-raised", also=("overlapped", "lost-update")),
    "test_rlock.py::test_held_until_released_once_per_acquire":
        violated("release-raised", "taken"),
}
