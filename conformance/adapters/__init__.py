"""Adapters: plug one primitive of a third-party library into an implementation's contexts, and
say which of multiprocessing's promises it claims to keep.

An adapter names a base implementation (``multiprocessing`` by default), optionally the start
methods it supports (its library may promise less than the base offers), and, per swapped
primitive, the factory that makes it, the distribution it comes from (its version is read with
``importlib.metadata``), the promises it *claims* — promise IDs from ``conformance/promises.tsv``
or the named sets in ``PROMISE_SETS`` — and the kit capabilities it offers (e.g.
``sem_getvalue``).  Run it as an implementation: ``--mp-impl path/to/adapter.toml`` or
``--mp-impl some.module`` whose ``ADAPTER`` is an ``Adapter``.

Against an adapter only the invariants that construct a swapped primitive run (those citing
promises of its group, e.g. ``LOCK-*`` for a Lock; for a dict, those of the ``manager_dict``
family citing ``MGR-*``); an invariant citing a promise the adapter does not claim reports *not
claimed* instead of running.  A named set may claim a promise for some invariants only (where
the kit's catalogue bundles what a library promises separately, e.g. a write being seen by a
later read, and concurrent writers losing none).

A factory is called in the kit's process as ``factory(ctx, *args, **kwargs)`` (``ctx``: the base
implementation's context) and must return an object that pickles (pass a name or path, reopen in
the child): it only reshapes calls — argument names, timeouts, exceptions that mean "not
acquired" — and never fixes or hides the library's behaviour.  A shared dict also names
``snapshot``, how the kit's bookkeeping reads all of it (not a promise), and may name ``close``,
how its creator releases it at the end (default: its ``close()``, if any).  Libraries are
imported inside factories, never when an adapter module is imported, so the kit works without
them.  Run each adapter in a session of its own: some libraries change their process when
imported (UltraDict disables the resource tracker's handling of shared memory; shared-memory-dict
decides at import whether it locks).

A TOML adapter::

    [adapter]
    name = "fasteners-lock"
    base = "multiprocessing"
    start_methods = ["fork", "spawn", "forkserver"]     # optional: default, all the base offers

    [primitive.Lock]
    factory = "conformance.adapters.fasteners_lock:make_lock"
    distribution = "fasteners"
    claims = ["mutual exclusion", "timed acquire"]
    capabilities = []

Bad input is an ``AdapterError`` naming the file and the key, raised when the adapter is loaded
(``--mp-impl``: a usage error before any test runs).
"""

import dataclasses
import functools
import importlib
import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path

from conformance.capabilities import CAPABILITIES, OF_PRIMITIVES

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PROMISES = Path(__file__).resolve().parent.parent / "promises.tsv"
START_METHODS = ("fork", "spawn", "forkserver")

# The primitives an adapter may swap, with the promise group their invariants cite and the
# invariant family they must belong to (None: any family).
KINDS = {
    "Lock": ("LOCK", None),
    "RLock": ("RLOCK", None),
    "Semaphore": ("SEM", None),
    "BoundedSemaphore": ("BSEM", None),
    "dict": ("MGR", "manager_dict"),
}

DICT_FAMILY = "test_manager_dict.py"

# Named sets of promises an adapter may claim, per kind.  A set is a tuple of promise IDs, or
# {promise ID: invariants} to claim a promise only for the invariants named.  Each set groups
# what the invariants cite together (see their ``Promises:``).
PROMISE_SETS = {
    "Lock": {
        # acquire() locks, blocks while another process holds it, and sections never overlap;
        # LOCK-9 also covers acquire(False)/acquire(timeout) refused across processes.
        "mutual exclusion": ("LOCK-2", "LOCK-6", "LOCK-9"),
        # acquire(False) on a held lock returns False, even to the holder (not recursive).
        "non-blocking acquire": ("LOCK-3",),
        # The part of LOCK-3 about other processes (a re-entrant lock, or one that disclaims
        # re-entry, promises no more).
        "non-blocking acquire refused to other processes": {
            "LOCK-3": ("test_lock.py::test_held_lock_refuses_other_processes",)},
        "timed acquire": ("LOCK-4",),
        # multiprocessing's own: a negative timeout is zero; block=False ignores the timeout.
        "negative and ignored timeouts": ("LOCK-5", "LOCK-7"),
        "release by another process": ("LOCK-10",),
        "release of an unlocked lock raises ValueError": ("LOCK-11",),
        "context manager": ("LOCK-12",),
        "acquire's first parameter is named block": ("LOCK-8",),
    },
    "RLock": {
        "re-entrant mutual exclusion": ("RLOCK-2", "RLOCK-3", "RLOCK-4", "RLOCK-5"),
    },
    "Semaphore": {
        # Semaphore(n) grants n acquires at once, never more holders than that.
        "at most value holders": ("SEM-1", "SEM-8"),
        "timed acquire": ("SEM-2",),
        "release beyond the initial value": ("SEM-3",),
        "get_value": ("SEM-7",),
        "context manager": ("SEM-9",),
        "acquire's first parameter is named block": ("SEM-4",),
    },
    "BoundedSemaphore": {
        "bounded": ("BSEM-1", "BSEM-3", "BSEM-4"),
    },
    "dict": {
        "a write is seen by reads ordered after it": {
            "MGR-4": (f"{DICT_FAMILY}::test_read_after_signalled_write_sees_it",)},
        "concurrent writers lose no write": {
            "MGR-4": (f"{DICT_FAMILY}::test_every_workers_write_is_reflected",
                      f"{DICT_FAMILY}::test_concurrent_writes_leave_a_last_written_value")},
        "linearizable reads and writes": {
            "MGR-4": (f"{DICT_FAMILY}::test_dict_operations_are_linearizable",),
            "MGR-8": (f"{DICT_FAMILY}::test_dict_operations_are_linearizable",)},
        "every write reflected": ("MGR-4",),
    },
}


