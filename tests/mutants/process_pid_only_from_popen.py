"""Bug: a drop-in that rewrote the spawning start methods' Process class reads Process.pid (and
ident) only from the object's Popen, which a spawned child's own process object does not have:
current_process().pid is None in every spawn and forkserver child (its fork class, the standard
library's, is right).  CPython returns os.getpid() when the object is the current process, and
the Popen's pid otherwise."""

import multiprocessing

from tests.mutants.base import SPAWNING, mutant, process_of, violated


class PidFromPopen:
    @property
    def ident(self):
        self._check_closed()
        return self._popen and self._popen.pid  # the bug: no os.getpid() for the current one

    pid = ident


BROKEN = process_of(PidFromPopen, globals())


def process(ctx, *args, **kwargs):
    if ctx.get_start_method() in SPAWNING:
        return BROKEN(ctx, *args, **kwargs)
    return multiprocessing.get_context(ctx.get_start_method()).Process(*args, **kwargs)


get_context, get_all_start_methods = mutant(Process=process)
KILLS = {
    "test_process.py::test_a_child_sees_the_identity_its_parent_gave_it":
        violated("wrong-pid", under=SPAWNING),
}
