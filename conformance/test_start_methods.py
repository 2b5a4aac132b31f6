"""Start methods and contexts: what ``get_all_start_methods`` lists and ``get_context`` returns.

Docs: multiprocessing — Contexts and start methods; Miscellaneous (get_all_start_methods,
get_context).

The kit takes everything from ``MODULE.get_context(method)`` and, from the module's top level,
only ``get_context`` and ``get_all_start_methods``; the module-level ``set_start_method`` and
``get_start_method`` (which fix process-wide state) are deliberately not exercised.  Which
method is the default on which platform changes between versions (3.14 moves POSIX away from
fork), so it is not judged by name: only that the default is the first listed and that the
default context starts children by it.  Native provider only: contexts are not manager features.
"""

import json
import os
import queue
import subprocess
import sys

import pytest

from conformance.actors import start_methods as actors
from conformance.harness.scenario import Scenario
from conformance.judge import OutcomeTable, Stuck, expect_raises, judged

KNOWN_METHODS = ("fork", "spawn", "forkserver")
SPAWNING = ("spawn", "forkserver")

# --- helpers: fresh interpreters ------------------------------------------------------------


def run_fresh(target, tmp_path, program, *args):
    """Run ``program`` as the main script of a fresh interpreter with the kit's sys.path, as
    ``program <impl> <deadline> *args``; return its completed process.  A program that outlives
    a generous multiple of the deadline is stuck."""
    script = tmp_path / "program.py"
    script.write_text(program)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    command = [sys.executable, str(script), target.module.__name__, str(target.deadline), *args]
    try:
        return subprocess.run(command, cwd=str(tmp_path), env=env, capture_output=True,
                              text=True, timeout=4 * target.deadline + 30)
    except subprocess.TimeoutExpired as exc:
        raise Stuck(f"a fresh interpreter running {' '.join(command[1:])} did not finish",
                    stuck_in="a fresh interpreter's program") from exc


def reported(done):
    """What a fresh program printed last, as JSON; a program that failed is the kit's error."""
    assert done.returncode == 0, f"the program failed:\n{done.stdout}{done.stderr}"
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- listing and choosing start methods -----------------------------------------------------

LISTED = OutcomeTable(
    unit="checks of get_all_start_methods() and the default context",
    acceptable={"as-documented": "holds as documented"},
    forbidden={"not-a-list": "get_all_start_methods() did not return a non-empty list",
               "duplicate": "a method is listed twice",
               "unknown-method": "a method other than fork, spawn and forkserver is listed",
               "unlisted": "get_context() gives a context of a method that is not listed",
               "default-not-first": "get_context() is not a context of the first listed method"},
)


def offers(module, method):
    """Whether ``module.get_context(method)`` gives a context (ValueError where it has none)."""
    try:
        module.get_context(method)
    except ValueError:
        return False
    return True


def test_all_start_methods_lists_the_default_first(target):
    """``get_all_start_methods()`` is a list of distinct supported methods drawn from fork,
    spawn and forkserver, the default first, and lists every method ``get_context(method)``
    offers; ``get_context()`` and ``get_context(None)`` return a context of that default
    method.

    Docs: multiprocessing — Miscellaneous (get_all_start_methods: "Returns a list of the
    supported start methods, the first of which is the default"; get_context: "If method is
    None then the default context is returned").
    Promises: START-1, START-3.
    """
    with judged("get_all_start_methods(), get_context() and get_context(None)"):
        methods = target.module.get_all_start_methods()
        defaults = {"get_context()": target.module.get_context().get_start_method(),
                    "get_context(None)": target.module.get_context(None).get_start_method()}
        offered = [method for method in KNOWN_METHODS if offers(target.module, method)]
    outcomes = LISTED.counter()
    if not isinstance(methods, list) or not methods:
        outcomes.observe("not-a-list", f"get_all_start_methods() returned {methods!r}")
        outcomes.verdict()
    outcomes.expect(len(set(methods)) == len(methods), "duplicate", f"listed {methods}",
                    "as-documented")
    outcomes.expect(set(methods) <= set(KNOWN_METHODS), "unknown-method", f"listed {methods}",
                    "as-documented")
    for method in offered:
        outcomes.expect(method in methods, "unlisted",
                        f"get_context({method!r}) gives a context, but {methods} does not list "
                        f"it", "as-documented")
    for call, method in defaults.items():
        outcomes.expect(method == methods[0], "default-not-first",
                        f"{call} is a {method} context, but {methods} lists {methods[0]} first",
                        "as-documented")
    outcomes.verdict()