class AdapterError(ValueError):
    """An adapter is malformed; the message names the adapter and the key."""


class NotAdapted(AttributeError):
    """An invariant needs something of the base implementation that the adapter replaced
    without providing it (e.g. a Manager's ``list()`` where only its ``dict()`` is adapted):
    the invariant cannot be judged (an error naming it)."""


@dataclass(frozen=True)
class Primitive:
    kind: str
    factory: object  # callable factory(ctx, *args, **kwargs)
    distribution: str
    claims: tuple = ()  # promise IDs claimed for every invariant citing them
    scoped: tuple = ()  # (promise ID, invariants): claimed for those invariants only
    capabilities: tuple = ()
    snapshot: object = None  # dict: snapshot(d) -> plain dict
    close: object = None  # dict: close(d), by its creator at the end

    def covers(self, promise, invariant):
        """Whether the adapter claims ``promise`` for ``invariant`` (``file.py::name``)."""
        return promise in self.claims or any(promise == claimed and invariant in invariants
                                             for claimed, invariants in self.scoped)


@dataclass(frozen=True, eq=False)
class Adapter:
    """An implementation made of a base implementation with some primitives swapped.

    ``name`` is how ``--mp-impl`` named it (a TOML path or a module; ``load`` sets it): results,
    reproduce commands and the matrix use it; ``label`` is the adapter's own name.
    ``start_methods``: those its libraries support (empty: every one the base offers)."""

    label: str
    primitives: dict = field(default_factory=dict)
    base: str = "multiprocessing"
    start_methods: tuple = ()
    name: str = ""

    @property
    def __name__(self):  # an implementation is named like a module
        return self.name or self.label

    @functools.cached_property
    def base_module(self):
        return importlib.import_module(self.base)

    def get_all_start_methods(self):
        offered = self.base_module.get_all_start_methods()
        return [m for m in offered if not self.start_methods or m in self.start_methods]

    def get_context(self, method=None):
        return _context(self, method)

    def versions(self):
        """{distribution: version} of every swapped primitive's library."""
        from importlib import metadata

        found = {}
        for primitive in self.primitives.values():
            try:
                found[primitive.distribution] = metadata.version(primitive.distribution)
            except metadata.PackageNotFoundError:
                found[primitive.distribution] = "not installed"
        return found

    def judge_invariant(self, family, provider, cited, invariant=""):
        """For one invariant (``invariant``: ``file.py::name``): None if it constructs no
        swapped primitive (it does not run), else the cited promises of the swapped primitives
        that the adapter does not claim for it (empty: it runs)."""
        relevant, unclaimed = set(), set()
        for kind, primitive in self.primitives.items():
            group, only_family = KINDS[kind]
            if provider != "native" or (only_family and family != only_family):
                continue
            ids = {ident for ident in cited if ident.split("-")[0] == group}
            relevant |= ids
            unclaimed |= {ident for ident in ids if not primitive.covers(ident, invariant)}
        if not relevant:
            return None
        return sorted(unclaimed, key=promise_order)


@functools.lru_cache(maxsize=None)
def _context(adapter, method):
    return AdaptedContext(adapter, adapter.base_module.get_context(method))


