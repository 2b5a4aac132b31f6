"""Start methods and contexts: what ``get_all_start_methods`` lists and ``get_context`` returns.

Docs: multiprocessing — Contexts and start methods; Miscellaneous (get_all_start_methods,
get_context).

The kit takes everything from ``MODULE.get_context(method)`` and, from the module's top level,
only ``get_context`` and ``get_all_start_methods``; the module-level ``set_start_method`` and
``get_start_method`` (which fix process-wide state) are deliberately not exercised.  Native
provider only: contexts are not manager features.
"""

import json
import os
import subprocess
import sys

import pytest

from conformance.actors import start_methods as actors
from conformance.judge import Outcomes, expect_raises

KNOWN_METHODS = ("fork", "spawn", "forkserver")

# What a context offers: "Context objects have the same API as the multiprocessing module".
FACTORIES = {
    "Lock": (), "RLock": (), "Semaphore": (), "BoundedSemaphore": (), "Condition": (),
    "Event": (), "Barrier": (1,), "Queue": (), "JoinableQueue": (), "SimpleQueue": (),
    "Pipe": (), "Value": ("i",), "Array": ("i", 1), "RawValue": ("i",), "RawArray": ("i", 1),
}
# Callables checked without calling them: each would start processes.
STARTERS = ("Process", "Manager", "Pool")
OTHER_FUNCTIONS = ("active_children", "current_process", "parent_process", "cpu_count",
                   "get_start_method", "set_start_method", "get_context", "get_logger",
                   "log_to_stderr")
# One method that shows what each factory made.
CHARACTERISTIC = {
    "Lock": "acquire", "RLock": "acquire", "Semaphore": "acquire", "BoundedSemaphore": "acquire",
    "Condition": "wait", "Event": "is_set", "Barrier": "wait", "Queue": "put",
    "JoinableQueue": "task_done", "SimpleQueue": "put", "Value": "get_lock",
    "Array": "get_lock", "RawValue": "value", "RawArray": "_length_",
}


def test_all_start_methods_lists_the_default_first(target):
    """``get_all_start_methods()`` is a list of distinct supported methods drawn from fork,
    spawn and forkserver, the default first; ``get_context()`` and ``get_context(None)``
    return a context of that default method.

    Docs: multiprocessing — Miscellaneous (get_all_start_methods: "Returns a list of the
    supported start methods, the first of which is the default"; get_context: "If method is
    None then the default context is returned").
    Promises: START-1, START-3.
    """
    methods = target.module.get_all_start_methods()
    assert isinstance(methods, list), f"get_all_start_methods() returned a {type(methods)}"
    assert methods and len(set(methods)) == len(methods), f"listed {methods}"
    assert set(methods) <= set(KNOWN_METHODS), f"unknown start methods in {methods}"
    assert target.method in methods, f"{target.method} is offered but not listed in {methods}"
    for call, ctx in (("get_context()", target.module.get_context()),
                      ("get_context(None)", target.module.get_context(None))):
        assert ctx.get_start_method() == methods[0], \
            f"{call} is a {ctx.get_start_method()} context, but {methods} lists " \
            f"{methods[0]} first"


def test_context_reports_its_start_method(target):
    """``get_context(method)`` returns a context whose ``get_start_method()`` is that method.

    Docs: multiprocessing — Miscellaneous (get_context: "Otherwise method should be 'fork',
    'spawn', 'forkserver'"); Contexts and start methods ("use get_context() to obtain a context
    object").
    Promises: START-2.
    """
    ctx = target.module.get_context(target.method)
    for call, reported in (("get_start_method()", ctx.get_start_method()),
                           ("get_start_method(allow_none=True)",
                            ctx.get_start_method(allow_none=True))):
        assert reported == target.method, \
            f"get_context({target.method!r}).{call} returned {reported!r}"


def test_unknown_method_is_refused(target):
    """``get_context(name)`` raises ValueError for a name that is not an available start
    method (unknown, or a known one this platform does not offer).

    Docs: multiprocessing — Miscellaneous (get_context: "ValueError is raised if the specified
    start method is not available"); Contexts and start methods (not every platform offers
    every method).
    Promises: START-4.
    """
    offered = target.module.get_all_start_methods()
    names = ["bogus", "", target.method.upper(), *(m for m in KNOWN_METHODS if m not in offered)]
    for name in names:
        expect_raises(ValueError, lambda: target.module.get_context(name),
                      f"get_context({name!r})")