REPORTED = OutcomeTable(
    unit="get_start_method() calls on a concrete context",
    acceptable={"its-method": "returned the method the context was asked for"},
    forbidden={"other-method": "returned another method"},
)


def test_context_reports_its_start_method(target):
    """``get_context(method)`` returns a context whose ``get_start_method()`` is that method.

    Docs: multiprocessing — Miscellaneous (get_context: "Otherwise method should be 'fork',
    'spawn', 'forkserver'"); Contexts and start methods ("use get_context() to obtain a context
    object").
    Promises: START-2.
    """
    with judged(f"get_context({target.method!r}).get_start_method()"):
        ctx = target.module.get_context(target.method)
        seen = {"get_start_method()": ctx.get_start_method(),
                "get_start_method(allow_none=True)": ctx.get_start_method(allow_none=True)}
    outcomes = REPORTED.counter()
    for call, method in seen.items():
        outcomes.expect(method == target.method, "other-method",
                        f"get_context({target.method!r}).{call} returned {method!r}",
                        "its-method")
    outcomes.verdict()


# How a child started by each method finds itself: (it inherited the parent's run-time state,
# its parent process is the process that started it).  Contexts and start methods: fork "is
# effectively identical to the parent process"; spawn "starts a fresh Python interpreter
# process"; forkserver: "the parent process connects to the server and requests that it fork a
# new process".
STARTED_AS = {"fork": (True, True), "spawn": (False, True), "forkserver": (False, False)}

STARTED = OutcomeTable(
    unit="children started from a context",
    acceptable={"as-its-method": "started the way the context's method starts children"},
    forbidden={"started-otherwise": "started the way another method starts children"},
)


def test_context_starts_children_by_its_method(target):
    """A Process from ``get_context(method)`` is started by that method, and one from the
    default context ``get_context()`` by the first method ``get_all_start_methods()`` lists: a
    fork child inherits the parent's run-time state, a spawn child starts afresh as the
    parent's child, a forkserver child starts afresh as the fork server's child.

    Docs: multiprocessing — Contexts and start methods (spawn, fork, forkserver: how each
    starts a process; get_context: "returns a context object which has the same attributes as
    the multiprocessing module"); Miscellaneous (get_all_start_methods: "the first of which is
    the default").
    Promises: START-2, START-3.
    """
    default = target.module.get_all_start_methods()[0]
    contexts = {f"get_context({target.method!r})": (target.ctx, target.method),
                "get_context()": (target.module.get_context(), default)}
    outcomes = STARTED.counter()
    actors.MARK = os.getpid()
    try:
        for call, (ctx, method) in contexts.items():
            with Scenario(ctx, target.deadline) as s:
                (started_as,) = s.join([s.start(actors.report_start, os.getpid(),
                                                role=f"child of {call}")],
                                       stuck_in=f"a child of {call}")
            ways = [way for way, signature in STARTED_AS.items()
                    if signature == tuple(started_as)]
            outcomes.expect(method in ways, "started-otherwise",
                            f"a child of {call} ({method}) was started as by "
                            f"{' or '.join(ways) or 'no known method'}", "as-its-method")
    finally:
        actors.MARK = actors.UNMARKED
    outcomes.verdict()


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


# --- what a context offers ------------------------------------------------------------------

# Callables checked without calling them: each would start processes.
STARTERS = ("Process", "Manager", "Pool")
OTHER_FUNCTIONS = ("active_children", "current_process", "parent_process", "cpu_count",
                   "get_start_method", "set_start_method", "get_context", "get_logger",
                   "log_to_stderr")


