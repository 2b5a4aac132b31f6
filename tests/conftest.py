"""The self-test's runs of the kit against the mutants start with the session, in the
background, and their verdicts are collected last: the kit's other tests run meanwhile, on the
cores the waiting mutant sessions leave idle."""

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.test_mutants import LANES, batches, check_batch, identity_parts, run_identity

SELF_TEST = "tests/test_mutants.py"


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.nodeid.startswith(SELF_TEST))  # stable: order kept within


@pytest.fixture(scope="session", autouse=True)
def mutant_runs(request, tmp_path_factory):
    """Runs of the kit against every selected mutant, in batches started together, and the
    identity run's sessions (started first) alongside them.

    Each batch is a separate pytest process, so they parallelise without pytest-xdist; under
    xdist (which spreads the tests itself) each test runs its mutant alone when it comes.
    """
    if os.environ.get("PYTEST_XDIST_WORKER"):
        yield {}
        return
    names = {getattr(item, "originalname", item.name) for item in request.session.items}
    selected = [item.callspec.params["mutant"] for item in request.session.items
                if getattr(item, "originalname", "") == "test_invariant_catches_mutant"]
    with ThreadPoolExecutor(max_workers=LANES) as pool:
        runs = {}
        if "test_wrapped_real_implementation_passes_everything" in names:
            for index, modules in enumerate(identity_parts()):
                runs[f"identity {index}"] = pool.submit(
                    run_identity, tmp_path_factory.mktemp("identity"), modules)
        for group in batches(selected):
            future = pool.submit(check_batch, group, tmp_path_factory.mktemp("batch"))
            runs.update(dict.fromkeys(group, future))
        yield runs
        for future in runs.values():
            future.cancel()
