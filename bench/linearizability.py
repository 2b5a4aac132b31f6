"""Benchmark of the linearizability checker: history length x process count -> check time.

Each history is simulated: every process runs operations back to back, with random durations and
short gaps, so about as many operations overlap as there are processes.  Each operation takes
effect at a random instant inside its interval, and a reference implementation applied in the
order of those instants gives the results, so every history is linearizable and written values
are unique.  The table shows the median check time of a few runs, or 'unknown' where a search
ran out of its default budget: sixteen processes incrementing one counter overlap so much that the
subsets of concurrent increments outgrow it.

Run: ``python bench/linearizability.py`` (about half a minute).
"""

import random
import statistics
import sys
import time
from collections import deque
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository, from anywhere

from conformance.history import FAILED, OK, Operation  # noqa: E402
from conformance.judge.linearizability import (  # noqa: E402
    AppendList,
    Counter,
    FifoQueue,
    KeyValueMap,
    Register,
    check,
)

LENGTHS = (500, 2000, 8000)
PROCESS_COUNTS = (2, 4, 8, 16)
RUNS = 3
KEYS = 8


def act_on_register(cell, rng, unique):
    if rng.random() < 0.5:
        cell[0] = unique
        return "write", None, unique, None, OK
    return "read", None, None, cell[0], OK


def act_on_map(values, rng, unique):
    key = rng.randrange(KEYS)
    if rng.random() < 0.5:
        values[key] = unique
        return "write", key, unique, None, OK
    if key in values:
        return "read", key, None, values[key], OK
    return "read", key, None, "KeyError", FAILED


def act_on_list(items, rng, unique):
    roll = rng.random()
    if roll < 0.6:
        items.append(unique)
        return "append", None, unique, None, OK
    if roll < 0.8:
        return "read", None, None, list(items), OK
    return "len", None, None, len(items), OK


def act_on_counter(total, rng, unique):
    if rng.random() < 0.5:
        amount = rng.randint(1, 3)
        total[0] += amount
        return "incr", None, amount, None, OK
    return "read", None, None, total[0], OK


def act_on_queue(items, rng, unique):
    if rng.random() < 0.5:
        items.append(unique)
        return "put", None, unique, None, OK
    if items:
        return "get", None, None, items.popleft(), OK
    return "get", None, None, "empty", FAILED


# name -> (model, fresh reference object, how one operation acts on it)
SPECS = {
    "Register": (Register(), lambda: [None], act_on_register),
    f"KeyValueMap/{KEYS} keys": (KeyValueMap(), dict, act_on_map),
    "AppendList": (AppendList(), list, act_on_list),
    "Counter": (Counter(), lambda: [0], act_on_counter),
    "FifoQueue": (FifoQueue(), deque, act_on_queue),
}


def simulate(spec, length, processes, seed):
    """A linearizable history of ``length`` operations by ``processes`` sequential processes."""
    _, make_reference, act = SPECS[spec]
    rng = random.Random(seed)
    clocks = [0.0] * processes
    planned = []
    for _ in range(length):
        process = min(range(processes), key=clocks.__getitem__)
        invoke = clocks[process] + rng.expovariate(10.0)
        response = invoke + rng.expovariate(1.0)
        clocks[process] = response
        planned.append((rng.uniform(invoke, response), process, invoke, response))
    planned.sort()
    reference = make_reference()
    history = []
    for unique, (_, process, invoke, response) in enumerate(planned, start=1):
        name, key, arg, result, status = act(reference, rng, unique)
        history.append(Operation(process, invoke, response, name, key, arg, result, status))
    return history


def timing_cell(spec, length, processes):
    """The median check time, or 'unknown' if a search ran out of budget."""
    model = SPECS[spec][0]
    times = []
    for run in range(RUNS):
        history = simulate(spec, length, processes, seed=run)
        started = time.perf_counter()
        verdict = check(history, model)
        times.append(time.perf_counter() - started)
        if verdict.outcome == "illegal":  # the history is linearizable by construction
            raise SystemExit(f"checker bug: {spec} history judged illegal:\n{verdict.describe()}")
        if verdict.outcome == "unknown":
            return "unknown"
    return f"{statistics.median(times):.4f}"


def main():
    started = time.perf_counter()
    header = f"{'model':<20} {'ops':>6}" + "".join(f"{f'{p} procs':>12}" for p in PROCESS_COUNTS)
    print(f"median check time of {RUNS} runs (seconds)")
    print(header)
    print("-" * len(header))
    for spec in SPECS:
        for length in LENGTHS:
            cells = "".join(f"{timing_cell(spec, length, p):>12}" for p in PROCESS_COUNTS)
            print(f"{spec:<20} {length:>6}{cells}", flush=True)
    print(f"total benchmark time {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