class AdaptedContext:
    """A base context whose swapped factories make the adapter's primitives."""

    def __init__(self, adapter, real):
        self._adapter = adapter
        self._real = real

    def __getattr__(self, name):
        primitive = self._adapter.primitives.get(name)
        if primitive is not None:
            return functools.partial(primitive.factory, self._real)
        return getattr(self._real, name)

    def Manager(self):
        if "dict" not in self._adapter.primitives:
            return self._real.Manager()
        return DictManager(self._adapter, self._real)


class DictManager:
    """What the kit's shared-dict invariants take from ``ctx.Manager()``: ``dict()``; anything
    else a Manager offers is ``NotAdapted``."""

    def __init__(self, adapter, ctx):
        self._adapter = adapter
        self._primitive = adapter.primitives["dict"]
        self._ctx = ctx
        self._made = []

    def dict(self, *args, **kwargs):
        from conformance.harness import bookkeeping

        made = self._primitive.factory(self._ctx, *args, **kwargs)
        bookkeeping.register_reader(type(made), self._primitive.snapshot)
        self._made.append(made)
        return made

    def shutdown(self):
        """Release what the dicts hold (shared memory, lock files), as their creator."""
        made, self._made = self._made, []
        for shared in made:
            if self._primitive.close is not None:
                self._primitive.close(shared)
            elif callable(getattr(shared, "close", None)):
                shared.close()

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise NotAdapted(f"the adapter {self._adapter.label!r} adapts only a Manager's dict(); "
                         f"{name} is not adapted")


# --- the promise catalogue --------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def catalogue():
    """{promise ID: (API, promise)} of ``conformance/promises.tsv``."""
    found = {}
    for line in PROMISES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            ident, _, _, api, text = line.split("\t")[:5]
            found[ident] = (api, text)
    return found


def promise_order(ident):
    group, _, number = ident.partition("-")
    return (group, int(number) if number.isdigit() else 0, ident)


def describe(promises):
    """``LOCK-3 (Lock.acquire(False)), ...``: promise IDs with the API each is about."""
    return ", ".join(f"{ident} ({catalogue().get(ident, ('?',))[0]})" for ident in promises)


# --- loading --------------------------------------------------------------------------------

def expand_claims(kind, claims, where):
    """(IDs claimed everywhere, (ID, invariants) claimed for some) of ``claims``: promise IDs
    of ``kind``'s group, or named sets of ``kind``."""
    if isinstance(claims, str) or not isinstance(claims, (list, tuple)):
        raise AdapterError(f"{where}.claims: expected a list of promise IDs or named sets, got "
                           f"{claims!r}")
    group = KINDS[kind][0]
    sets = PROMISE_SETS.get(kind, {})
    whole, scoped = [], []
    for claim in claims:
        if claim in sets:
            named = sets[claim]
            if isinstance(named, dict):
                scoped += [(ident, tuple(invariants)) for ident, invariants in named.items()]
            else:
                whole += named
        elif claim in catalogue():
            if claim.split("-")[0] != group:
                raise AdapterError(f"{where}.claims: {claim!r} is not a promise of {kind} "
                                   f"({group}-*)")
            whole.append(claim)
        else:
            raise AdapterError(f"{where}.claims: {claim!r} is neither a promise ID nor a named "
                               f"set of {kind} ({', '.join(sets)})")
    whole = tuple(dict.fromkeys(whole))
    return whole, tuple((ident, invariants) for ident, invariants in scoped
                        if ident not in whole)


def resolve(reference, where):
    """``module:attribute`` to the object, or the callable itself."""
    if callable(reference):
        return reference
    if not isinstance(reference, str) or ":" not in reference:
        raise AdapterError(f"{where}: expected 'module:attribute', got {reference!r}")
    module_name, _, attribute = reference.partition(":")
    try:
        found = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise AdapterError(f"{where}: cannot load {reference!r} ({exc})") from None
    if not callable(found):
        raise AdapterError(f"{where}: {reference!r} is not callable")
    return found


def check_capabilities(kind, capabilities, where):
    if isinstance(capabilities, str) or not isinstance(capabilities, (list, tuple)):
        raise AdapterError(f"{where}.capabilities: expected a list, got {capabilities!r}")
    offered = [name for name, kinds in OF_PRIMITIVES.items() if kind in kinds]
    for name in capabilities:
        if name not in CAPABILITIES:
            raise AdapterError(f"{where}.capabilities: unknown capability {name!r} (known: "
                               f"{', '.join(CAPABILITIES)})")
        if name not in offered:
            raise AdapterError(f"{where}.capabilities: {name!r} is not a capability a {kind} "
                               f"declares (it may declare: {', '.join(offered) or 'none'})")
    return tuple(capabilities)


