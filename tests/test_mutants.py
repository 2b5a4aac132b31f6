"""Every invariant catches a deliberately broken implementation — for the right reason — and
passes on the real one.

Each mutant (``tests/mutants``) carries one realistic bug and declares in ``KILLS`` the exact
outcome each of its invariants must produce (violated with which forbidden outcomes, or timed
out in what) and the start methods under which the bug shows.  The kit is run against it as a
user runs it against a drop-in (``--mp-impl``), under the default profile, and the JSON results
are compared exactly: a crash, an error or a different forbidden outcome is not a kill.  Where the
bug cannot show, the invariant must pass; where this platform lacks a capability the invariant
needs, it must say unsupported.  A bug that shows only when a race goes its way may miss a run
(on a loaded machine the row passes): such a row, and only a pass, is re-run with the mutant
alone, and its kill must show in one of ``NAME_RERUNS + 1`` runs.

Mutants run in batches, several implementations per pytest session (``--mp-impl`` repeated, the
exact node IDs selected), the batches in parallel on every core.
"""

import fnmatch
import functools
import importlib
import multiprocessing
import os
import pkgutil
import sys

import pytest

import tests.mutants
from conformance.harness.implementation import Target
from tests.kit import REPO, methods_here, option_values, run_kit
from tests.mutants.base import ALL, Kill

NOT_MUTANTS = {"base", "identity"}
MUTANTS = sorted(info.name for info in pkgutil.iter_modules(tests.mutants.__path__)
                 if info.name not in NOT_MUTANTS)
BATCH_MUTANTS = 16  # mutants per pytest session
BATCH_COMMAND_CHARS = 24_000  # Windows caps a command line at 32 767 characters
# Sessions run at once: most of a mutant session's time is spent waiting out the liveness
# deadlines of the hangs it provokes, not on the CPU.
LANES = 6 * (os.cpu_count() or 1)
IDENTITY_PARTS = 4  # sessions of the identity run
NAME_RERUNS = 2  # runs of a mutant alone when a kill or a name it must produce did not show


def mutant_module(mutant):
    return importlib.import_module(f"tests.mutants.{mutant}")


def kills_of(mutant):
    return mutant_module(mutant).KILLS


def provider_of(mutant):
    """Mutants of manager proxies set ``PROVIDER = "manager"``: their ids are [manager-fork]..."""
    return getattr(mutant_module(mutant), "PROVIDER", "native")


def required_python(mutant):
    """Mutants of a promise made from some Python version on set ``REQUIRES_PYTHON``; on older
    interpreters their invariants must report unsupported."""
    return getattr(mutant_module(mutant), "REQUIRES_PYTHON", (3,))


def invariant_function(invariant):
    file, name = invariant.split("::")
    return importlib.import_module(f"conformance.{file[:-3]}"), name


def missing_capabilities(invariant, method, provider):
    """Why the real implementation cannot run ``invariant`` here (None if it can)."""
    module, name = invariant_function(invariant)
    markers = [*as_list(getattr(module, "pytestmark", [])),
               *as_list(getattr(getattr(module, name), "pytestmark", []))]
    needed = [arg for mark in markers if mark.name == "requires" for arg in mark.args]
    reasons = [reason for reason in map(real_target(method, provider).missing, needed)
               if reason is not None]
    return "; ".join(reasons) or None


@functools.lru_cache(maxsize=None)
def real_target(method, provider):
    """The real implementation under ``method``; it probes each capability once (some probes
    start processes)."""
    return Target(multiprocessing, method, 30, provider, without=option_values("mp-without"))


def as_list(marks):
    """A ``pytestmark`` may be one mark or a list of them."""
    return marks if isinstance(marks, list) else [marks]


