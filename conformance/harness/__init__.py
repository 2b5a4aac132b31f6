"""How scenarios run: the implementation under test, processes, evidence, deadlines, cleanup.

Everything here is importable without pytest or hypothesis, so the machinery can be used on its
own and child processes stay light.
"""

from conformance.harness.board import Board
from conformance.harness.implementation import PROVIDERS, Target, UsageError
from conformance.harness.scenario import Scenario

__all__ = ["PROVIDERS", "Board", "Scenario", "Target", "UsageError"]
