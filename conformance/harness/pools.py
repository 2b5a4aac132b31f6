"""Pools and executors under test: every wait bounded, what was stuck named, every worker killed.

``pool(s, ...)`` and ``executor(s, ...)`` make a ``ctx.Pool`` or a ``ProcessPoolExecutor`` whose
workers the context starts, and end it in a ``finally`` whatever happened: ``terminate()`` (or
``shutdown(cancel_futures=True)``) runs in a helper thread bounded by the kill wait, then every
worker still alive is killed.  Workers are found through the context's public
``active_children()``: the children that appeared while the pool existed, the scenario's own
children excepted.

``bounded(s, what, call)`` runs a call that may block forever (``Pool.map``, ``list(imap)``,
``shutdown``) in a helper thread and fails as ``Stuck`` if it has not returned by the deadline;
``await_done(s, what, results)`` waits for AsyncResults or futures and names the ones that never
finished ("Pool.map_async: 3 of 8 results never arrived; worker pids ...").

The executor is ``concurrent.futures.ProcessPoolExecutor(mp_context=ctx)`` unless the context
offers its own ``ProcessPoolExecutor`` factory (a drop-in that ships one, or a test double), so
the implementation's processes, queues and pickling are what the executor runs on.

Stdlib only.
"""

import contextlib
import threading
import time
from concurrent import futures

from conformance.harness.liveness import pid_alive
from conformance.harness.processes import kill_pid
from conformance.harness.scenario import KILL_WAIT
from conformance.judge import Stuck

ROLE = "pool worker"
KILL_SWEEPS = 3  # rounds of killing the workers, for pools that replace them meanwhile


def executor_factory(ctx):
    """What makes a ProcessPoolExecutor for ``ctx``: the context's own, else the standard
    library's bound to it (``mp_context=ctx`` unless the caller passes another)."""
    own = getattr(ctx, "ProcessPoolExecutor", None)
    if own is not None:
        return own
    return lambda *args, **options: futures.ProcessPoolExecutor(
        *args, **{"mp_context": ctx, **options})


class Workers:
    """The context's children that appeared since this was made: a pool's or executor's
    workers (and their replacements), the scenario's own children excepted."""

    def __init__(self, s):
        self.s = s
        self.before = {p.pid for p in s.ctx.active_children()}
        self.seen = {}

    def alive(self):
        """The workers alive now (remembered, so that one that has died is still killed)."""
        current = [p for p in self.s.ctx.active_children() if p.pid not in self.before]
        for process in current:
            self.seen[process.pid] = process
        return current

    def pids(self):
        self.alive()
        return sorted(self.seen)

    def kill(self):
        """Kill every worker ever seen that still runs, and reap them (bounded); again if a pool
        whose terminate() did not finish started replacements meanwhile."""
        for _ in range(KILL_SWEEPS):
            before = set(self.seen)
            self.alive()
            for pid in self.seen:
                kill_pid(pid)
            end = time.monotonic() + KILL_WAIT
            for process in self.seen.values():
                with contextlib.suppress(Exception):
                    process.join(max(0.0, end - time.monotonic()))
            if set(self.seen) == before and not self.alive():
                return

    def describe(self):
        pids = self.pids()
        return f"worker pids {', '.join(map(str, pids)) if pids else '(none alive)'}"

    def stuck(self, message, stuck_in):
        """A ``Stuck`` for a pool or executor that did not finish, naming its workers."""
        method = self.s.ctx.get_start_method()
        return Stuck(f"{message}; {self.describe()} (start method {method})",
                     stuck_in=stuck_in, start_method=method,
                     processes=[(ROLE, pid, "") for pid in self.pids()])


