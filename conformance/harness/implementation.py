"""The implementation under test (``--mp-impl``) and one of its start methods.

The kit takes every primitive, ``Process`` and ``Manager`` from ``MODULE.get_context(method)``
and nothing from the module's top level but ``get_context`` and ``get_all_start_methods`` (and,
for invariants that declare the capability, its own submodules such as ``MODULE.managers``), so
a drop-in (multiprocess, billiard) or a test double is vetted unchanged.
"""

import importlib
import importlib.util
import pkgutil

import conformance.actors
from conformance import capabilities
from conformance.harness.scenario import KeptServer, Scenario

REQUIRED_FUNCTIONS = ("get_context", "get_all_start_methods")

# Where primitives come from: the context itself, or a Manager's proxies of the same names.
PROVIDERS = ("native", "manager")


class UsageError(Exception):
    """The user asked for something this platform or implementation cannot provide."""


def load_implementation(module_name):
    """The implementation ``--mp-impl`` names: a module, or an adapter (a TOML file, or a module
    with an ``ADAPTER``; see ``conformance.adapters``)."""
    from conformance import adapters

    try:
        adapter = adapters.load(module_name)
        module = adapter or importlib.import_module(module_name)
    except adapters.AdapterError as exc:
        raise UsageError(f"--mp-impl {module_name}: {exc}") from exc
    except ImportError as exc:
        raise UsageError(f"--mp-impl {module_name}: cannot import it ({exc})") from exc
    missing = [name for name in REQUIRED_FUNCTIONS if not callable(getattr(module, name, None))]
    if missing:
        raise UsageError(f"--mp-impl {module_name}: the module has no {', '.join(missing)}")
    return module


def choose_start_methods(module, requested):
    """The requested start methods in order (default: all the module offers), checked."""
    offered = list(module.get_all_start_methods())
    if not requested:
        return offered
    unknown = [name for name in requested if name not in offered]
    if unknown:
        raise UsageError(
            f"--start-method {', '.join(unknown)}: not offered by {module.__name__} on this "
            f"platform (it offers: {', '.join(offered)})"
        )
    return list(dict.fromkeys(requested))


def actor_modules():
    """Modules children import; the forkserver preloads them so each child starts warm."""
    prefix = conformance.actors.__name__ + "."
    return [prefix + info.name for info in pkgutil.iter_modules(conformance.actors.__path__)]


# The implementation's submodules a child imports to unpickle what it is given (a lock, a
# proxy, a queue, a shared ctypes object, a shared memory block): 3-7 ms of a forkserver child's
# start each when it does.
UNPICKLED_FROM = ("synchronize", "managers", "queues", "sharedctypes", "shared_memory")


def implementation_modules(module):
    """The implementation's ``UNPICKLED_FROM`` submodules it has; the forkserver preloads them
    too, as its documentation suggests ("a performance enhancement to avoid repeated work in
    every process").  None of an implementation that is not a package (an adapter)."""
    names = []
    for submodule in UNPICKLED_FROM:
        name = f"{module.__name__}.{submodule}"
        try:
            if importlib.util.find_spec(name) is not None:
                names.append(name)
        except (ImportError, ValueError):  # not a package; or a module without a spec
            pass
    return names


class Target:
    """One implementation under one start method, with primitives from one provider."""

    def __init__(self, module, method, deadline, provider="native", without=()):
        self.module = module
        self.method = method
        self.deadline = deadline
        self.provider = provider
        self.without = tuple(without)
        self.ctx = module.get_context(method)
        self.kept_server = KeptServer(self.ctx)
        self._missing = {}
        if method == "forkserver" and hasattr(self.ctx, "set_forkserver_preload"):
            self.ctx.set_forkserver_preload(["conformance.harness.preload", *actor_modules(),
                                             *implementation_modules(module)])

    def __repr__(self):
        return f"<Target {self.module.__name__} {self.provider} {self.method}>"

    @property
    def implementation(self):
        return self.module.__name__

    def scenario(self):
        return Scenario(self.ctx, self.deadline, self.provider, self.kept_server)

    def close(self):
        """Shut down what the target keeps between scenarios."""
        self.kept_server.discard()

    def missing(self, capability):
        """Why this target lacks ``capability`` (None if it has it), probed once."""
        if capability not in self._missing:
            self._missing[capability] = capabilities.missing(self, capability, self.without)
        return self._missing[capability]

    def submodule(self, name):
        """The implementation's own submodule (``managers``, ``connection``, ...): only for
        invariants that declared the capability that probes it."""
        return capabilities.submodule(self.module, name)