def expected_rows(mutant, several):
    """{result key: what it must show} for one mutant: a Kill, "passed" or "unsupported"."""
    provider = provider_of(mutant)
    applies = sys.version_info >= required_python(mutant)
    # A mutant that lists fewer start methods gets rows for those only.
    listed = getattr(mutant_module(mutant), "LISTED_METHODS", ALL)
    rows = {}
    for invariant, kill in kills_of(mutant).items():
        for method in (method for method in methods_here() if method in listed):
            label = method if provider == "native" else f"{provider}-{method}"
            param = f"tests.mutants.{mutant}-{label}" if several else label
            if not applies or missing_capabilities(invariant, method, provider):
                rows[f"{invariant}[{param}]"] = "unsupported"
            else:
                rows[f"{invariant}[{param}]"] = kill if method in kill.under else "passed"
    return rows


def shows(result, expected):
    if result is None:
        return False
    if not isinstance(expected, Kill):
        return result["outcome"] == expected
    if result["outcome"] != expected.outcome:
        return False
    if expected.outcome == "violated":
        return set(result["violation"]["forbidden"]) <= {*expected.forbidden, *expected.also}
    return fnmatch.fnmatchcase(result["stuck"]["stuck_in"], expected.stuck_in)


def names_seen(expected, results, seen=None):
    """{invariant: forbidden names its violated rows showed}, added to ``seen``."""
    seen = {} if seen is None else seen
    for key, want in expected.items():
        if isinstance(want, Kill) and want.outcome == "violated":
            violation = (results.get(key) or {}).get("violation") or {}
            seen.setdefault(key[:key.index("[")], set()).update(violation.get("forbidden", ()))
    return seen


def unproduced(expected, seen):
    """{invariant: names a kill must produce, in the rows where it must show here, that no row
    showed}."""
    missing = {}
    for key, want in expected.items():
        if isinstance(want, Kill) and want.outcome == "violated":
            invariant = key[:key.index("[")]
            missing[invariant] = set(want.forbidden) - seen.get(invariant, set())
    return {invariant: names for invariant, names in missing.items() if names}


def unproduced_names(mutant, expected, results, tmp_path):
    """{invariant: what is wrong} where a kill names a forbidden outcome none of its rows
    produced: each name a mutant declares it must produce is shown reachable (the coverage
    count relies on it).  A name that depends on the scheduling may miss one run: the mutant
    is run again, alone, up to ``NAME_RERUNS`` times, and the names seen in all runs count."""
    seen = names_seen(expected, results)
    for rerun in range(NAME_RERUNS):
        if not unproduced(expected, seen):
            break
        again, _, several = run_batch([mutant], tmp_path / f"names{rerun}")[mutant]
        names_seen(expected_rows(mutant, several), again, seen)
    return {invariant: f"declares {', '.join(sorted(names))}, which no row produced in "
                       f"{NAME_RERUNS + 1} runs (seen: "
                       f"{', '.join(sorted(seen.get(invariant, ()))) or 'nothing'})"
            for invariant, names in unproduced(expected, seen).items()}


def describe(result):
    if result is None:
        return "not run"
    seen = result["outcome"]
    if "violation" in result:
        seen += f" (forbidden {', '.join(result['violation']['forbidden'])})"
    elif "stuck" in result:
        seen += f" (stuck in {result['stuck']['stuck_in']})"
    elif "error" in result:
        seen += f" ({result['error']['type']} in {result['error']['where']}: " \
                f"{result['error']['message'][:200]})"
    return seen


def waiting_weight(mutant):
    """A rough cost of one mutant's rows: a row is cheap when the bug shows at once, and costs a
    liveness deadline (or two: the example and Hypothesis's replay) when it shows as a hang."""
    rows = expected_rows(mutant, several=True).values()
    return sum(1 + 4 * (isinstance(row, Kill) and row.outcome == "timed out") for row in rows)