def test_context_offers_the_module_api(target):
    """A context offers the module's API: each primitive, queue, pipe and shared ctypes factory
    makes a working object of its kind, and Process, Manager, Pool and the module functions
    are there.

    Docs: multiprocessing — Contexts and start methods ("Context objects have the same API as
    the multiprocessing module, and allow one to use multiple start methods in the same
    program").
    Promises: START-5.
    """
    ctx = target.ctx
    outcomes = Outcomes(
        unit="parts of the module API",
        acceptable={"offered": "present and, for a factory, made an object of its kind"},
        forbidden={"missing": "the context has no such attribute, or it is not callable",
                   "broken": "the factory raised or made something else"},
    )
    for name in (*STARTERS, *OTHER_FUNCTIONS, *FACTORIES):
        outcomes.expect(callable(getattr(ctx, name, None)), "missing", f"ctx.{name}", "offered")
    for name, args in FACTORIES.items():
        factory = getattr(ctx, name, None)
        if not callable(factory):
            continue
        try:
            made = factory(*args)
        except Exception as exc:  # the report says what the factory raised
            outcomes.observe("broken", f"ctx.{name}{args} raised {type(exc).__name__}: {exc}")
            continue
        if name == "Pipe":
            ok = all(callable(getattr(end, "send", None)) for end in made)
            for end in made:
                end.close()
        else:
            ok = hasattr(made, CHARACTERISTIC[name])
            if name in ("Queue", "JoinableQueue"):
                made.close()
        outcomes.expect(ok, "broken", f"ctx.{name}{args} made {made!r}", "offered")
    outcomes.verdict()


@pytest.mark.requires("fork_warning")
def test_fork_from_a_threaded_process_warns(target):
    """From Python 3.12, starting a fork-context process from a process that runs more than one
    thread raises a DeprecationWarning (from ``os.fork``).

    Docs: multiprocessing — Contexts and start methods (fork: "Changed in version 3.12: If
    Python is able to detect that your process has multiple threads, the os.fork() function
    that this start method calls internally will raise a DeprecationWarning").
    Promises: START-13.
    """
    with target.scenario() as s:
        (seen,) = s.join([s.start(actors.fork_while_threaded, target.module.__name__,
                                  role="threaded forker", daemon=False)],
                         stuck_in="a fork-context start()")
    warned = [message for category, message in seen
              if category == "DeprecationWarning" and "fork" in message]
    assert warned, f"start() of a fork-context process from a process with two threads " \
                   f"raised no DeprecationWarning; warnings seen: {seen}"


def test_concrete_context_refuses_set_start_method(target):
    """``set_start_method`` on a concrete context (from ``get_context(method)``) raises
    ValueError, with or without ``force``, and the context keeps its method.

    Docs: multiprocessing — Contexts and start methods (a context from get_context(method) is
    bound to that method); CPython raises ValueError("cannot set start method of concrete
    context").
    Promises: START-11.
    """
    ctx = target.ctx
    for method in target.module.get_all_start_methods():
        expect_raises(ValueError, lambda: ctx.set_start_method(method),
                      f"get_context({target.method!r}).set_start_method({method!r})")
        expect_raises(ValueError, lambda: ctx.set_start_method(method, force=True),
                      f"get_context({target.method!r}).set_start_method({method!r}, "
                      f"force=True)")
    assert ctx.get_start_method() == target.method, \
        f"the {target.method} context now reports {ctx.get_start_method()!r}"


PRELOADED, MISSING = "fractions", "no_such_module_for_the_preload"  # fractions: not loaded
# by a child's bootstrap, so seeing it in a child shows the preload.
PRELOAD_PROGRAM = """
import importlib, json, sys
from conformance.actors.start_methods import report_loaded
if __name__ == "__main__":
    impl, deadline, names = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    ctx = importlib.import_module(impl).get_context("forkserver")
    ctx.set_forkserver_preload(names)
    reader, writer = ctx.Pipe(False)
    child = ctx.Process(target=report_loaded, args=(writer, names[:1]))
    child.start()
    writer.close()
    loaded = reader.recv() if reader.poll(deadline) else None
    child.join(deadline)
    print(json.dumps({"loaded": loaded, "exitcode": child.exitcode}))
"""


