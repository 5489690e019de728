"""Sessions: docs, tests, lint, serve, linkcheck, lock (and bench for performance work).

Every session installs from ``constraints.txt`` (the pinned set the hosted build uses);
``nox -s lock`` refreshes it. Only ``linkcheck`` touches the network at run time.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["docs", "tests"]
nox.options.reuse_existing_virtualenvs = True

CONSTRAINTS = ("-c", "constraints.txt")
OUT = "docs/_build/html"
DOCTREES = "docs/_build/doctrees"  # beside the site, not inside it: pickles are never published


def install(session: nox.Session, extras: str = "") -> None:
    """Install the package (editable) with the pinned set, only when the pins or the metadata changed.

    An editable install picks up edits to ext/ by itself, so an unchanged `nox -s docs` skips
    pip entirely (it was most of an unchanged build's time)."""
    wanted = hashlib.sha256(b"".join(Path(name).read_bytes() for name in ("pyproject.toml", "constraints.txt")))
    wanted.update(extras.encode())
    stamp = Path(session.virtualenv.location) / ".etkb-install"
    if stamp.is_file() and stamp.read_text() == wanted.hexdigest():
        session.log("dependencies unchanged since the last install; skipping pip")
        return
    session.install(*CONSTRAINTS, "-e", f".[{extras}]" if extras else ".")
    stamp.write_text(wanted.hexdigest())


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site into docs/_build/html; any warning fails the build."""
    install(session)
    session.run("sphinx-build", "-W", "--keep-going", "-b", "html", "-d", DOCTREES, "docs", OUT, *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (Sphinx test roots, the real site, exports)."""
    install(session, "test")
    session.run("pytest", *session.posargs)


@nox.session
def check(session: nox.Session) -> None:
    """Every validation without writing HTML: prints `path:line: kb.<subtype>: message`; seconds when little changed."""
    install(session)
    session.run("python", "-m", "etkb.check", "docs", *session.posargs)


@nox.session
def new(session: nox.Session) -> None:
    """Start a technique page: `nox -s new -- <id> --paper <bibkey> --category <id>`."""
    install(session)
    session.run("python", "-m", "etkb.scaffold", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    session.install(*CONSTRAINTS, "ruff")
    session.run("ruff", "check", "ext", "tests", "bench", "noxfile.py")


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview while writing: rebuilds on save, serves on http://127.0.0.1:8000."""
    install(session, "dev")
    session.run("sphinx-autobuild", "-d", DOCTREES, "docs", OUT, "--watch", "refs.bib", "--watch", "ext", *session.posargs)


@nox.session
def linkcheck(session: nox.Session) -> None:
    """The only session that uses the network: checks every external link."""
    install(session)
    session.run("sphinx-build", "-b", "linkcheck", "docs", "docs/_build/linkcheck", *session.posargs)


@nox.session
def lock(session: nox.Session) -> None:
    """Refresh constraints.txt from the newest releases allowed by pyproject.toml."""
    session.install("-e", ".[test,dev]")
    frozen = session.run("pip", "freeze", "--exclude-editable", silent=True)
    lines = [line for line in frozen.splitlines() if line and not line.startswith(("-e", "etkb"))]
    with open("constraints.txt", "w") as fh:
        fh.write("# Pinned by `nox -s lock`; the hosted build installs exactly these.\n")
        fh.write("\n".join(sorted(lines, key=str.lower)) + "\n")


@nox.session
def bench(session: nox.Session) -> None:
    """Synthetic-site benchmark (not a test): `nox -s bench` (N=100, 1000) or `nox -s bench -- --full`."""
    install(session)
    session.chdir("bench")
    session.run("python", "run.py", *session.posargs)
