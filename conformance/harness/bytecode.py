"""The kit's own bytecode for the processes it starts, where Python may not write it.

Every process the kit starts under spawn (children, manager servers, pool workers) and every
fork server imports the kit's child side: the harness and the actors.  Python keeps what it
compiles in ``__pycache__`` beside the sources; where writing it is turned off
(PYTHONDONTWRITEBYTECODE or ``-B``, common in containers) and the kit's files have none (an
editable install; pip compiles a wheel's files as it installs them), each of those processes
compiles them again: 4-5 ms of a spawn child's 31 ms start (3.13).

There the kit compiles its package once per process into a directory of its own: the package's
layout with sourceless ``.pyc`` files, each naming its real source (tracebacks show it), and the
package's data files.  ``scenario.light_children`` puts that directory first on ``sys.path``
while an invariant starts processes, and a spawn child takes the parent's path.  Nothing is
written beside the user's files, and nothing changes where bytecode can be written or is there.
"""

import importlib.util
import os
import py_compile
import shutil

import conformance

PACKAGE = os.path.dirname(os.path.abspath(conformance.__file__))
HEADER_BYTES = 16  # magic, flags, then source mtime and size (or a hash): PEP 552
HASH_BASED = 0b1  # the flag of a hash-based .pyc


def sources(package=PACKAGE):
    """Every file of ``package`` (a directory) but its bytecode caches, as (folder relative to
    the package, file name) pairs."""
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(files):
            yield os.path.relpath(folder, package), name


def current(source):
    """Whether Python finds current bytecode for ``source`` in its ``__pycache__``."""
    try:
        with open(importlib.util.cache_from_source(source), "rb") as cached:
            header = cached.read(HEADER_BYTES)
        stat = os.stat(source)
    except (OSError, NotImplementedError):  # none; or this Python caches no bytecode
        return False
    if len(header) < HEADER_BYTES or header[:4] != importlib.util.MAGIC_NUMBER:
        return False
    if int.from_bytes(header[4:8], "little") & HASH_BASED:
        return True  # checked against the source by hashing it, which is cheap
    return (int.from_bytes(header[8:12], "little") == int(stat.st_mtime) & 0xFFFFFFFF
            and int.from_bytes(header[12:16], "little") == stat.st_size & 0xFFFFFFFF)


def needed(dont_write_bytecode, package=PACKAGE):
    """Whether the processes the kit starts would compile some of its modules on every start."""
    return dont_write_bytecode and not all(
        current(os.path.join(package, folder, name))
        for folder, name in sources(package) if name.endswith(".py"))


def compiled_copy(into, package=PACKAGE):
    """Compile ``package`` into a copy of its layout under ``into``, which then goes on
    ``sys.path``: a ``.pyc`` beside no ``.py`` is imported as it is."""
    top = os.path.join(into, os.path.basename(package))
    for folder, name in sources(package):
        source = os.path.join(package, folder, name)
        os.makedirs(os.path.join(top, folder), exist_ok=True)
        if name.endswith(".py"):
            py_compile.compile(source, cfile=os.path.join(top, folder, name + "c"),
                               dfile=source, doraise=True)
        else:
            shutil.copyfile(source, os.path.join(top, folder, name))
    return into
