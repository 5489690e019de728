"""Pickled environments: a change in what etkb stores discards an older environment cleanly."""

from __future__ import annotations

import pickle
from dataclasses import make_dataclass
from pathlib import Path

import etkb
from etkb import records


def test_environment_version_follows_the_stored_record_fields(monkeypatch):
    before = etkb.environment_version()
    changed = make_dataclass("Problem", [("subtype", str), ("message", str), ("docname", str), ("lineno", int)], frozen=True)
    monkeypatch.setattr(records, "Problem", changed)  # e.g. the 'path' field of an older etkb
    assert etkb.environment_version() != before


def test_an_environment_from_an_older_etkb_is_rebuilt_not_misread(build, make_app):
    first = build("fresh")
    pickled = Path(first.app.doctreedir) / "environment.pickle"
    env = pickle.loads(pickled.read_bytes())
    env.version["etkb"] = 1  # what an older etkb wrote
    kb = env.domaindata["kb"]
    kb["problems"] = {"alpha": (object(),)}  # records this etkb could not read
    pickled.write_bytes(pickle.dumps(env))
    again = make_app("html", srcdir=first.srcdir)
    again.build()
    log = again._warning.getvalue()
    assert "Traceback" not in log and "[kb." not in log and "exception" not in log.lower(), log
    assert "Alpha" in (first.outdir / "alpha.html").read_text()


def test_an_unchanged_rebuild_reports_no_configuration_change_of_ours(make_app, tmp_path):
    """Static paths that sphinx-design and sphinx-copybutton append at builder-inited used to read as
    changed on every build. The root is built with every extension the real site loads."""
    import shutil

    from conftest import REPO, ROOT

    site_conf: dict = {"__file__": str(REPO / "docs" / "conf.py")}
    exec((REPO / "docs" / "conf.py").read_text(), site_conf)
    src = tmp_path / "navigation"
    shutil.copytree(ROOT / "roots" / "test-navigation", src)
    (src / "refs.bib").write_text("")
    overrides = {"extensions": site_conf["extensions"], "html_baseurl": "https://example.org/", "bibtex_bibfiles": ["refs.bib"]}
    make_app("html", srcdir=src, confoverrides=overrides).build()
    again = make_app("html", srcdir=src, confoverrides=overrides)
    again.build()
    status = again._status.getvalue()
    # sphinx-design's static path no longer reads as changed; furo's pygments_dark_style still does
    # (furo registers it at builder-inited, after the comparison: an upstream matter)
    assert "html_static_path" not in status
    assert "configuration has changed" not in status.lower() or "pygments_dark_style" in status
