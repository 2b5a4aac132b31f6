"""Mutants whose bug shows too rarely for the default profile: caught by soaking
(``--mp-soak``), in ``tests/test_soak.py``, not by the mutant self-test."""
