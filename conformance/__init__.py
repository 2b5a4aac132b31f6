"""A conformance kit for Python's multiprocessing synchronisation and shared state.

Run ``pytest conformance`` to check this platform.  The package is split by concern:

* ``conformance/test_*.py``  — the invariants: what a platform must do (one module per family);
* ``conformance.harness``    — how scenarios run: contexts, processes, evidence, deadlines, cleanup;
* ``conformance.actors``     — what child processes execute (light: no pytest, no hypothesis);
* ``conformance.judge``      — how evidence is judged: outcome tables and checkers;
* ``conformance.plugin``     — the thin pytest plugin: options, fixtures, profiles, report.
"""

__version__ = "0.1.0"
