"""How scenarios run: the implementation under test, processes, evidence, deadlines, cleanup.

Everything here is importable without pytest or hypothesis, so the machinery can be used on its
own and child processes stay light.  This package imports nothing itself: a child imports only
``conformance.harness.child`` and the board.
"""
