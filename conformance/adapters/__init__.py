"""Adapters: plug one primitive of a third-party library into an implementation's contexts, and
say which of multiprocessing's promises it claims to keep.

An adapter names a base implementation (``multiprocessing`` by default) and, per swapped
primitive, the factory that makes it, the distribution it comes from (its version is read with
``importlib.metadata``), the promises it *claims* — promise IDs from ``conformance/promises.tsv``
or the named sets in ``PROMISE_SETS`` — and the kit capabilities it offers (e.g.
``sem_getvalue``).  Run it as an implementation: ``--mp-impl path/to/adapter.toml`` or
``--mp-impl some.module`` whose ``ADAPTER`` is an ``Adapter``.

Against an adapter only the invariants that construct a swapped primitive run (those citing
promises of its group, e.g. ``LOCK-*`` for a Lock); an invariant citing a promise the adapter
does not claim reports *not claimed* instead of running.  A factory is called in the kit's
process as ``factory(ctx, *args, **kwargs)`` and must return an object that pickles (pass a
name or path, reopen in the child): it only reshapes calls, never fixes or hides the library's
behaviour.  A shared dict also needs ``snapshot(d) -> dict``, how the kit reads all of it
(its own bookkeeping, not a promise).

A TOML adapter::

    [adapter]
    name = "fasteners-lock"
    base = "multiprocessing"

    [primitive.Lock]
    factory = "conformance.adapters.fasteners_lock:make_lock"
    distribution = "fasteners"
    claims = ["mutual exclusion", "non-blocking acquire", "timed acquire"]
    capabilities = []
"""

import functools
import importlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

from conformance.capabilities import CAPABILITIES

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PROMISES = Path(__file__).resolve().parent.parent / "promises.tsv"

# The primitives an adapter may swap, with the promise groups their invariants cite and the
# invariant families they may appear in (None: any family).
KINDS = {
    "Lock": ("LOCK", None),
    "RLock": ("RLOCK", None),
    "Semaphore": ("SEM", None),
    "BoundedSemaphore": ("BSEM", None),
    "dict": ("MGR", "manager_dict"),
}

PROMISE_SETS = {
    "Lock": {
        "mutual exclusion": ("LOCK-2", "LOCK-6", "LOCK-9"),
        "non-blocking acquire": ("LOCK-3",),
        "timed acquire": ("LOCK-4", "LOCK-5", "LOCK-7"),
        "release by another process": ("LOCK-10",),
        "release of an unlocked lock raises ValueError": ("LOCK-11",),
        "context manager": ("LOCK-12",),
        "acquire's first parameter is named block": ("LOCK-8",),
    },
    "RLock": {
        "re-entrant mutual exclusion": ("RLOCK-2", "RLOCK-3", "RLOCK-4", "RLOCK-5"),
    },
    "Semaphore": {
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
        "every write reflected": ("MGR-4",),
        "missing keys raise KeyError": ("MGR-8",),
        "built from a mapping or a sequence": ("MGR-3",),
    },
}


class AdapterError(ValueError):
    """An adapter is malformed; the message names the adapter and the key."""


@dataclass(frozen=True)
class Primitive:
    factory: object  # callable factory(ctx, *args, **kwargs)
    distribution: str
    claims: tuple  # promise IDs
    capabilities: tuple = ()
    snapshot: object = None  # dict adapters: snapshot(d) -> plain dict


@dataclass(frozen=True, eq=False)
class Adapter:
    """An implementation made of a base implementation with some primitives swapped.

    ``name`` is how ``--mp-impl`` named it (a TOML path or a module): results, reproduce
    commands and the matrix use it; ``label`` is the adapter's own name."""

    name: str
    label: str
    base: str = "multiprocessing"
    primitives: dict = field(default_factory=dict)

    @property
    def __name__(self):  # an implementation is named like a module
        return self.name

    @functools.cached_property
    def base_module(self):
        return importlib.import_module(self.base)

    def get_all_start_methods(self):
        return self.base_module.get_all_start_methods()

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

    def judge_invariant(self, family, provider, cited):
        """For one invariant: None if it constructs no swapped primitive (it does not run), else
        the cited promises of the swapped primitives that the adapter does not claim (empty:
        it runs)."""
        relevant = set()
        claimed = set()
        for kind, primitive in self.primitives.items():
            group, only_family = KINDS[kind]
            if provider != "native" or (only_family and family != only_family):
                continue
            ids = {ident for ident in cited if ident.split("-")[0] == group}
            relevant |= ids
            claimed |= set(primitive.claims) & ids
        if not relevant:
            return None
        return sorted(relevant - claimed)


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
        return DictManager(self._adapter.primitives["dict"], self._real)


