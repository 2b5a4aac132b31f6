"""Bug: a child draws a fresh random authkey when it starts, instead of keeping the one its
Process object had (its creator's, or the one assigned before start())."""

import os

from multiprocessing import process as process_module

from tests.mutants.base import mutant, process_of, violated


class OwnAuthkey:
    def run(self):
        process_module.current_process().authkey = os.urandom(32)  # the bug
        super().run()


get_context, get_all_start_methods = mutant(Process=process_of(OwnAuthkey, globals()))
KILLS = {
    "test_process.py::test_a_child_sees_the_identity_its_parent_gave_it":
        violated("wrong-authkey"),
}
