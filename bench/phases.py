"""Where a kit run's time goes inside its scenarios, as the process running the invariants sees it.

Runs pytest in this process, serially (no xdist: one process sees every wait), with the kit's
harness, judges and the implementation's process and manager calls timed, and prints each
phase's wall time by start method column (``fork`` ... ``manager-spawn``), its share of the run,
and how many process and manager server starts there were:

* process start: ``Process.start()`` of every process the run starts (children, pool workers);
* manager server start / shutdown: ``BaseManager.start()`` and its shutdown, whole (the server's
  process start included), and the kit's bounded shutdown around it;
* children to reach the gate: the parent waiting until every child of a gated scenario stands at
  its start gate (mostly the children's own start-up: a spawn child's interpreter boot);
* children's signals: waits on what children write on the board (holding a lock, about to
  block), and until their threads are asleep;
* joining children: waiting for children to finish what they were given (the calls under test,
  their delays and timeouts) and exit;
* scenario set-up and clean-up: scenario directories, stopping what is left;
* evidence files and boards: making and closing boards and gates, reading children's reports;
* judging: outcome tables, the linearizability checker, timing judges;
* garbage collection: ``gc.collect()`` (the kit's after each invariant; an invariant's own);
* invariant body: the rest of each example (drawing nothing: the calls the parent makes, the
  kit's bookkeeping between the phases above);
* Hypothesis: a Hypothesis invariant's time outside its examples (drawing, explicit examples'
  reports, the database);
* pytest set-up and teardown: fixtures, capability probes (teardown's collection apart);
* session: start-up, collection and the report, i.e. the run's wall time outside its tests.

A phase is charged the time while it is the innermost one running (a process start inside a
scenario's clean-up is a process start), except that a manager server's start and shutdown are
charged whole.  Only this process's main thread is timed.  Children's CPU is not seen here
(``bench/vs_cpython.py`` counts it): a phase is where the run waits, not what it burns.

    python bench/phases.py [--json PATH] [pytest arguments ...]   # default: conformance -q
    python bench/phases.py conformance/test_lock.py conformance/test_barrier.py -q
"""

import argparse
import functools
import importlib
import json
import os
import sys
import threading
import time

import pytest

# How a phase is timed: CALL, the innermost call running is charged; WHOLE, the call and all
# it runs; BLOCK, the ``with`` block of the context managers the function makes.
CALL, WHOLE, BLOCK = "call", "whole", "block"
# (phase, how, where: (module, attribute path) pairs)
TIMED = (
    ("manager server start", WHOLE, (("multiprocessing.managers", "BaseManager.start"),)),
    ("manager server shutdown", WHOLE, (
        ("multiprocessing.managers", "BaseManager._finalize_manager"),
        ("conformance.harness.scenario", "shutdown_manager"))),
    ("process start", CALL, (("multiprocessing.process", "BaseProcess.start"),)),
    ("children to reach the gate", CALL, (("conformance.harness.gate", "Gate.arrived"),)),
    ("children's signals", CALL, (
        ("conformance.harness.scenario", "Scenario.await_slot"),
        ("conformance.harness.scenario", "Scenario.await_blocked"),
        ("conformance.harness.waiting", "await_quiet"),
        ("conformance.harness.waiting", "await_condition"))),
    ("joining children", CALL, (
        ("conformance.harness.scenario", "Scenario.join"),
        ("conformance.harness.processes", "await_exit"))),
    ("parent's judged calls", BLOCK, (("conformance.judge", "judged"),)),
    ("scenario set-up and clean-up", CALL, (
        ("conformance.harness.scenario", "Scenario.__enter__"),
        ("conformance.harness.scenario", "Scenario.__exit__"))),
    ("evidence files and boards", CALL, (
        ("conformance.harness.board", "Board.__init__"),
        ("conformance.harness.board", "Board.snapshot"),
        ("conformance.harness.board", "Board.close"),
        ("conformance.harness.gate", "Gate.__init__"),
        ("conformance.harness.gate", "Gate.close"),
        ("conformance.harness.scenario", "Child.report"))),
    ("judging", CALL, (
        ("conformance.judge", "Outcomes.observe"),
        ("conformance.judge", "Outcomes.expect"),
        ("conformance.judge", "Outcomes.verdict"),
        ("conformance.judge.linearizability", "check"),
        ("conformance.judge.linearizability", "expect_linearizable"),
        ("conformance.judge.locks", "count_edge_timeouts"),
        ("conformance.judge.locks", "count_with_statements"),
        ("conformance.judge.timing", "never_early"))),
    ("garbage collection", CALL, (("gc", "collect"),)),
)
BODY = "invariant body"
HYPOTHESIS = "Hypothesis"
SETUP = "pytest set-up"
TEARDOWN = "pytest teardown"
SESSION = "session (start-up, collection, report)"
PHASES = (*(phase for phase, _, _ in TIMED), BODY, HYPOTHESIS, SETUP, TEARDOWN, SESSION)
COUNTED = ("process start", "manager server start")  # phases whose calls are counted too
METHOD_ORDER = ("fork", "spawn", "forkserver")
OTHER = "other tests"


