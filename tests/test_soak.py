"""Soaking (``--mp-soak``) finds a bug too rare for the default profile within its budget, and
reports what it ran.

The mutant (``tests/soak_mutants/queue_drops_one_in_500``) loses one Queue item in 500 at
random.  The default profile meets it only sometimes (its volume examples put several hundred
items), so it is no case for the mutant self-test.  Here the soak draws fresh examples only,
two a round (``tests/soak_profile``), so what finds the bug is the soak itself.
"""

from tests.kit import ONE_METHOD, run_kit
from tests.soak_mutants import queue_drops_one_in_500 as rare_mutant
from tests.soak_profile import FRESH

BUDGET = 60  # seconds of soaking
SCALE = 4  # larger programs: more items per process started
INVARIANT = "test_queue.py::test_every_item_arrives_once_in_its_producers_order"


def test_soak_finds_a_rare_lost_item(tmp_path):
    results, completed = run_kit(
        tmp_path, f"conformance/{INVARIANT}", f"--start-method={ONE_METHOD}",
        f"--mp-impl={rare_mutant.__name__}", f"--mp-soak=queue={BUDGET}s",
        f"--mp-scale={SCALE}", "--mp-reruns=0",
        "-p", "tests.soak_profile", f"--mp-profile={FRESH}", timeout=BUDGET * 6)
    (result,) = results.values()
    kill = rare_mutant.KILLS[INVARIANT]
    assert result["outcome"] == "violated", completed.stdout[-4000:]
    assert set(result["violation"]["forbidden"]) <= set(kill.forbidden), result["violation"]
    soak = result["soak"]
    assert result["examples"] > 0 and soak["seconds"] > 0 and soak["examples_per_second"] > 0
    print(f"caught after {soak['seconds']:.1f} s, {result['examples']} examples of total size "
          f"{result['size']} ({soak['rounds']} soak rounds done, "
          f"{soak['examples_per_second']:.1f} examples/s)")
