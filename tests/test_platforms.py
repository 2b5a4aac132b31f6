"""The kit's own tests adapt to the platform: here, stand-ins for Windows and macOS.

No Windows or macOS machine runs these tests locally, so their constraints are switched on here:
Windows offers spawn only and has no POSIX signals, fork, forkserver or resource tracker; macOS
has no ``sem_getvalue()``.  The self-test, restricted that way (``MP_SELFTEST_OPTIONS``), must
still pass: a mutant row whose invariant needs a missing capability must say unsupported, and
every other row must be caught or pass exactly as on Linux.
"""

import os
import subprocess
import sys

from tests.kit import REPO

WINDOWS = ["--start-method=spawn", *(f"--mp-without={capability}" for capability in (
    "fork", "forkserver", "fork_and_spawning", "fork_warning", "posix_signals",
    "broken_pipe_error", "resource_tracker", "shared_memory_track"))]
MACOS = ["--mp-without=sem_getvalue"]
# One mutant of each family, and every mutant whose invariant needs a capability stood in for.
SAMPLE = ["lock_admits_two", "semaphore_one_permit_too_many", "bounded_semaphore_unbounded",
          "event_wait_returns_early", "barrier_releases_early", "condition_notify_wakes_all",
          "queue_drops_one_in_many", "pipe_recv_bytes_truncates", "manager_queue_drops_items",
          "sharedctypes_enter_without_lock", "shm_unlink_does_nothing", "shm_never_tracked",
          "shm_track_ignored", "inherit_lock_acquire_retries_after_sigint",
          "inherit_fork_lock_unchecked", "start_forkserver_preload_unchecked",
          "pipe_send_ignores_broken_pipe", "semaphore_get_value_process_local"]


def run_self_test(options, *selection):
    environment = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"}
    environment["MP_SELFTEST_OPTIONS"] = " ".join(options)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           *selection], cwd=REPO, env=environment, capture_output=True,
                          text=True, timeout=1200)


def test_the_self_test_passes_standing_in_for_windows_and_macos():
    completed = run_self_test(WINDOWS + MACOS, "tests/test_mutants.py", "tests/test_outcomes.py",
                              "-k", " or ".join([*SAMPLE, "test_outcomes"]))
    assert completed.returncode == 0, completed.stdout[-6000:]
    assert " passed" in completed.stdout.splitlines()[-1]
