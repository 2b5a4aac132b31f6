"""A pytest plugin for the self-test: once each invariant's result is reported, it writes (as a
JSON line to ``$KEPT_SERVER_PROBE``) the pid of the manager server its target kept when the call
ended (``used``), whether that process still runs, and the pid of the server the target keeps
now (``kept``, null when none)."""

import json
import os

import pytest

from conformance.harness.liveness import pid_alive
from conformance.plugin import RUN, is_invariant

PROBE_PATH = "KEPT_SERVER_PROBE"
USED = pytest.StashKey[object]()


def kept_pid(item):
    target = item.config.stash[RUN].targets.get(tuple(item.callspec.params["target"]))
    manager = target.kept_server.manager if target is not None else None
    return manager._process.pid if manager is not None else None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    yield
    if is_invariant(item):
        item.stash[USED] = kept_pid(item)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)  # outermost: after the kit's own wrapper
def pytest_runtest_makereport(item, call):
    made = yield
    if call.when == "call" and is_invariant(item):
        used = item.stash.get(USED, None)
        line = dict(test=item.name, failed=made.get_result().failed, used=used,
                    used_alive=used is not None and pid_alive(used), kept=kept_pid(item))
        with open(os.environ[PROBE_PATH], "a", encoding="utf-8") as f:
            f.write(json.dumps(line) + "\n")