def batches(mutants):
    """Groups of mutants that run in one pytest session, heaviest group first.

    The mutants are dealt out heaviest first, one to each group in turn, so that no group
    gathers the hangs (a session is as slow as its waits)."""
    ranked = sorted(mutants, key=waiting_weight, reverse=True)
    count = -(-len(ranked) // BATCH_MUTANTS)
    groups = [[] for _ in range(count)]
    lengths = [0] * count
    for index, mutant in enumerate(ranked):
        size = sum(len(key) + 20 for key in expected_rows(mutant, several=True))
        turn = index % count if count else 0
        if lengths[turn] + size > BATCH_COMMAND_CHARS:
            groups.append([])
            lengths.append(0)
            turn = len(groups) - 1
        groups[turn].append(mutant)
        lengths[turn] += size
    groups = [group for group in groups if group]
    return sorted(groups, key=lambda group: sum(map(waiting_weight, group)), reverse=True)


def check_batch(mutants, tmp_path):
    """{mutant: ({row or invariant: what is wrong}, the kit's run)} for one batch: its rows
    compared with what each mutant declares, then the names a mutant must produce looked for,
    re-running it alone where a race-dependent kill did not show or a name is missing (in the
    batch's lane, not the test's)."""
    checked = {}
    for mutant, (results, completed, several) in run_batch(mutants, tmp_path).items():
        expected = expected_rows(mutant, several)
        wrong = {key: f"expected {want.describe() if isinstance(want, Kill) else want}, "
                      f"saw {describe(results.get(key))}"
                 for key, want in expected.items() if not shows(results.get(key), want)}
        missed = {key: want for key, want in expected.items()
                  if key in wrong and lost_the_race(want, results.get(key))}
        if missed and len(missed) == len(wrong):
            wrong = rerun_missed(mutant, missed, results, tmp_path / mutant)
        if not wrong:
            wrong = unproduced_names(mutant, expected, results, tmp_path / mutant)
        checked[mutant] = (wrong, completed)
    return checked


def lost_the_race(want, result):
    """A violated kill that did not show in this run: the row passed, as it does when the race
    the bug needs went the other way (evidence of nothing wrong, only of a bug not reached)."""
    return isinstance(want, Kill) and want.outcome == "violated" and result is not None and \
        result["outcome"] == "passed"


def rerun_missed(mutant, missed, results, tmp_path):
    """{row: what is wrong} for rows whose kill did not show (``lost_the_race``): the mutant is
    run again, alone, up to ``NAME_RERUNS`` times, and a row counts once one run shows its kill
    (its result then stands in ``results`` for the names a kill must produce)."""
    alone = {key: key.replace(f"[tests.mutants.{mutant}-", "[") for key in missed}
    last = {}
    for rerun in range(NAME_RERUNS):
        again, _, _ = run_batch([mutant], tmp_path / f"missed{rerun}")[mutant]
        for key in list(missed):
            last[key] = again.get(alone[key])
            if shows(last[key], missed[key]):
                results[key] = last[key]
                del missed[key]
        if not missed:
            return {}
    return {key: f"expected {want.describe()}, not shown in {NAME_RERUNS + 1} runs (first "
                 f"passed, last {describe(last.get(key))})" for key, want in missed.items()}


def run_batch(mutants, tmp_path):
    several = len(mutants) > 1
    node_ids = [f"conformance/{key.split('::')[0]}::{key.split('::')[1]}"
                for mutant in mutants for key in expected_rows(mutant, several)]
    # A row a mutant hangs unbounded (a bug of the kit's own bounds) ends at the backstop as
    # that row's failure, not as the whole batch's timeout.  Nearly every row fails, and
    # pytest's default tracebacks parse the module of every frame of each failure: half the
    # session's CPU, for text the verdicts do not read.
    results, completed = run_kit(tmp_path, *node_ids, "--mp-deadline=5", "--mp-reruns=0",
                                 "--mp-backstop=120", "--tb=native",
                                 *(f"--mp-impl=tests.mutants.{mutant}" for mutant in mutants),
                                 "-p", "no:xdist", timeout=900)
    return {mutant: (results, completed, several) for mutant in mutants}


def identity_parts():
    """The kit's modules, dealt into the sessions of the identity run: split, it runs alongside
    the mutant sessions instead of outlasting them."""
    modules = sorted(path.name for path in (REPO / "conformance").glob("test_*.py"))
    return [modules[i::IDENTITY_PARTS] for i in range(IDENTITY_PARTS)]


def run_identity(tmp_path, modules):
    """The mutants' wrapper with no bug over ``modules`` of the kit, under the mutants'
    profile."""
    return run_kit(tmp_path, *(f"conformance/{module}" for module in modules),
                   "--mp-impl=tests.mutants.identity", "--mp-deadline=5", "-p", "no:xdist",
                   timeout=1800)


@pytest.mark.parametrize("mutant", MUTANTS)
def test_invariant_catches_mutant(mutant, mutant_runs, tmp_path):
    run = mutant_runs.get(mutant)
    wrong, completed = (check_batch([mutant], tmp_path) if run is None else run.result())[mutant]
    assert not wrong, "\n".join(f"{key}: {what}" for key, what in wrong.items()) + \
        "\n" + completed.stdout[-4000:]


RACY = "queue_simple_put_large_in_background"  # its kill needs producers to race for a lock


def faked_runs(monkeypatch, runs):
    """Make ``run_batch`` return, call after call, results in which the racy mutant's kill rows
    show ``runs[i]`` (a result) and every other row what it must; return the calls made."""
    calls = []

    def run_batch_fake(mutants, tmp_path):
        several = len(mutants) > 1
        shown = runs[min(len(calls), len(runs) - 1)]
        calls.append(mutants)
        results = {key: shown if isinstance(want, Kill) else {"outcome": want}
                   for key, want in expected_rows(RACY, several).items()}
        return {mutant: (results, None, several) for mutant in mutants}

    monkeypatch.setattr(sys.modules[__name__], "run_batch", run_batch_fake)
    return calls


PASSED = {"outcome": "passed"}
KILLED = {"outcome": "violated", "violation": {"forbidden": ["out-of-order"]}}


def test_a_kill_that_lost_its_race_is_looked_for_again_alone(monkeypatch, tmp_path):
    calls = faked_runs(monkeypatch, [PASSED, PASSED, KILLED])
    assert check_batch([RACY, "lock_admits_two"], tmp_path)[RACY][0] == {}
    assert calls == [[RACY, "lock_admits_two"], [RACY], [RACY]]


def test_a_kill_never_shown_or_a_wrong_outcome_fails(monkeypatch, tmp_path):
    calls = faked_runs(monkeypatch, [PASSED])
    wrong, _ = check_batch([RACY], tmp_path)[RACY]
    assert wrong and all(f"not shown in {NAME_RERUNS + 1} runs" in what
                         for what in wrong.values())
    assert len(calls) == 1 + NAME_RERUNS
    calls = faked_runs(monkeypatch, [{"outcome": "error", "error": {
        "type": "exit", "where": "child", "message": "crashed"}}, KILLED])
    wrong, _ = check_batch([RACY], tmp_path)[RACY]
    assert wrong and len(calls) == 1  # an error is evidence against the kit: no second chance


def test_every_mutant_declares_exact_kills():
    for mutant in MUTANTS:
        kills = kills_of(mutant)
        assert kills, mutant
        for invariant, kill in kills.items():
            assert isinstance(kill, Kill), f"{mutant}: {invariant}: declare violated(...) or " \
                                           f"timed_out(...)"
            assert set(kill.under) <= set(ALL), mutant


def test_wrapped_real_implementation_passes_everything(mutant_runs, tmp_path):
    """The mutants' wrapper with no bug passes the whole kit (same profile as the mutants):
    the kills above are the bugs' doing."""
    for index, modules in enumerate(identity_parts()):
        run = mutant_runs.get(f"identity {index}")
        results, completed = run_identity(tmp_path / str(index), modules) if run is None \
            else run.result()
        outcomes = {key: result["outcome"] for key, result in results.items()}
        ran = {key.split("::")[0] for key in outcomes}
        assert ran == set(modules) and set(outcomes.values()) <= {"passed", "unsupported"}, \
            completed.stdout[-6000:]
