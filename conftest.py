"""Repository-level pytest configuration.

The kit itself is a pytest plugin (entry point ``conformance``, installed by
``python -m pip install -e ".[test]"``); this file only keeps the benchmark scripts out of test
collection.
"""

collect_ignore = ["bench"]