class DictManager:
    """What the kit's shared-dict invariants take from ``ctx.Manager()``: ``dict()``."""

    def __init__(self, primitive, ctx):
        self._primitive = primitive
        self._ctx = ctx
        self._made = []

    def dict(self, *args, **kwargs):
        made = self._primitive.factory(self._ctx, *args, **kwargs)
        self._made.append(made)
        return made

    def shutdown(self):
        """Release what the dicts hold (shared memory, lock files): their ``close()``."""
        for made in self._made:
            close = getattr(made, "close", None)
            if close is not None:
                close()
        self._made.clear()


def snapshot(shared):
    """The whole of a shared dict, as the kit's bookkeeping reads it: the adapter's snapshot
    hook for an adapted dict, else ``copy()`` (a dict proxy's documented way to get a copy)."""
    hook = getattr(type(shared), "conformance_snapshot", None)
    return hook(shared) if hook is not None else shared.copy()


# --- loading --------------------------------------------------------------------------------

def known_promises():
    ids = set()
    for line in PROMISES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            ids.add(line.split("\t", 1)[0])
    return ids


def expand_claims(kind, claims, where):
    """Promise IDs of ``claims`` (IDs or named sets of ``kind``)."""
    ids = []
    known = known_promises()
    for claim in claims:
        if claim in PROMISE_SETS.get(kind, {}):
            ids += PROMISE_SETS[kind][claim]
        elif claim in known:
            ids.append(claim)
        else:
            sets = ", ".join(PROMISE_SETS.get(kind, {}))
            raise AdapterError(f"{where}.claims: {claim!r} is neither a promise ID nor a named "
                               f"set of {kind} ({sets})")
    return tuple(dict.fromkeys(ids))


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


def primitive(kind, where, *, factory, distribution, claims, capabilities=(),
              snapshot=None):
    if kind not in KINDS:
        raise AdapterError(f"{where}: unknown primitive {kind!r} (known: {', '.join(KINDS)})")
    unknown = [name for name in capabilities if name not in CAPABILITIES]
    if unknown:
        raise AdapterError(f"{where}.capabilities: unknown capabilities {unknown} (known: "
                           f"{', '.join(CAPABILITIES)})")
    if kind == "dict" and snapshot is None:
        raise AdapterError(f"{where}.snapshot: a shared dict says how the kit reads all of it")
    return Primitive(resolve(factory, f"{where}.factory"), str(distribution),
                     expand_claims(kind, claims, where), tuple(capabilities),
                     resolve(snapshot, f"{where}.snapshot") if snapshot is not None else None)


def from_toml(reference):
    path = Path(reference)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AdapterError(f"{path}: {exc}") from None
    extra = set(data) - {"adapter", "primitive"}
    if extra:
        raise AdapterError(f"{path}: unknown tables {sorted(extra)}")
    head = data.get("adapter", {})
    unknown = set(head) - {"name", "base"}
    if unknown:
        raise AdapterError(f"{path}: adapter.{sorted(unknown)[0]}: unknown key")
    if not data.get("primitive"):
        raise AdapterError(f"{path}: no [primitive.KIND] table")
    primitives = {}
    for kind, table in data["primitive"].items():
        where = f"{path}: primitive.{kind}"
        unknown = set(table) - {"factory", "distribution", "claims", "capabilities",
                                "snapshot"}
        if unknown:
            raise AdapterError(f"{where}.{sorted(unknown)[0]}: unknown key")
        for key in ("factory", "distribution", "claims"):
            if key not in table:
                raise AdapterError(f"{where}.{key}: missing")
        primitives[kind] = primitive(kind, where, **table)
    return Adapter(str(reference), head.get("name", path.stem),
                   head.get("base", "multiprocessing"), primitives)


def load(reference):
    """The adapter ``--mp-impl reference`` names — a TOML path, or a module whose ``ADAPTER``
    is an Adapter (given ``reference`` as its name) — or None for a plain implementation."""
    if reference.endswith(".toml"):
        return from_toml(reference)
    module = importlib.import_module(reference)
    adapter = getattr(module, "ADAPTER", None)
    if not isinstance(adapter, Adapter):
        return None
    return Adapter(reference, adapter.label, adapter.base, adapter.primitives)
