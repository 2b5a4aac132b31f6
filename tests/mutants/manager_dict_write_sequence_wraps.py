"""Bug: the dict proxy numbers its writes with a 5-bit sequence counter, and the server drops a
write whose number it has already seen as a retransmission: once the counter wraps, the 33rd
write from one process (and every 32nd after it) is silently lost."""

from multiprocessing.managers import DictProxy, SyncManager

from tests.mutants.base import mutant, violated

SEQUENCE_NUMBERS = 32


class WrappingDictProxy(DictProxy):
    def __setitem__(self, key, value):
        sent = self.__dict__.get("_sent", 0)
        self.__dict__["_sent"] = sent + 1
        if sent < SEQUENCE_NUMBERS or sent % SEQUENCE_NUMBERS:
            return self._callmethod("__setitem__", (key, value))
        return None  # a sequence number seen before: taken for a retransmission


class WrappingManager(SyncManager):
    pass


WrappingManager.register("dict", dict, WrappingDictProxy)


def manager(ctx):
    started = WrappingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_dict.py::test_every_workers_write_is_reflected": violated("lost"),
}
