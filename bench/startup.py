"""What a scenario costs beyond starting its processes.

For each start method, the per-child cost of start + join is measured three ways in the same
run, interleaved: the bare floor (``ctx.Process(target=idle)`` started and joined directly), the
kit's children started and joined one by one (``Scenario.start``/``join``: evidence files,
stack dumps, orphan watch, cleanup) and the kit's gated run (``Scenario.run``: as before, and
no child begins until all have started, which is what makes races show, but gives up the
overlap of one child's exit with the next one's start).  Ratios are against the floor; the
target is at most 1.25.

    python bench/startup.py [--impl multiprocessing] [--children 4] [--rounds 15]
"""

import argparse
import statistics
import time

from conformance.actors.common import idle
from conformance.harness.implementation import Target, load_implementation
from conformance.harness.scenario import light_children

DEADLINE = 60.0


def floor_round(ctx, children):
    with light_children():
        processes = [ctx.Process(target=idle) for _ in range(children)]
        started = time.perf_counter()
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        return (time.perf_counter() - started) / children


def ungated_round(target, children):
    started = time.perf_counter()
    with target.scenario() as s:
        s.join([s.start(idle, None, role=f"idle {i}") for i in range(children)],
               stuck_in="start-up")
    return (time.perf_counter() - started) / children


def gated_round(target, children):
    started = time.perf_counter()
    with target.scenario() as s:
        s.run(idle, [None] * children, role="idle", stuck_in="start-up")
    return (time.perf_counter() - started) / children


def measure(target, children, rounds):
    """Median per-child seconds of the floor, the ungated and the gated kit rounds."""
    ways = (lambda: floor_round(target.ctx, children), lambda: ungated_round(target, children),
            lambda: gated_round(target, children))
    for way in ways:  # warm up: forkserver, resource tracker, imports
        way()
    samples = [[], [], []]
    for _ in range(rounds):
        for way, taken in zip(ways, samples):
            taken.append(way())
    return [statistics.median(taken) for taken in samples]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--impl", default="multiprocessing")
    parser.add_argument("--children", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    module = load_implementation(args.impl)
    print(f"{args.impl}: {args.children} children a round, median of {args.rounds} rounds")
    print(f"{'start method':<12} {'floor ms/child':>15} {'kit':>6} {'ratio':>6} "
          f"{'gated kit':>10} {'ratio':>6}")
    for method in module.get_all_start_methods():
        floor, kit, gated = measure(Target(module, method, DEADLINE), args.children, args.rounds)
        print(f"{method:<12} {floor * 1000:>15.1f} {kit * 1000:>6.1f} {kit / floor:>6.2f} "
              f"{gated * 1000:>10.1f} {gated / floor:>6.2f}")


if __name__ == "__main__":
    main()
