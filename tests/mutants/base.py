"""Build a module double from the standard library with some context factories replaced.

Each mutant module ends with::

    get_context, get_all_start_methods = mutant(Lock=broken_lock)
    KILLS = {"test_lock.py::test_x": violated("overlapped")}

``KILLS`` names the invariants that must catch it, each with the exact outcome it must produce
and the start methods under which the bug shows (elsewhere the invariant must pass):

* ``violated("name", ..., under=ALL, also=())``: the result is violated, every forbidden outcome
  it observed is one of the names given or of ``also``, and each name given (not those of
  ``also``: outcomes that depend on the drawn example or the scheduling) is seen in one of the
  rows at least;
* ``timed_out("what*", under=ALL)``: only for liveness promises: the result timed out, stuck in
  something matching the pattern.
"""

import functools
import itertools
import multiprocessing
from dataclasses import dataclass
from multiprocessing import reduction

ALL = ("fork", "spawn", "forkserver")
SPAWNING = ("spawn", "forkserver")  # bugs in pickling do not show under fork


@dataclass(frozen=True)
class Kill:
    """The outcome an invariant must produce against a mutant, and where."""

    outcome: str
    under: tuple
    forbidden: tuple = ()
    stuck_in: str = ""
    also: tuple = ()

    def describe(self):
        shown = (f"forbidden {' or '.join(self.forbidden + self.also)}"
                 if self.outcome == "violated" else f"stuck in {self.stuck_in}")
        return f"{self.outcome} ({shown})"


def violated(*forbidden, under=ALL, also=()):
    """``violated()`` with ``also`` only: a bug whose forbidden outcome varies from run to run
    (one of those listed shows, none of them every time); none counts as produced."""
    if not forbidden and not also:
        raise ValueError("violated() names the forbidden outcome(s) the mutant must produce")
    return Kill("violated", tuple(under), forbidden=tuple(forbidden), also=tuple(also))


def timed_out(stuck_in, under=ALL):
    return Kill("timed out", tuple(under), stuck_in=stuck_in)


class MutantContext:
    """A real context whose listed factories are replaced; everything else is delegated."""

    def __init__(self, real, overrides):
        self._real = real
        self._overrides = overrides

    def __getattr__(self, name):
        if name in self._overrides:
            factory = self._overrides[name]
            return lambda *args, **kwargs: factory(self._real, *args, **kwargs)
        return getattr(self._real, name)


def mutant(**overrides):
    """Return ``(get_context, get_all_start_methods)`` for a double whose ``ctx.NAME(...)`` calls
    ``overrides[NAME](real_ctx, ...)``."""

    @functools.lru_cache(maxsize=None)
    def get_context(method=None):  # one context object per method, as the stdlib has
        return MutantContext(multiprocessing.get_context(method), overrides)

    return get_context, multiprocessing.get_all_start_methods


def pipe_of(connection_class):
    """A ``Pipe`` factory whose two ends are ``connection_class`` (a Connection subclass that
    carries the bug) and stay that class when sent to a child."""
    reduction.register(connection_class, reduce_connection)

    def pipe(ctx, duplex=True):
        ends = ctx.Pipe(duplex)
        for end in ends:
            end.__class__ = connection_class
        return ends

    return pipe


def reduce_connection(conn):
    return rebuild_connection, (type(conn), reduction.DupFd(conn.fileno()), conn.readable,
                                conn.writable)


def rebuild_connection(connection_class, df, readable, writable):
    return connection_class(df.detach(), readable, writable)


def process_of(mixin, namespace):
    """A ``Process`` factory whose objects carry ``mixin``'s methods before the context's own
    Process class (``ForkProcess``, ``SpawnProcess`` ...).  One subclass per start method is
    made and put in ``namespace`` (the mutant module's ``globals()``), so that a spawned child
    unpickles the object by name."""
    classes = {}
    for method in multiprocessing.get_all_start_methods():
        base = multiprocessing.get_context(method).Process
        name = f"{mixin.__name__}{base.__name__}"
        classes[method] = namespace[name] = type(name, (mixin, base),
                                                 {"__module__": namespace["__name__"]})

    def process(ctx, *args, **kwargs):
        return classes[ctx.get_start_method()](*args, **kwargs)

    return process


def chunks(*iterables, chunksize):
    """The iterables zipped, in tuples of ``chunksize``: how ``ProcessPoolExecutor.map`` cuts its
    input (CPython's own helper for it, ``_get_chunks``, is gone in 3.13)."""
    zipped = zip(*iterables)
    while chunk := tuple(itertools.islice(zipped, chunksize)):
        yield chunk
