"""Every invariant catches a deliberately broken implementation and passes on the real one.

Each mutant (``tests/mutants``) carries one realistic bug and declares in ``KILLS`` which
invariants must catch it under which start methods.  The kit is run against it exactly as a user
runs it against a drop-in (``--mp-impl``): the invariant must fail under every start method where
the bug shows, and pass where it cannot show.
"""

import importlib
import os
import pkgutil
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import tests.mutants
from tests.kit import METHODS, run_kit

NOT_MUTANTS = {"base", "identity"}
MUTANTS = sorted(info.name for info in pkgutil.iter_modules(tests.mutants.__path__)
                 if info.name not in NOT_MUTANTS)


def kills_of(mutant):
    return importlib.import_module(f"tests.mutants.{mutant}").KILLS


def provider_of(mutant):
    """Mutants of manager proxies set ``PROVIDER = "manager"``: their ids are [manager-fork]..."""
    return getattr(importlib.import_module(f"tests.mutants.{mutant}"), "PROVIDER", "native")


def selection(kills, provider):
    """The mutant's invariants, only under its provider (the other one cannot show the bug)."""
    files = sorted({invariant.split("::")[0] for invariant in kills})
    names = sorted({invariant.split("::")[1] for invariant in kills})
    providers = "manager-" if provider == "manager" else "not manager-"
    return [*(f"conformance/{name}" for name in files),
            "-k", f"({' or '.join(names)}) and {providers}"]


def required_python(mutant):
    """Mutants of a promise made from some Python version on set ``REQUIRES_PYTHON``; on older
    interpreters their invariants must report unsupported."""
    return getattr(importlib.import_module(f"tests.mutants.{mutant}"), "REQUIRES_PYTHON", (3,))


def expected_outcomes(kills, provider, applies=True):
    prefix = "" if provider == "native" else f"{provider}-"
    return {f"{invariant}[{prefix}{method}]":
            "unsupported" if not applies else "failed" if method in shows_under else "passed"
            for invariant, shows_under in kills.items() for method in METHODS}


def run_against(mutant, tmp_path):
    return run_kit(tmp_path, *selection(kills_of(mutant), provider_of(mutant)),
                   "--hypothesis-profile=ci",
                   "--mp-deadline=5", "--mp-reruns=0", f"--mp-impl=tests.mutants.{mutant}")


@pytest.fixture(scope="session")
def mutant_runs(request, tmp_path_factory):
    """Runs of the kit against every selected mutant, started together on all cores.

    Each run is a separate pytest process, so they parallelise without pytest-xdist; under
    xdist (which spreads the tests itself) each test runs its mutant when it comes.
    """
    if os.environ.get("PYTEST_XDIST_WORKER"):
        yield {}
        return
    selected = [item.callspec.params["mutant"] for item in request.session.items
                if getattr(item, "originalname", "") == "test_invariant_catches_mutant"]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        runs = {mutant: pool.submit(run_against, mutant, tmp_path_factory.mktemp(mutant))
                for mutant in selected}
        yield runs
        for run in runs.values():
            run.cancel()


@pytest.mark.parametrize("mutant", MUTANTS)
def test_invariant_catches_mutant(mutant, mutant_runs, tmp_path):
    kills = kills_of(mutant)
    run = mutant_runs.get(mutant)
    outcomes, completed = run.result() if run else run_against(mutant, tmp_path)
    expected = expected_outcomes(kills, provider_of(mutant),
                                 sys.version_info >= required_python(mutant))
    observed = {test_id: outcomes.get(test_id, "not run") for test_id in expected}
    assert observed == expected, completed.stdout[-6000:]


def test_every_mutant_declares_its_kills():
    for mutant in MUTANTS:
        kills = kills_of(mutant)
        assert kills and all(set(methods) <= set(METHODS) for methods in kills.values()), mutant


def test_wrapped_real_implementation_passes_everything(tmp_path):
    """The mutants' wrapper with no bug passes the whole kit: kills above are the bugs' doing."""
    outcomes, completed = run_kit(tmp_path, "conformance", "--mp-impl=tests.mutants.identity",
                                  "-n", str(os.cpu_count() or 1), timeout=1800)
    assert outcomes and set(outcomes.values()) <= {"passed", "unsupported"}, \
        completed.stdout[-6000:]
