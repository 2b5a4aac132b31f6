"""The kit's default run against CPython's own multiprocessing tests, on one interpreter.

Both suites run in this one invocation, one after the other, on the same interpreter and with the
same number of workers, so that their ratio is measured under the same conditions:

* the kit's default profile over the families CPython's selection covers (synchronisation
  primitives, shared ctypes, managers and proxies, queues, pipes and connections,
  shared_memory) -- ``python -m pytest conformance/test_<family>.py ... -n N``;
* CPython's ``test_multiprocessing_{fork,spawn,forkserver}`` restricted with ``-m`` to the
  comparable test classes -- ``python -m test -jN ... -m '*Lock*' -m '*Semaphore*' ...``.
  Several ``-m`` patterns are OR-ed (3.9-3.13), and a pattern matches the test id or any dotted
  part of it, so ``*Manager*`` takes every ``WithManagerTest*`` class (Pool included) and the
  selection includes the ``WithThreadsTest*`` classes (multiprocessing.dummy): the count is
  broken down by kind below the table.

Tests are counted from the data each suite writes: the kit's ``--conformance-json`` results and
regrtest's ``--junit-xml``; from the same files come the tables of test time by family (kit) or
kind of test (CPython) and start method, which say where each suite spends its time.  The kit is
CPU-bound (it starts processes for every example), so on a machine shared with other work its
wall time stretches more than CPython's: the CPU times (user + system of each suite and the
processes it reaped) are printed too, and ``--rounds N`` alternates the suites N times and shows
the medians.

Interpreters without ``test.test_multiprocessing_*`` (some distributions strip the test suite)
get the kit's half only, with a note.  The kit must be importable by the interpreter (``pip
install -e .`` into it), else the script says so and exits 2.  Exit status 1 if either suite
failed.

    python bench/vs_cpython.py [--python PATH] [-j 2] [--json PATH] [--rounds 1]
                               [--kit-args "..."] [--cpython-args "..."]
"""

import argparse
import json
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

try:
    import resource
except ImportError:  # Windows: no CPU times of children
    resource = None

REPO = Path(__file__).resolve().parent.parent

# The kit's families that CPython's selection below also covers (not start methods/inheritance).
KIT_FAMILIES = (
    "barrier", "lock", "rlock", "semaphore", "event", "condition", "shared_ctypes",
    "manager_dict", "manager_containers", "proxies", "remote_manager", "queue", "pipe",
    "shared_memory",
)
CPYTHON_MODULES = ("test_multiprocessing_fork", "test_multiprocessing_spawn",
                   "test_multiprocessing_forkserver")
CPYTHON_PATTERNS = ("*Lock*", "*Semaphore*", "*Condition*", "*Event*", "*Barrier*", "*Manager*",
                    "*Value*", "*Array*", "*Queue*", "*Pipe*", "*Connection*", "*SharedMemory*",
                    "*Listener*")

# What the interpreter must be able to import for the kit's half, checked from the repository
# (where ``python -m pytest`` runs, so the repository's own tree is the one imported).
KIT_CHECK = """
import sys
try:
    from importlib.metadata import entry_points
    import conformance.plugin, hypothesis, pytest, xdist
except ImportError as exc:
    sys.exit(f"cannot import {exc.name}: {exc}")
found = entry_points()
found = found.select(group="pytest11") if hasattr(found, "select") else found.get("pytest11", ())
if not any(e.name == "conformance" for e in found):
    sys.exit("the kit's pytest plugin is not installed (no 'conformance' pytest11 entry point)")
print(conformance.plugin.__file__)
"""
CPYTHON_CHECK = f"""
import importlib.util, sys
missing = [name for name in {CPYTHON_MODULES!r} if importlib.util.find_spec("test." + name) is None]
sys.exit(", ".join("test." + name for name in missing) or None)
"""
FACTS = """
import json, os, platform, sys
print(json.dumps({"implementation": sys.implementation.name,
                  "version": platform.python_version(), "executable": sys.executable,
                  "os": platform.system(), "machine": platform.machine(),
                  "cpus": os.cpu_count()}))
"""

# The kit's outcomes that pytest reports as skipped (a capability the platform lacks, or a
# deviation the expectations file names); every other outcome but "passed" is a failure.
KIT_SKIPPED = ("unsupported", "known deviation", "skipped", "not claimed")
METHOD_ORDER = ("fork", "spawn", "forkserver")
START_METHODS = {f"test_multiprocessing_{method}": method for method in METHOD_ORDER}


def kit_command(python, workers, results, extra):
    return [python, "-m", "pytest", *(f"conformance/test_{name}.py" for name in KIT_FAMILIES),
            "-n", str(workers), "-p", "no:cacheprovider", "-q", f"--conformance-json={results}",
            *extra]