class Clock:
    """Wall time by (column, phase): the innermost phase running is charged, unless an
    enclosing phase is charged whole.  Only the thread and process that made it are timed."""

    def __init__(self, now=time.perf_counter):
        self.now = now
        self.column = OTHER
        self.spent = {}
        self.calls = {}
        self._stack = []  # (phase, charged whole)
        self._since = None
        self._thread = threading.get_ident()
        self._pid = os.getpid()

    def timing(self):
        return threading.get_ident() == self._thread and os.getpid() == self._pid

    def enter(self, phase, whole=False):
        """Start charging ``phase``; False (nothing changes) inside a phase charged whole."""
        if self._stack and self._stack[-1][1]:
            return False
        now = self.now()
        if self._stack:
            self._charge(self._stack[-1][0], now)
        self._stack.append((phase, whole))
        self._since = now
        key = (self.column, phase)
        self.calls[key] = self.calls.get(key, 0) + 1
        return True

    def leave(self):
        now = self.now()
        phase, _ = self._stack.pop()
        self._charge(phase, now)
        self._since = now

    def _charge(self, phase, now):
        key = (self.column, phase)
        self.spent[key] = self.spent.get(key, 0.0) + now - self._since

    def timed(self, phase, call, whole=False):
        """``call`` charging its time to ``phase`` (called as it is from other threads)."""

        @functools.wraps(call)
        def timed_call(*args, **kwargs):
            if not self.timing() or not self.enter(phase, whole):
                return call(*args, **kwargs)
            try:
                return call(*args, **kwargs)
            finally:
                self.leave()

        return timed_call

    def timed_blocks(self, phase, factory):
        """``factory`` making context managers whose ``with`` block is charged to ``phase``."""

        @functools.wraps(factory)
        def timed_factory(*args, **kwargs):
            return TimedBlock(self, phase, factory(*args, **kwargs))

        return timed_factory


class TimedBlock:
    def __init__(self, clock, phase, inner):
        self.clock, self.phase, self.inner = clock, phase, inner
        self.entered = False

    def __enter__(self):
        self.entered = self.clock.timing() and self.clock.enter(self.phase)
        return self.inner.__enter__()

    def __exit__(self, *exc_info):
        try:
            return self.inner.__exit__(*exc_info)
        finally:
            if self.entered:
                self.clock.leave()


def resolve(module_name, path):
    """(the object holding the attribute, its name, its raw value)."""
    owner = importlib.import_module(module_name)
    *parents, name = path.split(".")
    for parent in parents:
        owner = getattr(owner, parent)
    raw = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
    return owner, name, raw


def install(clock, timed=TIMED):
    """Time every call of ``timed``'s functions: class attributes are replaced in place; a
    module's function also wherever a loaded module of the kit imported it by name (modules
    imported later, the invariants', then import the timed one)."""
    replaced = {}
    for phase, how, places in timed:
        for module_name, path in places:
            owner, name, raw = resolve(module_name, path)
            function = raw.__func__ if isinstance(raw, staticmethod) else raw
            wrapper = (clock.timed_blocks(phase, function) if how == BLOCK
                       else clock.timed(phase, function, whole=how == WHOLE))
            setattr(owner, name, staticmethod(wrapper) if isinstance(raw, staticmethod)
                    else wrapper)
            if not isinstance(owner, type):
                replaced[id(function)] = (function, wrapper)
    for module in [m for n, m in sys.modules.items() if n.startswith("conformance")]:
        for name, value in list(vars(module).items()):
            if id(value) in replaced and replaced[id(value)][0] is value:
                setattr(module, name, replaced[id(value)][1])


