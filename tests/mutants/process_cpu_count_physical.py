"""Bug: cpu_count() counts physical cores (half the logical CPUs where each core runs two
threads) instead of returning os.cpu_count()."""

import os

from tests.mutants.base import mutant, violated


def cpu_count(ctx):
    return os.cpu_count() // 2


get_context, get_all_start_methods = mutant(cpu_count=cpu_count)
KILLS = {
    "test_process.py::test_cpu_count_is_the_systems_cpu_count": violated("other-count"),
}