def cpython_command(python, workers, junit, extra):
    matches = [arg for pattern in CPYTHON_PATTERNS for arg in ("-m", pattern)]
    return [python, "-m", "test", f"-j{workers}", "--junit-xml", junit, *CPYTHON_MODULES,
            *matches, *extra]


def children_cpu():
    """User + system CPU seconds of this process's waited-for descendants (POSIX)."""
    if resource is None:
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command, cwd):
    """Run ``command``; return (wall seconds, CPU seconds or None, completed process).

    The CPU time counts the suite and every process it reaped (its workers, their children),
    so it varies far less than the wall time on a machine shared with other work."""
    cpu_before = children_cpu()
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, errors="replace", check=False)
    wall = time.perf_counter() - started
    cpu = None if cpu_before is None else children_cpu() - cpu_before
    return wall, cpu, completed


def kit_results(path):
    """The kit's results (its ``--conformance-json`` file); None if it wrote none."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)["results"]
    except (OSError, ValueError, KeyError):
        return None


def kit_counts(results):
    """Results per outcome, and as passed / skipped / failed the way pytest reports them."""
    outcomes = {}
    for result in results:
        outcomes[result["outcome"]] = outcomes.get(result["outcome"], 0) + 1
    skipped = sum(outcomes.get(outcome, 0) for outcome in KIT_SKIPPED)
    return {"tests": len(results), "passed": outcomes.get("passed", 0), "skipped": skipped,
            "failed": len(results) - outcomes.get("passed", 0) - skipped, "outcomes": outcomes}


def kit_column(result):
    """Where a result's row is in the per-family table: its start method, prefixed with the
    provider of its primitives unless they are the implementation's own."""
    method = result["start_method"]
    return method if result["provider"] == "native" else f"{result['provider']}-{method}"


def kit_times(results):
    """{family: {column: seconds}}: the test time of the kit's results, summed."""
    times = {}
    for result in results:
        family = times.setdefault(result["family"], {})
        column = kit_column(result)
        family[column] = family.get(column, 0.0) + (result["duration"] or 0.0)
    return times


def regrtest_cases(junit_path):
    """(test id, seconds, skipped, failed) of every test case in regrtest's JUnit XML; None if
    it wrote none."""
    try:
        root = ET.parse(junit_path).getroot()
    except (OSError, ET.ParseError):
        return None
    cases = []
    for case in root.iter("testcase"):
        tags = {child.tag for child in case}
        cases.append((case.get("name", ""), float(case.get("time") or 0.0), "skipped" in tags,
                      bool(tags & {"failure", "error"})))
    return cases


def regrtest_counts(cases):
    """Tests run, skipped and failed, and the kinds of test run."""
    return {"tests": len(cases), "skipped": sum(skipped for _, _, skipped, _ in cases),
            "failures": sum(failed for _, _, _, failed in cases),
            "kinds": kinds_of(name for name, _, _, _ in cases)}


def regrtest_times(cases):
    """{kind: {start method: seconds}}: the test time of CPython's cases, summed (a test
    class's set-up, a manager's start in ``setUpClass``, is not in any case's time)."""
    times = {}
    for name, seconds, _, _ in cases:
        method = next((START_METHODS[part] for part in name.split(".") if part in START_METHODS),
                      "other")
        kind = kind_of(name)
        row = times.setdefault("manager" if kind == "manager Pool" else kind, {})
        row[method] = row.get(method, 0.0) + seconds
    return times


def kind_of(test_id):
    """What a CPython test runs on: processes, threads (multiprocessing.dummy), manager proxies
    (``WithManagerTestPool``: a manager's Pool), or none of those (plain unittest classes)."""
    parts = test_id.split(".")
    cls = parts[-2] if len(parts) >= 2 else ""
    if cls.startswith("WithProcesses"):
        return "processes"
    if cls.startswith("WithThreads"):
        return "threads"
    if cls.startswith("WithManager"):
        return "manager Pool" if cls == "WithManagerTestPool" else "manager"
    return "other"


def kinds_of(test_ids):
    """How CPython's selected tests split by ``kind_of``; "manager" counts Pool's too."""
    kinds = {"processes": 0, "threads": 0, "manager": 0, "manager Pool": 0, "other": 0}
    for test_id in test_ids:
        kind = kind_of(test_id)
        kinds[kind] += 1
        kinds["manager"] += kind == "manager Pool"
    return kinds


def probe(python, code, cwd):
    return subprocess.run([python, "-c", code], cwd=cwd, capture_output=True, text=True,
                          check=False)


def row(name, wall, cpu, counts, passed, skipped, failed):
    tests = counts["tests"] if counts else 0
    per_test = f"{wall / tests:.3f}" if tests else "-"
    cpu = "-" if cpu is None else f"{cpu:.1f}"
    return (f"{name:<32} {wall:>7.1f} {cpu:>7} {tests:>6} {passed:>7} {skipped:>8} {failed:>7} "
            f"{per_test:>7}")


