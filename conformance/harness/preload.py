"""What the kit's fork server loads before it forks any child (``Target`` lists this module, and
the actors, in ``set_forkserver_preload``), so that no forkserver child pays for it: the modules
every kit child runs, and the kernel's parent-death signal bound (see ``liveness``).

A fork server that ignores its preload list still starts working children: they import what
they need themselves and watch their parent from a thread.

The fork server also ends with the kit process that started it (``liveness.end_with_parent``),
and its children with it (their parent-death signal): the implementation's fork server ends
only once every child of its own has (each holds the pipe whose closing tells it the kit is
gone), so a kit process killed outright (a CI job's timeout) would otherwise leave it, and any
child blocked in a call under test, for good.  Only the fork
server imports this module.
"""

from conformance.harness import board, child, liveness  # noqa: F401  (imported to be inherited)

liveness.bind_parent_death_signal()
liveness.end_with_parent(child.ORPHAN_EXIT, watch_thread=False)
