"""Soaking (``--mp-soak``) finds a bug too rare for the default profile within its budget, and
reports what it ran.

The mutant (``tests/soak_mutants/queue_drops_one_in_500``) loses one Queue item in 500 at
random.  The default profile sometimes meets it (its volume examples put several hundred items)
and sometimes not, so it is no case for the mutant self-test; a soak of the queue invariant it
breaks, on one start method, must find it every time.
"""

import multiprocessing

from tests.kit import run_kit
from tests.soak_mutants import queue_drops_one_in_500 as rare_mutant

BUDGET = 60  # seconds of soaking
INVARIANT = "test_queue.py::test_every_item_arrives_once_in_its_producers_order"


def test_soak_finds_a_rare_lost_item(tmp_path):
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    results, completed = run_kit(
        tmp_path, f"conformance/{INVARIANT}", f"--start-method={method}",
        f"--mp-impl={rare_mutant.__name__}", f"--mp-soak=queue={BUDGET}s", "--mp-reruns=0",
        timeout=BUDGET * 6)
    (result,) = results.values()
    kill = rare_mutant.KILLS[INVARIANT]
    assert result["outcome"] == "violated", completed.stdout[-4000:]
    assert set(result["violation"]["forbidden"]) <= set(kill.forbidden), result["violation"]
    soak = result["soak"]
    assert result["examples"] > 0 and soak["seconds"] > 0 and soak["examples_per_second"] > 0
    print(f"caught after {soak['seconds']:.1f} s, {result['examples']} examples "
          f"({soak['rounds']} soak rounds done, {soak['examples_per_second']:.1f} examples/s)")
