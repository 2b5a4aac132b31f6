"""Capabilities: what an invariant needs beyond the context's API, declared up front and probed.

An invariant declares what it needs, as test262 declares ``features``::

    @pytest.mark.requires("sem_getvalue")
    def test_get_value_reports_the_count(target): ...

The kit probes each capability once per implementation × start method × provider.  A failed
probe makes the invariant *unsupported*, with the probe's reason; nothing else can.  A probe that
crashes is an error of the invariant, never an absence.

Submodules (``<impl>.managers``, ``.connection``, ...) are the implementation's own: the module
attribute of that name if it is a module (a test double names its own), else the submodule
``<impl>.<name>``.  The standard library's is never taken in its place.
"""

import importlib
import importlib.util
import inspect
import os
import sys
import types


class Missing(Exception):
    """Raised by a probe: the capability is absent, for the reason given."""


def submodule(module, name):
    """``module``'s own submodule ``name`` (see the module docstring); Missing if it has none.
    A submodule that exists but fails to import raises what it raised (an error)."""
    attribute = getattr(module, name, None)
    if isinstance(attribute, types.ModuleType):
        return attribute
    full_name = f"{module.__name__}.{name}"
    if not hasattr(module, "__path__") or importlib.util.find_spec(full_name) is None:
        raise Missing(f"{module.__name__} has no {name} module")
    return importlib.import_module(full_name)


def submodule_with(module, name, attributes):
    found = submodule(module, name)
    absent = [attribute for attribute in attributes if not hasattr(found, attribute)]
    if absent:
        raise Missing(f"{found.__name__} has no {', '.join(absent)}")
    return found


# --- the probes: each takes the target and raises Missing when the capability is absent --------

def probe_sem_getvalue(target):
    semaphore = target.ctx.Semaphore(1)
    try:
        semaphore.get_value()
    except NotImplementedError:
        raise Missing("Semaphore.get_value() raises NotImplementedError (no sem_getvalue(), "
                      "as on macOS)") from None


def probe_shared_memory(target):
    submodule_with(target.module, "shared_memory", ("SharedMemory", "ShareableList"))


def probe_shared_memory_manager(target):
    submodule_with(target.module, "managers", ("SharedMemoryManager",))


def probe_shared_memory_track(target):
    shared_memory = submodule_with(target.module, "shared_memory", ("SharedMemory",))
    if "track" not in inspect.signature(shared_memory.SharedMemory).parameters:
        raise Missing("SharedMemory has no track parameter (added in Python 3.13)")
    if os.name != "posix":
        raise Missing("SharedMemory(track=False) has no effect outside POSIX")


def probe_resource_tracker(target):
    if os.name != "posix":
        raise Missing("the resource tracker unlinks leaked blocks on POSIX only")


def probe_remote_managers(target):
    submodule_with(target.module, "managers", ("BaseManager", "BaseProxy", "RemoteError"))


def probe_connection(target):
    submodule_with(target.module, "connection", ("Listener", "Client", "wait"))


def probe_sharedctypes(target):
    submodule_with(target.module, "sharedctypes", ("copy", "synchronized"))


def probe_synchronize(target):
    submodule_with(target.module, "synchronize", ("Lock", "RLock"))


def probe_fork_warning(target):
    if sys.version_info < (3, 12):
        raise Missing("os.fork() warns in a multi-threaded process from Python 3.12 on")
    probe_fork(target)


def probe_fork(target):
    if "fork" not in target.module.get_all_start_methods():
        raise Missing(f"{target.module.__name__} offers no fork start method here")


def probe_forkserver(target):
    if "forkserver" not in target.module.get_all_start_methods():
        raise Missing(f"{target.module.__name__} offers no forkserver start method here")


def probe_fork_and_spawning(target):
    offered = target.module.get_all_start_methods()
    if "fork" not in offered or not {"spawn", "forkserver"} & set(offered):
        raise Missing(f"{target.module.__name__} does not offer both fork and a spawning "
                      f"start method here (it offers {', '.join(offered)})")


def probe_posix_signals(target):
    if sys.platform == "win32" or not hasattr(os, "kill"):
        raise Missing("no POSIX signals to send to a child process")


def probe_broken_pipe_error(target):
    if sys.platform == "win32":
        raise Missing("Windows pipes report a closed peer with other errors than "
                      "BrokenPipeError")


