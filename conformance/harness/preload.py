"""What the kit's fork server loads before it forks any child (``Target`` lists this module, and
the actors, in ``set_forkserver_preload``), so that no forkserver child pays for it: the modules
every kit child runs, and the kernel's parent-death signal bound (see ``liveness``).

A fork server that ignores its preload list still starts working children: they import what
they need themselves and watch their parent from a thread.
"""

from conformance.harness import board, child, liveness  # noqa: F401  (imported to be inherited)

liveness.bind_parent_death_signal()
