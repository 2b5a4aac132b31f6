"""Bug: the SharedMemoryManager's server tracks the blocks made through it but its tracker's
unlink() does nothing, so shutdown leaves every block behind."""

from multiprocessing import managers as _stdlib


class ForgetfulTracker(_stdlib._SharedMemoryTracker):
    def unlink(self):
        pass


class ForgetfulServer(_stdlib.SharedMemoryServer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shared_memory_context = ForgetfulTracker(
            self.shared_memory_context.shared_memory_context_name, [])


class SharedMemoryManager(_stdlib.SharedMemoryManager):
    _Server = ForgetfulServer
