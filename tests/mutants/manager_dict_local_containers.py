"""Bug: the manager's dict() and list() build the container in the calling process and return
it, as the manager of multiprocessing.dummy (a drop-in for threads) does, instead of creating
it in the server process and returning a proxy for it: the container is a private copy, which
another process given it does not share.  The real SyncManager.dict() and list() "Create a
shared ... object and return a proxy for it"."""

import builtins
from multiprocessing.managers import SyncManager

from tests.mutants.base import mutant, violated


class LocalContainersManager(SyncManager):
    def dict(self, *args, **kwargs):
        return builtins.dict(*args, **kwargs)  # the bug: not self._create(...) and a DictProxy

    def list(self, *args):
        return builtins.list(*args)


def manager(ctx):
    started = LocalContainersManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_dict.py::test_dict_and_list_start_as_given": violated("not-a-proxy"),
}