def column_order(column):
    """The implementation's own columns first, then each provider's ("manager-spawn"); start
    methods in their usual order, anything else after them."""
    provider, _, method = column.rpartition("-")
    return (provider, METHOD_ORDER.index(method) if method in METHOD_ORDER else len(METHOD_ORDER),
            column)


def print_times(times, rows_are):
    """A table of {row: {column: seconds}}: columns by ``column_order``, rows by total."""
    columns = sorted({column for row in times.values() for column in row}, key=column_order)
    width = max(map(len, columns), default=0) + 2
    print(f"{rows_are:<20}" + "".join(f"{column:>{width}}" for column in columns) + f"{'total':>9}")
    totals = {column: 0.0 for column in columns}
    for name, row in sorted(times.items(), key=lambda item: -sum(item[1].values())):
        for column, seconds in row.items():
            totals[column] += seconds
        print(f"{name:<20}" + "".join(f"{row[c]:>{width}.1f}" if c in row else f"{'-':>{width}}"
                                      for c in columns) + f"{sum(row.values()):>9.1f}")
    print(f"{'total':<20}" + "".join(f"{totals[c]:>{width}.1f}" for c in columns)
          + f"{sum(totals.values()):>9.1f}")


def rounded(value):
    return None if value is None else round(value, 2)