def run_fresh(target, tmp_path, program, *args):
    """Run ``program`` as the main script of a fresh interpreter with the kit's sys.path;
    return its completed process (bounded by a generous multiple of the deadline)."""
    script = tmp_path / "program.py"
    script.write_text(program)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    return subprocess.run([sys.executable, str(script), target.module.__name__,
                           str(target.deadline), *args], cwd=str(tmp_path), env=env,
                          capture_output=True, text=True, timeout=4 * target.deadline + 30)


@pytest.mark.requires("forkserver")
def test_forkserver_preload_imports_listed_modules(target, tmp_path):
    """Modules listed with ``set_forkserver_preload`` before the fork server starts are
    imported in the server, so a forkserver child already has them in ``sys.modules``; a
    listed module that cannot be imported is ignored and the child still starts.

    Docs: multiprocessing — Miscellaneous (set_forkserver_preload: "ask the server process to
    import those modules ... Any ImportError when doing so is silently ignored").
    Promises: START-14, START-15.
    """
    done = run_fresh(target, tmp_path, PRELOAD_PROGRAM, PRELOADED, MISSING)
    assert done.returncode == 0, f"the program failed:\n{done.stdout}{done.stderr}"
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["loaded"] == {PRELOADED: True} and seen["exitcode"] == 0, \
        f"with {[PRELOADED, MISSING]} preloaded, a forkserver child reported " \
        f"{seen['loaded']} (exitcode {seen['exitcode']}):\n{done.stderr}"


REFUSAL_PROGRAM = """
import importlib, json, sys
if __name__ == "__main__":
    ctx = importlib.import_module(sys.argv[1]).get_context("forkserver")
    refused = {}
    for names in (["os", 3], [None], [b"os"]):
        try:
            ctx.set_forkserver_preload(names)
            refused[repr(names)] = "returned"
        except Exception as exc:
            refused[repr(names)] = type(exc).__name__
    print(json.dumps(refused))
"""


@pytest.mark.requires("forkserver")
def test_forkserver_preload_refuses_non_str_names(target, tmp_path):
    """``set_forkserver_preload`` raises TypeError for a list that holds anything but module
    names (str).

    Docs: multiprocessing — Miscellaneous (set_forkserver_preload(module_names): "module_names
    is a list of module names"); CPython raises TypeError("module_names must be a list of
    strings").  Run in a fresh interpreter: a list wrongly accepted must not reach the kit's
    own fork server.
    Promises: START-16.
    """
    done = run_fresh(target, tmp_path, REFUSAL_PROGRAM)
    assert done.returncode == 0, f"the program failed:\n{done.stdout}{done.stderr}"
    refused = json.loads(done.stdout.strip().splitlines()[-1])
    wrong = {names: what for names, what in refused.items() if what != "TypeError"}
    assert not wrong, f"set_forkserver_preload(names) did not raise TypeError: {wrong}"


UNGUARDED_PROGRAM = """
import importlib, json, os, sys
ctx = importlib.import_module(sys.argv[1]).get_context(sys.argv[3])
child = ctx.Process(target=os.getpid)
child.start()  # unguarded: a spawning child runs this again while importing the main module
if __name__ == "__main__":
    child.join(float(sys.argv[2]))
    print(json.dumps(child.exitcode))
"""


def test_unguarded_main_fails_spawning_children(target, tmp_path):
    """Under spawn and forkserver, a main module that starts a Process at import time, without
    the ``if __name__ == '__main__'`` guard, makes the child fail while bootstrapping (it
    raises RuntimeError) and the parent sees a non-zero exitcode.

    Docs: multiprocessing — Programming guidelines (The spawn and forkserver start methods:
    "Safe importing of main module ... Instead one should protect the entry point of the
    program by using if __name__ == '__main__'").  Both spawning methods are exercised for
    every target: the guideline does not concern fork.
    Promises: START-17.
    """
    offered = target.module.get_all_start_methods()
    spawning = [method for method in ("spawn", "forkserver") if method in offered]
    for method in spawning:
        done = run_fresh(target, tmp_path, UNGUARDED_PROGRAM, method)
        assert done.returncode == 0, f"the {method} program failed:\n{done.stdout}{done.stderr}"
        exitcode = json.loads(done.stdout.strip().splitlines()[-1])
        assert exitcode not in (0, None), \
            f"an unguarded {method} child exited with {exitcode}:\n{done.stderr}"
        assert "RuntimeError" in done.stderr, \
            f"the unguarded {method} child did not report a RuntimeError:\n{done.stderr}"
