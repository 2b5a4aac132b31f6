"""The fake shared-dict library (``tests.fakes.fakedict``) as a shared dict; the kit reads it
whole with ``read_all()`` (its snapshot hook)."""

from conformance.adapters import Adapter, primitive
from conformance.adapters.handles import lock_path, remove_file
from tests.fakes import fakedict


def make_dict(ctx, *args, **kwargs):
    shared = fakedict.FileDict(lock_path())
    if args or kwargs:
        shared.update(*args, **kwargs)
    return shared


def snapshot(shared):
    return shared.read_all()


def close(shared):
    remove_file(shared.path)


ADAPTER = Adapter("fakedict", {
    "dict": primitive("dict", factory=make_dict, distribution="fakedict",
                      claims=["every write reflected", "linearizable reads and writes"],
                      snapshot=snapshot, close=close)})
