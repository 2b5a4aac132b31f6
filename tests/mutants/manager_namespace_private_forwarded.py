"""Bug: the Namespace proxy keeps only its own internals local and forwards every other
attribute, '_'-prefixed ones included, to the shared namespace."""

from multiprocessing.managers import Namespace, NamespaceProxy, SyncManager

from tests.mutants.base import mutant, violated


class ForwardingNamespaceProxy(NamespaceProxy):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        object.__setattr__(self, "_ready", True)

    def _is_own(self, key):
        own = object.__getattribute__(self, "__dict__")
        return key.startswith("__") or key in own or not own.get("_ready")

    def __getattr__(self, key):
        if key[0] == "_" and self._is_own(key):
            return object.__getattribute__(self, key)
        return self._callmethod("__getattribute__", (key,))

    def __setattr__(self, key, value):
        if key[0] == "_" and self._is_own(key):
            return object.__setattr__(self, key, value)
        return self._callmethod("__setattr__", (key, value))


class ForwardingManager(SyncManager):
    pass


ForwardingManager.register("Namespace", Namespace, ForwardingNamespaceProxy)


def manager(ctx):
    started = ForwardingManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_containers.py::test_namespace_private_attributes_stay_in_the_proxy":
        violated("shared"),
}
