"""What children run for the start-method invariants (stdlib only)."""

import sys


def report_loaded(conn, names):
    """Send which of ``names`` this process already has in ``sys.modules``."""
    conn.send({name: name in sys.modules for name in names})
    conn.close()