def fails_as_lock(lock, deadline):
    if not lock.acquire(False):
        return "a fresh Lock could not be acquired"
    try:
        if lock.acquire(False):
            lock.release()
            return "its holder acquired it again: it is recursive"
    finally:
        lock.release()
    return None


def fails_as_rlock(lock, deadline):
    if not lock.acquire(False):
        return "a fresh RLock could not be acquired"
    try:
        if not lock.acquire(False):
            return "its holder could not acquire it again"
        lock.release()
    finally:
        lock.release()
    return None


def fails_as_semaphore(semaphore, deadline):
    """Semaphore(): one permit, and release() may add more."""
    taken = [semaphore.acquire(False), semaphore.acquire(False)]
    if taken != [True, False]:
        return f"two acquire(False) on Semaphore() returned {taken}, not [True, False]"
    semaphore.release()
    semaphore.release()
    taken = [semaphore.acquire(False), semaphore.acquire(False)]
    return None if taken == [True, True] else \
        f"after two releases, two acquire(False) returned {taken}: release() is bounded"


def fails_as_bounded_semaphore(semaphore, deadline):
    if not semaphore.acquire(False):
        return "a fresh BoundedSemaphore() could not be acquired"
    semaphore.release()
    try:
        semaphore.release()
    except ValueError:
        return None
    return "a release() beyond its initial value did not raise ValueError"


def fails_as_condition(condition, deadline):
    if not condition.acquire(False):
        return "a fresh Condition could not be acquired"
    try:
        condition.notify()
        if condition.wait(0) is not False:
            return "wait(0) with nobody to notify did not return False"
    finally:
        condition.release()
    return None


def fails_as_event(event, deadline):
    states = [event.is_set()]
    event.set()
    states += [event.is_set(), event.wait(0)]
    event.clear()
    states.append(event.is_set())
    return None if states == [False, True, True, False] else \
        f"is_set(), set(), is_set(), wait(0), clear(), is_set() gave {states}"


def fails_as_barrier(barrier, deadline):
    index = barrier.wait(deadline)
    return None if (barrier.parties, index) == (1, 0) else \
        f"Barrier(1) has {barrier.parties} parties and wait() returned {index}"


def fails_as_queue(channel, deadline, joinable=False):
    try:
        channel.put("item")
        try:
            got = channel.get(timeout=deadline)
        except queue.Empty:
            return f"an item put was not got within {deadline:g} s"
        if got != "item":
            return f"put('item') then get() returned {got!r}"
        if joinable:
            channel.task_done()
            try:
                channel.task_done()
            except ValueError:
                return None
            return "task_done() beyond the items put did not raise ValueError"
        return None
    finally:
        channel.close()
        channel.join_thread()


def fails_as_joinable_queue(channel, deadline):
    return fails_as_queue(channel, deadline, joinable=True)


def fails_as_simple_queue(channel, deadline):
    try:
        channel.put("item")
        got = channel.get()
        return None if (got, channel.empty()) == ("item", True) else \
            f"put('item') then get() returned {got!r}, empty() {channel.empty()}"
    finally:
        channel.close()


def fails_as_pipe(ends, deadline):
    left, right = ends
    try:
        left.send("there")
        there = right.recv() if right.poll(deadline) else None
        right.send("back")
        back = left.recv() if left.poll(deadline) else None
        return None if (there, back) == ("there", "back") else \
            f"a duplex Pipe carried {there!r} one way and {back!r} the other"
    finally:
        left.close()
        right.close()


def fails_as_value(value, deadline):
    if not hasattr(value, "get_lock"):
        return "Value('i', 5) has no get_lock()"
    return None if value.value == 5 else f"Value('i', 5) reads {value.value!r}"


def fails_as_array(array, deadline):
    if not hasattr(array, "get_lock"):
        return "Array('i', [1, 2]) has no get_lock()"
    return None if array[:] == [1, 2] else f"Array('i', [1, 2]) reads {array[:]!r}"