def median_of(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def load():
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def run_kit(python, workers, extra):
    with tempfile.TemporaryDirectory(prefix="vs-cpython-kit-") as scratch:
        results_path = os.path.join(scratch, "results.json")
        command = kit_command(python, workers, results_path, extra)
        wall, cpu, completed = timed(command, REPO)
        results = kit_results(results_path)
    return {"command": command, "cwd": str(REPO), "wall_s": round(wall, 2), "cpu_s": rounded(cpu),
            "returncode": completed.returncode,
            "counts": None if results is None else kit_counts(results),
            "times": None if results is None else kit_times(results),
            "output_tail": completed.stdout[-3000:]}


def run_cpython(python, workers, extra):
    with tempfile.TemporaryDirectory(prefix="vs-cpython-") as scratch:  # regrtest's cwd too
        junit = os.path.join(scratch, "junit.xml")
        command = cpython_command(python, workers, junit, extra)
        wall, cpu, completed = timed(command, scratch)
        cases = regrtest_cases(junit)
    return {"command": command, "wall_s": round(wall, 2), "cpu_s": rounded(cpu),
            "returncode": completed.returncode,
            "counts": None if cases is None else regrtest_counts(cases),
            "times": None if cases is None else regrtest_times(cases),
            "output_tail": completed.stdout[-3000:]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter to benchmark (default: this one)")
    parser.add_argument("-j", "-n", dest="workers", type=int, default=2,
                        help="workers: pytest-xdist's -n and regrtest's -j (default 2)")
    parser.add_argument("--kit-args", default="", help="extra pytest arguments, one string")
    parser.add_argument("--cpython-args", default="",
                        help="extra 'python -m test' arguments, one string")
    parser.add_argument("--rounds", type=int, default=1,
                        help="alternate the two suites this many times; the table shows the "
                             "medians (default 1)")
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    args = parser.parse_args()
    # A shell starts background jobs with SIGINT ignored, and an ignored signal stays ignored
    # across exec: CPython's tests that interrupt themselves would then fail after waiting out
    # their timeouts.  A handler here is reset to the default in the suites' processes.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    # CPython's suite runs in a scratch directory: a relative path would not be found there.
    python = os.path.abspath(shutil.which(args.python) or args.python)

    try:
        facts = json.loads(probe(python, FACTS, REPO).stdout)
    except (OSError, ValueError) as exc:
        print(f"error: cannot run {python}: {exc}", file=sys.stderr)
        return 2
    check = probe(python, KIT_CHECK, REPO)
    if check.returncode != 0:
        reason = (check.stderr.strip().splitlines() or ["unknown reason"])[-1]
        print(f"error: the kit is not importable by {python} ({reason}); install it into that "
              f"interpreter: {python} -m pip install -e '{REPO}[test]'", file=sys.stderr)
        return 2
    plugin_path = check.stdout.strip()
    cpython_check = probe(python, CPYTHON_CHECK, REPO)
    note = None
    if cpython_check.returncode != 0:
        note = (f"CPython half skipped: {python} lacks "
                f"{(cpython_check.stderr.strip().splitlines() or ['?'])[-1]} "
                f"(its test suite is not installed)")

    print(f"{facts['implementation']} {facts['version']} ({facts['executable']}), "
          f"{facts['os']} {facts['machine']}, {facts['cpus']} CPUs, {args.workers} workers; "
          f"kit from {Path(plugin_path).parent.parent}; load average {load()}")
    shown = kit_command(python, args.workers, "RESULTS", shlex.split(args.kit_args))
    print(f"kit:     {shlex.join(shown)}")
    if note is None:
        shown = cpython_command(python, args.workers, "JUNIT", shlex.split(args.cpython_args))
        print(f"CPython: {shlex.join(shown)}")
    rounds = []
    for number in range(1, max(1, args.rounds) + 1):
        kit = run_kit(python, args.workers, shlex.split(args.kit_args))
        cpython = None if note else run_cpython(python, args.workers,
                                                 shlex.split(args.cpython_args))
        rounds.append({"kit": kit, "cpython": cpython, "load_after": load()})
        if args.rounds > 1:
            print(f"round {number} (load average {rounds[-1]['load_after']} after): "
                  f"kit {kit['wall_s']:.1f} s"
                  + (f", CPython {cpython['wall_s']:.1f} s, ratio "
                     f"{kit['wall_s'] / cpython['wall_s']:.2f}" if cpython else ""), flush=True)

    kit_wall = statistics.median(r["kit"]["wall_s"] for r in rounds)
    kit_cpu = median_of(r["kit"]["cpu_s"] for r in rounds)
    kit_counts = rounds[-1]["kit"]["counts"]
    figures = {"python": facts, "workers": args.workers, "rounds": rounds,
               "kit": {"wall_s": kit_wall, "cpu_s": kit_cpu, "counts": kit_counts}}
    print()
    print(f"{'suite':<32} {'wall s':>7} {'CPU s':>7} {'tests':>6} {'passed':>7} {'skipped':>8} "
          f"{'failed':>7} {'s/test':>7}")
    k = kit_counts or {}
    print(row(f"kit ({len(KIT_FAMILIES)} families)", kit_wall, kit_cpu, kit_counts,
              k.get("passed", 0), k.get("skipped", 0), k.get("failed", 0)))
    if note:
        figures["cpython"] = {"skipped": note}
        print(note)
    else:
        cpython_wall = statistics.median(r["cpython"]["wall_s"] for r in rounds)
        cpython_cpu = median_of(r["cpython"]["cpu_s"] for r in rounds)
        c = rounds[-1]["cpython"]["counts"] or {}
        figures["cpython"] = {"wall_s": cpython_wall, "cpu_s": cpython_cpu, "counts": c}
        print(row("CPython test_multiprocessing_*", cpython_wall, cpython_cpu, c or None,
                  c.get("tests", 0) - c.get("skipped", 0) - c.get("failures", 0),
                  c.get("skipped", 0), c.get("failures", 0)))
        ratio = kit_wall / cpython_wall
        figures["ratio_kit_to_cpython"] = round(ratio, 3)
        cpu_ratio = kit_cpu / cpython_cpu if kit_cpu and cpython_cpu else None
        figures["cpu_ratio_kit_to_cpython"] = rounded(cpu_ratio)
        print(f"{'ratio kit/CPython':<32} {ratio:>7.2f} "
              f"{'-' if cpu_ratio is None else format(cpu_ratio, '.2f'):>7}")
        if c.get("kinds"):
            kinds = c["kinds"]
            print(f"CPython's tests by kind: {kinds['processes']} processes, {kinds['threads']} "
                  f"threads (multiprocessing.dummy), {kinds['manager']} manager (of which "
                  f"{kinds['manager Pool']} Pool), {kinds['other']} other")
    print("CPU s: user + system time of the suite and every process it reaped.  kit skipped = "
          "unsupported + known deviations; a kit test is one invariant x start method x "
          "provider, running several Hypothesis examples")
    if args.rounds > 1:
        print(f"medians of {len(rounds)} alternating rounds")
    last = rounds[-1]
    if last["kit"]["times"]:
        figures["kit"]["times"] = last["kit"]["times"]
        print("\nkit test time by family and column, s (summed over workers; last round)")
        print_times(last["kit"]["times"], "family")
    if last["cpython"] and last["cpython"]["times"]:
        figures["cpython"]["times"] = last["cpython"]["times"]
        print("\nCPython test time by kind and start method, s (summed over workers; last round; "
              "class set-up such as a manager's start is in no test's time)")
        print_times(last["cpython"]["times"], "kind")

    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=1)

    failed = []
    for r in rounds:
        for name, run in (("kit", r["kit"]), ("CPython", r["cpython"])):
            if run is not None and (run["returncode"] != 0 or run["counts"] is None):
                failed.append((name, run))
    for name, run in failed:
        print(f"\n{name} suite exited with {run['returncode']}; its last output:\n"
              f"{run['output_tail']}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
