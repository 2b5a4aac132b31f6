"""What a scenario costs beyond starting its processes.

For each start method, the per-child cost of start + join is measured two ways in the same run,
interleaved: the bare floor (``ctx.Process(target=idle)`` started and joined directly) and the
kit (``Scenario.run``: evidence files, start gate, stack dumps, cleanup).  The ratio is the kit's
overhead; the target is at most 1.25.

    python bench/startup.py [--impl multiprocessing] [--children 4] [--rounds 15]
"""

import argparse
import statistics
import time

from conformance.actors.common import idle
from conformance.harness.implementation import Target, load_implementation
from conformance.harness.scenario import light_main

DEADLINE = 60.0


def floor_round(ctx, children):
    with light_main():
        processes = [ctx.Process(target=idle) for _ in range(children)]
        started = time.perf_counter()
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        return (time.perf_counter() - started) / children


def kit_round(target, children):
    started = time.perf_counter()
    with target.scenario() as s:
        s.run(idle, [None] * children, role="idle", stuck_in="start-up")
    return (time.perf_counter() - started) / children


def measure(target, children, rounds):
    floor_round(target.ctx, children)  # warm up: forkserver, resource tracker, imports
    kit_round(target, children)
    floors, kits = [], []
    for _ in range(rounds):
        floors.append(floor_round(target.ctx, children))
        kits.append(kit_round(target, children))
    return statistics.median(floors), statistics.median(kits)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", default="multiprocessing")
    parser.add_argument("--children", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    module = load_implementation(args.impl)
    print(f"{args.impl}: {args.children} children a round, median of {args.rounds} rounds")
    print(f"{'start method':<12} {'floor ms/child':>15} {'kit ms/child':>13} {'ratio':>6}")
    for method in module.get_all_start_methods():
        floor, kit = measure(Target(module, method, DEADLINE), args.children, args.rounds)
        print(f"{method:<12} {floor * 1000:>15.1f} {kit * 1000:>13.1f} {kit / floor:>6.2f}")


if __name__ == "__main__":
    main()
