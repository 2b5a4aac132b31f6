"""The standard library's, unchanged (the bug is in ``managers``)."""

from multiprocessing.shared_memory import ShareableList, SharedMemory  # noqa: F401