def probe_parent_process(target):
    if not callable(getattr(target.ctx, "parent_process", None)):
        raise Missing("the context has no parent_process() (added in Python 3.8)")


def probe_process_kill(target):
    if not callable(getattr(target.ctx.Process(), "kill", None)):
        raise Missing("Process has no kill() (added in Python 3.7)")


def probe_posix_exit_status(target):
    if os.name != "posix":
        raise Missing("exit statuses keep more than their low 8 bits outside POSIX")


def probe_util_finalize(target):
    submodule_with(target.module, "util", ("Finalize",))


def probe_child_atexit(target):
    if target.method != "spawn" and sys.version_info < (3, 13):
        raise Missing(f"{target.method} children end with os._exit() before Python 3.13, "
                      f"skipping the atexit handlers they registered (gh-83856)")


def probe_pool_module(target):
    submodule_with(target.module, "pool", ("MaybeEncodingError",))


def probe_thread_pool(target):
    submodule_with(target.module, "pool", ("ThreadPool",))


def probe_max_tasks_per_child(target):
    from conformance.harness.pools import executor_factory

    try:
        made = executor_factory(target.ctx)(max_workers=1, max_tasks_per_child=1)
    except TypeError:
        raise Missing("ProcessPoolExecutor has no max_tasks_per_child (added in Python "
                      "3.11)") from None
    except ValueError:  # refused with the fork start method: the parameter exists
        return
    made.shutdown()


def probe_process_pool_executor(target):
    from conformance.harness.pools import executor_factory
    from conformance.harness.scenario import light_children

    with light_children():
        made = executor_factory(target.ctx)(max_workers=1)
        try:
            made.submit(os.getpid).result(target.deadline)
        except Exception as exc:  # the reason the executor cannot run on this context
            raise Missing(f"ProcessPoolExecutor cannot run a call with this context's "
                          f"{target.method} processes: {type(exc).__name__}: {exc}") from None
        finally:
            made.shutdown(cancel_futures=True)

def probe_manager_shutdown_timeout(target):
    managers = submodule_with(target.module, "managers", ("BaseManager",))
    if "shutdown_timeout" not in inspect.signature(managers.BaseManager).parameters:
        raise Missing("BaseManager has no shutdown_timeout parameter (added in Python 3.11)")


CAPABILITIES = {
    "sem_getvalue": probe_sem_getvalue,
    "shared_memory": probe_shared_memory,
    "shared_memory_manager": probe_shared_memory_manager,
    "shared_memory_track": probe_shared_memory_track,
    "resource_tracker": probe_resource_tracker,
    "remote_managers": probe_remote_managers,
    "manager_shutdown_timeout": probe_manager_shutdown_timeout,
    "connection": probe_connection,
    "sharedctypes": probe_sharedctypes,
    "synchronize": probe_synchronize,
    "fork": probe_fork,
    "fork_warning": probe_fork_warning,
    "forkserver": probe_forkserver,
    "fork_and_spawning": probe_fork_and_spawning,
    "posix_signals": probe_posix_signals,
    "broken_pipe_error": probe_broken_pipe_error,
    "parent_process": probe_parent_process,
    "process_kill": probe_process_kill,
    "posix_exit_status": probe_posix_exit_status,
    "util_finalize": probe_util_finalize,
    "child_atexit": probe_child_atexit,
    "pool_module": probe_pool_module,
    "thread_pool": probe_thread_pool,
    "max_tasks_per_child": probe_max_tasks_per_child,
    "process_pool_executor": probe_process_pool_executor,
}


def unknown(names):
    return [name for name in names if name not in CAPABILITIES]


# Capabilities of a primitive an adapter may swap: it has them only if it says so.
OF_PRIMITIVES = {"sem_getvalue": ("Semaphore", "BoundedSemaphore")}


def missing(target, name, disabled=()):
    """Why ``target`` lacks capability ``name``, or None if it has it; ``disabled`` names
    capabilities switched off by the user (``--mp-without``), e.g. to stand in for a platform."""
    if name in disabled:
        return f"{name} switched off (--mp-without {name})"
    swapped = getattr(target.module, "primitives", {})
    for kind in OF_PRIMITIVES.get(name, ()):
        if kind in swapped and name not in swapped[kind].capabilities:
            return f"the adapter's {kind} does not declare {name}"
    try:
        CAPABILITIES[name](target)
    except Missing as absent:
        return str(absent)
    return None