def fails_as_raw_value(value, deadline):
    if hasattr(value, "get_lock"):
        return "RawValue('i', 5) has get_lock()"
    return None if value.value == 5 else f"RawValue('i', 5) reads {value.value!r}"


def fails_as_raw_array(array, deadline):
    if hasattr(array, "get_lock"):
        return "RawArray('i', [1, 2]) has get_lock()"
    return None if array[:] == [1, 2] else f"RawArray('i', [1, 2]) reads {array[:]!r}"


# What a context offers ("Context objects have the same API as the multiprocessing module"):
# each factory with its arguments and a cheap probe that the object behaves as its kind (None
# when it does, else what it did instead).
FACTORIES = {
    "Lock": ((), fails_as_lock), "RLock": ((), fails_as_rlock),
    "Semaphore": ((), fails_as_semaphore), "BoundedSemaphore": ((), fails_as_bounded_semaphore),
    "Condition": ((), fails_as_condition), "Event": ((), fails_as_event),
    "Barrier": ((1,), fails_as_barrier), "Queue": ((), fails_as_queue),
    "JoinableQueue": ((), fails_as_joinable_queue), "SimpleQueue": ((), fails_as_simple_queue),
    "Pipe": ((), fails_as_pipe), "Value": (("i", 5), fails_as_value),
    "Array": (("i", [1, 2]), fails_as_array), "RawValue": (("i", 5), fails_as_raw_value),
    "RawArray": (("i", [1, 2]), fails_as_raw_array),
}

OFFERED = OutcomeTable(
    unit="parts of the module API",
    acceptable={"offered": "present and, for a factory, made an object that behaves as its "
                           "kind"},
    forbidden={"missing": "the context has no such attribute, or it is not callable",
               "not-its-kind": "the factory made an object that does not behave as its kind",
               "failed": "the factory, or its object, raised"},
)


def test_context_offers_the_module_api(target):
    """A context offers the module's API: each primitive, queue, pipe and shared ctypes factory
    makes an object that behaves as its kind (a Lock is not recursive, an RLock is, a
    BoundedSemaphore refuses an extra release, ...), and Process, Manager, Pool and the module
    functions are there.

    Docs: multiprocessing — Contexts and start methods ("Context objects have the same API as
    the multiprocessing module, and allow one to use multiple start methods in the same
    program"); Synchronization primitives; Pipes and Queues; Shared ctypes Objects.
    Promises: START-5.
    """
    ctx = target.ctx
    outcomes = OFFERED.counter()
    for name in (*STARTERS, *OTHER_FUNCTIONS, *FACTORIES):
        outcomes.expect(callable(getattr(ctx, name, None)), "missing", f"ctx.{name}", "offered")
    for name, (args, fails) in FACTORIES.items():
        factory = getattr(ctx, name, None)
        if not callable(factory):
            continue
        try:
            failure = fails(factory(*args), target.deadline)
        except Exception as exc:  # counted: a factory or its object raised
            outcomes.observe("failed", f"ctx.{name}{args} or its object raised "
                                       f"{type(exc).__name__}: {exc}")
            continue
        outcomes.expect(failure is None, "not-its-kind", f"ctx.{name}{args}: {failure}",
                        "offered")
    outcomes.verdict()


# --- fork from a threaded process -----------------------------------------------------------

FORK_WARNING = OutcomeTable(
    unit="fork-context starts from a process with two threads",
    acceptable={"warned": "start() raised a DeprecationWarning about fork"},
    forbidden={"silent": "no DeprecationWarning about fork was raised"},
)


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
    outcomes = FORK_WARNING.counter()
    outcomes.expect(any(category == "DeprecationWarning" and "fork" in message
                        for category, message in seen), "silent",
                    f"warnings seen: {seen}", "warned")
    outcomes.verdict()