class Background:
    """``call()`` running in a daemon thread: ``wait(seconds)`` says whether it has returned,
    ``outcome()`` gives its value or raises what it raised."""

    def __init__(self, call):
        self._outcome = {}
        self._thread = threading.Thread(target=self._run, args=(call,), name="bounded call",
                                        daemon=True)
        self._thread.start()

    def _run(self, call):
        try:
            self._outcome["value"] = call()
        except BaseException as exc:  # handed to the caller, who decides
            self._outcome["exception"] = exc

    def wait(self, seconds):
        self._thread.join(seconds)
        return not self._thread.is_alive()

    def outcome(self):
        if "exception" in self._outcome:
            raise self._outcome["exception"]
        return self._outcome.get("value")


def in_thread(call, seconds):
    """Run ``call()`` for at most ``seconds`` (in a daemon thread); whether it returned."""
    return Background(call).wait(seconds)


def bounded(workers, what, call):
    """``call()``'s value (or what it raised), or ``Stuck`` if it has not returned by the
    deadline.  ``what`` names the call, e.g. "Pool.map"."""
    __tracebackhide__ = True
    running = Background(call)
    return finish(workers, what, running)


def finish(workers, what, running):
    """What a ``Background`` call gave once it returns (bounded by the deadline)."""
    __tracebackhide__ = True
    if not running.wait(workers.s.deadline):
        raise workers.stuck(f"{what} did not return within {workers.s.deadline:g} s", what)
    return running.outcome()


def await_done(workers, what, results):
    """Wait until every AsyncResult (``ready()``) or future (``done()``) has finished, bounded by
    the deadline; ``Stuck`` names how many never did."""
    end = time.monotonic() + workers.s.deadline
    for result in results:
        remaining = max(0.0, end - time.monotonic())
        if hasattr(result, "ready"):
            result.wait(remaining)
        elif not result.done():  # a future cancelled by shutdown(cancel_futures=True) is done
            futures.wait([result], timeout=remaining)  # but never wakes wait() (gh-92001)
    unfinished = [r for r in results if not (r.ready() if hasattr(r, "ready") else r.done())]
    if unfinished:
        raise workers.stuck(f"{what}: {len(unfinished)} of {len(results)} results never "
                            f"arrived", what)


@contextlib.contextmanager
def pool(s, *args, **options):
    """``s.ctx.Pool(*args, **options)``, terminated and its workers killed at the end."""
    workers = Workers(s)
    made = None
    try:
        made = s.ctx.Pool(*args, **options)
        workers.alive()
        yield made, workers
    finally:
        if made is not None:
            in_thread(made.terminate, KILL_WAIT)
        workers.kill()


@contextlib.contextmanager
def executor(s, *args, **options):
    """A ProcessPoolExecutor on ``s.ctx`` (see ``executor_factory``), shut down with its pending
    futures cancelled and its workers killed at the end."""
    workers = Workers(s)
    threads_before = set(threading.enumerate())
    made = None
    try:
        made = executor_factory(s.ctx)(*args, **options)
        yield made, workers
    finally:
        if made is not None:
            end_executor(made, workers, threads_before)
        workers.kill()


def end_executor(made, workers, threads_before):
    manager = getattr(made, "_executor_manager_thread", None)  # see the last resort below
    in_thread(lambda: made.shutdown(cancel_futures=True), KILL_WAIT)
    workers.kill()
    helpers = [t for t in threading.enumerate() if t not in threads_before]
    end = time.monotonic() + KILL_WAIT
    for thread in helpers:
        thread.join(max(0.0, end - time.monotonic()))
    if manager is not None and manager.is_alive():
        # Last resort, private by necessity: concurrent.futures joins its manager thread at
        # interpreter exit, and that thread waits for every pending work item.  If the
        # implementation never reports the killed workers (the bug under test, e.g. sentinels
        # that never become ready), no public call ends it and the session would hang on exit.
        with contextlib.suppress(Exception):
            manager.pending_work_items.clear()
            made._shutdown_thread = True
            manager.thread_wakeup.wakeup()
        manager.join(KILL_WAIT)


def gone(pids):
    """The pids of ``pids`` that still name a process."""
    return [pid for pid in pids if pid_alive(pid)]