def column_of(item):
    callspec = getattr(item, "callspec", None)
    target = callspec.params.get("target") if callspec is not None else None
    if not isinstance(target, tuple):
        return OTHER
    _, provider, method = target
    return method if provider == "native" else f"{provider}-{method}"


class Phases:
    """The pytest plugin: charges each test's set-up, call and teardown to the clock, by column,
    and a Hypothesis invariant's examples to its body."""

    def __init__(self, clock):
        self.clock = clock

    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_runtest_setup(self, item):
        self.clock.column = column_of(item)
        self.clock.enter(SETUP)
        try:
            yield
        finally:
            self.clock.leave()

    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_runtest_call(self, item):
        hypothesis = getattr(item.obj, "hypothesis", None)
        inner = getattr(hypothesis, "inner_test", None)
        if inner is not None:
            hypothesis.inner_test = self.clock.timed(BODY, inner)
        self.clock.enter(BODY if inner is None else HYPOTHESIS)
        try:
            yield
        finally:
            self.clock.leave()
            if inner is not None:
                hypothesis.inner_test = inner

    @pytest.hookimpl(hookwrapper=True, tryfirst=True)
    def pytest_runtest_teardown(self, item):
        self.clock.enter(TEARDOWN)
        try:
            yield
        finally:
            self.clock.leave()
            self.clock.column = OTHER


def column_order(column):
    provider, _, method = column.rpartition("-")
    return (column == OTHER, provider,
            METHOD_ORDER.index(method) if method in METHOD_ORDER else len(METHOD_ORDER), column)


def figures(clock, wall):
    """{"wall_s", "phases": {phase: {column: s}}, "calls": {phase: {column: n}}}, the session's
    time being the wall time outside every test."""
    phases, calls = {}, {}
    for (column, phase), seconds in clock.spent.items():
        phases.setdefault(phase, {})[column] = seconds
    for (column, phase), count in clock.calls.items():
        if phase in COUNTED:
            calls.setdefault(phase, {})[column] = count
    in_tests = sum(clock.spent.values())
    phases[SESSION] = {OTHER: max(0.0, wall - in_tests)}
    return {"wall_s": wall, "phases": phases, "calls": calls}


def print_figures(result):
    phases, wall = result["phases"], result["wall_s"]
    columns = sorted({c for row in phases.values() for c in row if c != OTHER}, key=column_order)
    if any(OTHER in row for phase, row in phases.items() if phase != SESSION):
        columns.append(OTHER)
    widths = [max(len(c), 5) + 2 for c in columns]
    name_width = max(map(len, PHASES)) + 2

    def line(name, row, fmt, total, share=""):
        return (f"{name:<{name_width}}"
                + "".join(f"{row[c]:>{w}{fmt}}" if c in row else f"{'-':>{w}}"
                          for c, w in zip(columns, widths))
                + f"{total:>9{fmt}}{share:>8}")

    print(f"{'phase, wall s':<{name_width}}"
          + "".join(f"{c:>{w}}" for c, w in zip(columns, widths)) + f"{'total':>9}{'share':>8}")
    for phase in PHASES:
        row = phases.get(phase, {})
        total = sum(row.values())
        print(line(phase, row, ".1f", total, f"{100 * total / wall if wall else 0:.1f}%"))
    print(f"{'wall':<{name_width}}" + " " * sum(widths) + f"{wall:>9.1f}")
    for phase, row in result["calls"].items():
        print(line(phase + "s", row, "", sum(row.values())))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    args, pytest_args = parser.parse_known_args(argv)
    pytest_args = pytest_args or ["conformance", "-q"]
    clock = Clock()
    install(clock)
    started = time.perf_counter()
    status = pytest.main(["-p", "no:xdist", "-p", "no:cacheprovider", *pytest_args],
                         plugins=[Phases(clock)])
    result = {"command": pytest_args, "exit_status": int(status),
              **figures(clock, time.perf_counter() - started)}
    print()
    print_figures(result)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