CONCRETE = OutcomeTable(
    unit="concrete contexts after refused set_start_method calls",
    acceptable={"kept": "the context still reports its own method"},
    forbidden={"changed": "the context reports another method"},
)


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
    with judged("get_start_method()"):
        method = ctx.get_start_method()
    outcomes = CONCRETE.counter()
    outcomes.expect(method == target.method, "changed",
                    f"the {target.method} context now reports {method!r}", "kept")
    outcomes.verdict()


# --- the fork server's preload --------------------------------------------------------------

PRELOADED, MISSING = "fractions", "no_such_module_for_the_preload"  # fractions: not loaded
# by a child's bootstrap, so seeing it in a child shows the preload.
PRELOAD_PROGRAM = """
import importlib, json, sys
from conformance.actors.start_methods import report_loaded
if __name__ == "__main__":
    impl, deadline, names = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    ctx = importlib.import_module(impl).get_context("forkserver")
    seen = {"raised": None, "loaded": None, "exitcode": None}
    try:
        ctx.set_forkserver_preload(names)
        reader, writer = ctx.Pipe(False)
        child = ctx.Process(target=report_loaded, args=(writer, names[:1]))
        child.start()
        writer.close()
        try:
            seen["loaded"] = reader.recv() if reader.poll(deadline) else None
        except EOFError:  # the child ended without reporting: judged as child-failed
            pass
        child.join(deadline)
        seen["exitcode"] = child.exitcode
    except Exception as exc:
        seen["raised"] = f"{type(exc).__name__}: {exc}"
    print(json.dumps(seen))
"""

PRELOAD = OutcomeTable(
    unit="forkserver children started after a preload of an importable and a missing module",
    acceptable={"preloaded": "the child started with the listed module already imported"},
    forbidden={"raised": "set_forkserver_preload or starting the child raised",
               "not-preloaded": "the child did not have the listed module imported",
               "child-failed": "the child did not report, or did not exit with 0"},
)


@pytest.mark.requires("forkserver")
def test_forkserver_preload_imports_listed_modules(target, tmp_path):
    """Modules listed with ``set_forkserver_preload`` before the fork server starts are
    imported in the server, so a forkserver child already has them in ``sys.modules``; a
    listed module that cannot be imported is ignored and the child still starts.

    Docs: multiprocessing — Miscellaneous (set_forkserver_preload: "ask the server process to
    import those modules ... Any ImportError when doing so is silently ignored").
    Promises: START-14, START-15.
    """
    seen = reported(run_fresh(target, tmp_path, PRELOAD_PROGRAM, PRELOADED, MISSING))
    outcomes = PRELOAD.counter()
    listed = [PRELOADED, MISSING]
    if seen["raised"]:
        outcomes.observe("raised", f"with {listed} preloaded: {seen['raised']}")
    elif seen["loaded"] is None or seen["exitcode"] != 0:
        outcomes.observe("child-failed", f"with {listed} preloaded, the child reported "
                                         f"{seen['loaded']} and exited with {seen['exitcode']}")
    else:
        outcomes.expect(seen["loaded"] == {PRELOADED: True}, "not-preloaded",
                        f"with {listed} preloaded, the child reported {seen['loaded']}",
                        "preloaded")
    outcomes.verdict()


REFUSAL_PROGRAM = """
import importlib, json, sys
if __name__ == "__main__":
    ctx = importlib.import_module(sys.argv[1]).get_context("forkserver")
    refused = {}
    for names in (["os", 3], [None], [b"os"]):
        try:
            ctx.set_forkserver_preload(names)
            refused[repr(names)] = None
        except Exception as exc:
            refused[repr(names)] = type(exc).__name__
    print(json.dumps(refused))
"""

NON_STR_NAMES = OutcomeTable(
    unit="set_forkserver_preload calls with a non-str name",
    acceptable={"refused": "raised TypeError"},
    forbidden={"accepted": "returned", "raised-other": "raised something else than TypeError"},
)


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
    refused = reported(run_fresh(target, tmp_path, REFUSAL_PROGRAM))
    outcomes = NON_STR_NAMES.counter()
    for names, raised in refused.items():
        if raised is None:
            outcomes.observe("accepted", f"set_forkserver_preload({names}) returned")
        else:
            outcomes.expect(raised == "TypeError", "raised-other",
                            f"set_forkserver_preload({names}) raised {raised}", "refused")
    outcomes.verdict()


