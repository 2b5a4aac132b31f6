"""What the installed kit costs a foreign project's test run: the same project (2002 trivial
tests and one Hypothesis test, ``tests/test_citizen.py``'s) run with the kit's plugin loaded, as
it is wherever the kit is installed, and with ``-p no:conformance``, alternately, in one
invocation.  Prints the fastest run of each and their ratio (the plugin should add under 5 %).

Run: ``python bench/citizen.py [--rounds 5]`` (about 20 s).
"""

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository, from anywhere

from tests.test_citizen import PROJECT_TEST, TRIVIAL_TESTS, run_project  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5,
                        help="runs of each, alternated; the fastest of each is compared")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch, "project")
        project.mkdir()
        (project / "test_project.py").write_text(PROJECT_TEST)
        with_kit, without_kit = [], []
        for _ in range(max(1, args.rounds)):  # alternated: the machine is noisy
            without_kit.append(run_project(project, "-p", "no:conformance")[0])
            with_kit.append(run_project(project)[0])
    ratio = min(with_kit) / min(without_kit)
    print(f"foreign project, {TRIVIAL_TESTS + 2} tests, fastest of {len(with_kit)} runs each: "
          f"with the kit {min(with_kit):.2f} s, without {min(without_kit):.2f} s, "
          f"ratio {ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
