"""The local matrix: every interpreter on this machine, and the drop-in implementations.

    nox                      # all sessions, then the combined matrix in results/
    nox -s conformance       # the standard library on every interpreter found
    nox -s dropin            # multiprocess and billiard on the default interpreter
    nox -s matrix            # combine results/*.json into results/matrix.{md,html}
    nox -s readme            # regenerate README.md's matrix from results/
    nox -s thirdparty        # the shipped adapters' libraries; README.md's third-party section

Interpreters are found on PATH (python3.9 ... python3.13, pypy3) and in pyenv's versions folder.
"""

import glob
import os
import shutil
import sys

import nox

nox.options.sessions = ["conformance", "dropin", "matrix"]
nox.options.reuse_existing_virtualenvs = True

MINORS = ("3.9", "3.10", "3.11", "3.12", "3.13")
DROP_INS = ("multiprocess", "billiard")
RESULTS = "results"
# The shipped adapters (conformance/adapters/), each vetted in a session of its own: importing
# some libraries changes the process (UltraDict, shared-memory-dict).
THIRD_PARTY = ("fasteners_lock", "filelock_lock", "posix_ipc_semaphore", "ultradict",
               "ultradict_shared_lock", "shared_memory_dict", "shared_memory_dict_locked")
THIRD_PARTY_SCALE = "4"  # up to 16 and more contending processes


def found_interpreters():
    """Versions with a ``pythonX.Y`` on PATH, pyenv's versions put on PATH first."""
    pyenv = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    for minor in MINORS:
        for bin_dir in sorted(glob.glob(os.path.join(pyenv, "versions", f"{minor}.*", "bin"))):
            os.environ["PATH"] = bin_dir + os.pathsep + os.environ["PATH"]
    found = [minor for minor in MINORS if shutil.which(f"python{minor}")]
    return found + (["pypy3"] if shutil.which("pypy3") else [])


def run_kit(session, name, *options):
    os.makedirs(RESULTS, exist_ok=True)
    session.run("pytest", "conformance", "-p", "no:cacheprovider",
                f"--conformance-json={RESULTS}/{name}.json", *options, success_codes=[0, 1])


@nox.session(python=found_interpreters())
def conformance(session):
    """The standard library's multiprocessing, on one interpreter."""
    session.install("-e", ".")
    version = session.run("python", "-c", "import platform, sys; "
                          "print(sys.implementation.name + platform.python_version())",
                          silent=True).strip()
    run_kit(session, f"{version}-multiprocessing", *session.posargs)


@nox.session
@nox.parametrize("implementation", DROP_INS)
def dropin(session, implementation):
    """A drop-in replacement, vetted unchanged through --mp-impl."""
    session.install("-e", ".", implementation)
    run_kit(session, f"{implementation}", f"--mp-impl={implementation}", *session.posargs)


@nox.session
def thirdparty(session):
    """Every shipped adapter under every start method it supports, at --mp-scale 4, into
    results/thirdparty-*.json; then README.md's "Third-party libraries" section."""
    session.install("-e", ".[thirdparty]")
    for adapter in THIRD_PARTY:
        run_kit(session, f"thirdparty-{adapter}", f"--mp-impl=conformance.adapters.{adapter}",
                f"--mp-scale={THIRD_PARTY_SCALE}", *session.posargs)
    session.run("python", "-m", "conformance.matrix",
                *[f"{RESULTS}/thirdparty-{adapter}.json" for adapter in THIRD_PARTY],
                "--thirdparty-readme=README.md")


def platform_results():
    """The results of the standard library and the drop-ins (not the adapters')."""
    return sorted(path for path in glob.glob(f"{RESULTS}/*.json")
                  if not os.path.basename(path).startswith("thirdparty-"))


@nox.session(python=False)
def matrix(session):
    """Combine every result in results/ into one Markdown and HTML matrix."""
    results = platform_results()
    if not results:
        session.error(f"no results in {RESULTS}/: run the conformance sessions first")
    session.run(sys.executable, "-m", "conformance.matrix", *results,
                f"--markdown={RESULTS}/matrix.md", f"--html={RESULTS}/matrix.html")


@nox.session(python=False)
def readme(session):
    """Put the matrix of results/ into README.md between its markers."""
    session.run(sys.executable, "-m", "conformance.matrix", *platform_results(),
                "--readme=README.md")
