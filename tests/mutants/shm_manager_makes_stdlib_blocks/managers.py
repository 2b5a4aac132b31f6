"""Bug: the standard library's SharedMemoryManager, re-exported: it makes standard-library
SharedMemory and ShareableList instances, not this implementation's."""

from multiprocessing.managers import SharedMemoryManager  # noqa: F401
