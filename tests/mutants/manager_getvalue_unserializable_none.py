"""Bug: a Lock proxy's ``_getvalue()`` treats a referent the server cannot pickle as having no
value and returns None, instead of raising RemoteError."""

import threading
from multiprocessing.managers import AcquirerProxy, RemoteError, SyncManager

from tests.mutants.base import mutant, violated


class QuietAcquirerProxy(AcquirerProxy):
    def _getvalue(self):
        try:
            return super()._getvalue()
        except RemoteError:  # the bug: the failure is swallowed
            return None


class QuietManager(SyncManager):
    pass


QuietManager.register("Lock", threading.Lock, QuietAcquirerProxy)


def manager(ctx):
    started = QuietManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_proxies.py::test_getvalue_of_an_unpicklable_referent_raises": violated("returned"),
}