# --- the main-module guard ------------------------------------------------------------------

UNGUARDED_PROGRAM = """
import importlib, json, os, sys
ctx = importlib.import_module(sys.argv[1]).get_context(sys.argv[3])
child = ctx.Process(target=os.getpid)
child.start()  # unguarded: a spawning child runs this again while importing the main module
if __name__ == "__main__":
    child.join(float(sys.argv[2]))
    print(json.dumps(child.exitcode))
"""

UNGUARDED = OutcomeTable(
    unit="children of an unguarded main module",
    acceptable={"failed-bootstrapping": "exited non-zero after raising RuntimeError"},
    forbidden={"started": "exited with 0: the unguarded start went unnoticed",
               "failed-otherwise": "exited non-zero without a RuntimeError"},
)


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
    outcomes = UNGUARDED.counter()
    for method in (method for method in SPAWNING if method in offered):
        done = run_fresh(target, tmp_path, UNGUARDED_PROGRAM, method)
        exitcode = reported(done)
        if exitcode == 0:
            outcomes.observe("started", f"an unguarded {method} child exited with 0")
        else:
            outcomes.expect("RuntimeError" in done.stderr, "failed-otherwise",
                            f"an unguarded {method} child exited with {exitcode}:\n"
                            f"{done.stderr[-2000:]}", "failed-bootstrapping")
    outcomes.verdict()


# --- the resource tracker and named semaphores ----------------------------------------------

SEMAPHORE_LEAK_PROGRAM = """
import importlib, sys
from conformance.actors.start_methods import leak_semaphores
if __name__ == "__main__":
    impl, deadline, method, path, methods = (sys.argv[1], float(sys.argv[2]), sys.argv[3],
                                             sys.argv[4], sys.argv[5:])
    child = importlib.import_module(impl).get_context(method).Process(
        target=leak_semaphores, args=(impl, methods, path))
    child.start()
    child.join(deadline)
    sys.exit(child.exitcode)
"""

TRACKED_SEMAPHORES = OutcomeTable(
    unit="named semaphores leaked by a process that exited",
    acceptable={"unlinked": "the resource tracker unlinked it once the program exited"},
    forbidden={"leaked": "it still existed after the program and its tracker exited"},
)


@pytest.mark.requires("resource_tracker")
def test_resource_tracker_unlinks_leaked_semaphores(target, tmp_path):
    """A named semaphore (a Lock of a spawn or forkserver context) that a process leaves behind
    when it exits without cleaning up is unlinked by the resource tracker once every process
    of that program has exited.

    Docs: multiprocessing — Contexts and start methods ("On POSIX using the spawn or
    forkserver start methods will also start a resource tracker process which tracks the
    unlinked named system resources (such as named semaphores or SharedMemory objects)
    created by processes of the program. When all processes have exited the resource tracker
    unlinks any remaining tracked object").  A fork context's Lock has no name left to leak, so
    the leaking process, started by the method under test, makes its Locks in the spawning
    contexts.
    Promises: START-18.
    """
    import _multiprocessing

    spawning = [method for method in SPAWNING
                if method in target.module.get_all_start_methods()]
    names_file = tmp_path / "semaphores"
    done = run_fresh(target, tmp_path, SEMAPHORE_LEAK_PROGRAM, target.method, str(names_file),
                     *spawning)
    assert done.returncode == 0, f"the leaking program failed:\n{done.stdout}{done.stderr}"
    outcomes = TRACKED_SEMAPHORES.counter()
    for name in names_file.read_text(encoding="utf-8").split():
        try:
            _multiprocessing.sem_unlink(name)  # the kit's own look, and cleanup if it is there
        except FileNotFoundError:
            outcomes.observe("unlinked")
        else:
            outcomes.observe("leaked", f"semaphore {name!r} of a process that exited was still "
                                       f"there")
    outcomes.verdict()
