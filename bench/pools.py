"""What the kit's pool, executor and process bookkeeping costs beyond the work itself.

For each start method, the cost per task of the same work is measured in the same run,
interleaved, the bare way and the kit's way:

* Pool: ``ctx.Pool(workers)`` then ``map`` of ``tasks`` items, then ``terminate()`` — against
  ``conformance.harness.pools.pool`` (a scenario, a board each task writes its run to, the
  bounded and judged ``map``, the workers found through ``active_children()`` and killed);
* ProcessPoolExecutor: ``ProcessPoolExecutor(mp_context=ctx)`` and ``map`` — against
  ``pools.executor`` likewise;
* Process: ``ctx.Process`` started and joined — against ``Tracked`` and ``await_exit``.

Pool and executor start-up is included, as every pool example of an invariant starts its own.
Ratios are against the bare way.

    python bench/pools.py [--impl multiprocessing] [--workers 2] [--tasks 64] [--rounds 7]
"""

import argparse
import functools
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

from conformance.actors import pool as tasks
from conformance.actors.common import idle
from conformance.harness import pools
from conformance.harness.implementation import Target, load_implementation
from conformance.harness.processes import Tracked, await_exit
from conformance.harness.scenario import light_children
from conformance.judge import judged

DEADLINE = 60.0


def bare_pool(target, workers, count):
    with light_children():
        pool = target.ctx.Pool(workers)
        try:
            pool.map(tasks.value_of, range(count))
        finally:
            pool.terminate()
            pool.join()


def kit_pool(target, workers, count):
    with target.scenario() as s:
        board = s.board(count)
        with pools.pool(s, workers) as (pool, watched):
            with judged("Pool.map"):
                pools.bounded(watched, "Pool.map", lambda: pool.map(
                    functools.partial(tasks.compute, board, 0), range(count)))


def bare_executor(target, workers, count):
    with light_children():
        with ProcessPoolExecutor(workers, mp_context=target.ctx) as executor:
            list(executor.map(tasks.value_of, range(count)))


def kit_executor(target, workers, count):
    with target.scenario() as s:
        board = s.board(count)
        with pools.executor(s, max_workers=workers) as (executor, watched):
            with judged("ProcessPoolExecutor.map"):
                pools.bounded(watched, "ProcessPoolExecutor.map", lambda: list(executor.map(
                    functools.partial(tasks.compute, board, 0), range(count))))


def bare_processes(target, workers, count):
    with light_children():
        processes = [target.ctx.Process(target=idle) for _ in range(workers)]
        for process in processes:
            process.start()
        for process in processes:
            process.join()


def kit_processes(target, workers, count):
    with target.scenario() as s, Tracked(s) as tracked:
        processes = [tracked.start(s.ctx.Process(target=idle)) for _ in range(workers)]
        await_exit(s, processes, what="idle children")


FAMILIES = (("Pool.map", bare_pool, kit_pool, "task"),
            ("ProcessPoolExecutor.map", bare_executor, kit_executor, "task"),
            ("Process start+join", bare_processes, kit_processes, "child"))


def per_unit(run, target, workers, count, units):
    started = time.perf_counter()
    run(target, workers, count)
    return (time.perf_counter() - started) / units


def measure(target, workers, count, rounds, bare, kit, unit):
    units = count if unit == "task" else workers
    ways = (bare, kit)
    for way in ways:  # warm up: forkserver, resource tracker, imports
        way(target, workers, count)
    samples = [[], []]
    for _ in range(rounds):
        for way, taken in zip(ways, samples):
            taken.append(per_unit(way, target, workers, count, units))
    return [statistics.median(taken) for taken in samples]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", default="multiprocessing")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tasks", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    module = load_implementation(args.impl)
    print(f"{args.impl}: {args.workers} workers, {args.tasks} tasks a round (pool start "
          f"included), median of {args.rounds} rounds")
    print(f"{'start method':<12} {'what':<24} {'bare ms/unit':>13} {'kit':>7} {'ratio':>6}")
    for method in module.get_all_start_methods():
        target = Target(module, method, DEADLINE)
        for name, bare, kit, unit in FAMILIES:
            floor, kits = measure(target, args.workers, args.tasks, args.rounds, bare, kit, unit)
            print(f"{method:<12} {name:<24} {floor * 1000:>9.2f}/{unit:<5} {kits * 1000:>5.2f} "
                  f"{kits / floor:>6.2f}")


if __name__ == "__main__":
    main()