def primitive(kind, *, factory=None, distribution=None, claims=None, capabilities=(),
              snapshot=None, close=None, where=None):
    """A swapped primitive of ``kind``, checked; ``where`` names it in errors (default
    ``primitive.<kind>``; a module adapter's errors also name its file)."""
    where = where or f"primitive.{kind}"
    if kind not in KINDS:
        raise AdapterError(f"{where}: unknown primitive {kind!r} (known: {', '.join(KINDS)})")
    for key, value in (("factory", factory), ("distribution", distribution),
                       ("claims", claims)):
        if value is None:
            raise AdapterError(f"{where}.{key}: missing")
    if kind == "dict" and snapshot is None:
        raise AdapterError(f"{where}.snapshot: missing (a shared dict says how the kit reads "
                           f"all of it)")
    if kind != "dict" and (snapshot is not None or close is not None):
        raise AdapterError(f"{where}.{'snapshot' if snapshot is not None else 'close'}: only "
                           f"a dict has it")
    whole, scoped = expand_claims(kind, claims, where)
    return Primitive(kind, resolve(factory, f"{where}.factory"), str(distribution), whole,
                     scoped, check_capabilities(kind, capabilities, where),
                     resolve(snapshot, f"{where}.snapshot") if snapshot is not None else None,
                     resolve(close, f"{where}.close") if close is not None else None)


def check_start_methods(methods, where):
    if isinstance(methods, str) or not isinstance(methods, (list, tuple)) or \
            any(method not in START_METHODS for method in methods):
        raise AdapterError(f"{where}: expected a list of start methods among "
                           f"{', '.join(START_METHODS)}, got {methods!r}")
    return tuple(methods)


def from_toml(reference):
    path = Path(reference)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AdapterError(f"{path}: {exc}") from None
    extra = set(data) - {"adapter", "primitive"}
    if extra:
        raise AdapterError(f"{path}: {sorted(extra)[0]}: unknown table (known: adapter, "
                           f"primitive)")
    head = data.get("adapter", {})
    unknown = set(head) - {"name", "base", "start_methods"}
    if unknown:
        raise AdapterError(f"{path}: adapter.{sorted(unknown)[0]}: unknown key (known: name, "
                           f"base, start_methods)")
    if not data.get("primitive"):
        raise AdapterError(f"{path}: primitive: no [primitive.KIND] table")
    keys = ("factory", "distribution", "claims", "capabilities", "snapshot", "close")
    primitives = {}
    for kind, table in data["primitive"].items():
        where = f"{path}: primitive.{kind}"
        unknown = set(table) - set(keys)
        if unknown:
            raise AdapterError(f"{where}.{sorted(unknown)[0]}: unknown key (known: "
                               f"{', '.join(keys)})")
        primitives[kind] = primitive(kind, where=where, **table)
    methods = check_start_methods(head.get("start_methods", []), f"{path}: adapter.start_methods")
    return Adapter(head.get("name", path.stem), primitives, head.get("base", "multiprocessing"),
                   methods, str(reference))


def from_module(reference):
    """The ``ADAPTER`` of module ``reference``, named ``reference``; None if it has none."""
    try:
        origin = importlib.util.find_spec(reference).origin
    except (ImportError, AttributeError, ValueError):
        origin = reference
    try:
        module = importlib.import_module(reference)
    except AdapterError as exc:
        raise AdapterError(f"{origin}: {exc}") from None
    adapter = getattr(module, "ADAPTER", None)
    if adapter is None:
        return None
    if not isinstance(adapter, Adapter):
        raise AdapterError(f"{origin}: ADAPTER: expected an Adapter, got {adapter!r}")
    if not adapter.primitives:
        raise AdapterError(f"{origin}: ADAPTER.primitives: no primitive")
    for kind, swapped in adapter.primitives.items():
        if not isinstance(swapped, Primitive) or swapped.kind != kind:
            raise AdapterError(f"{origin}: ADAPTER.primitives[{kind!r}]: expected "
                               f"primitive({kind!r}, ...), got {swapped!r}")
    check_start_methods(adapter.start_methods, f"{origin}: ADAPTER.start_methods")
    return dataclasses.replace(adapter, name=reference)


def load(reference):
    """The adapter ``--mp-impl reference`` names — a TOML path, or a module whose ``ADAPTER``
    is an Adapter (given ``reference`` as its name) — or None for a plain implementation."""
    if reference.endswith(".toml"):
        return from_toml(reference)
    return from_module(reference)
