"""What is new, the Atom feed of it, and the maintenance list of facts not verified for too long."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import Build

ATOM = "{http://www.w3.org/2005/Atom}"
RNG = Path(__file__).parent / "data" / "atom.rng"
JUNE_2024 = "1717200000"  # 2024-06-01T00:00:00Z
SEPTEMBER_2024 = "1725148800"  # 2024-09-01T00:00:00Z


@pytest.fixture
def news(build, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JUNE_2024)
    result = build("news")
    assert result.warnings == []
    return result


def events(result: Build) -> list[str]:
    return [" ".join(li.get_text(" ", strip=True).split()) for li in result.html("whats-new").select("ul.kb-whatsnew li")]


def test_whats_new_lists_additions_and_reverifications_newest_first(news):
    assert events(news) == [
        "2024-05-20 facts re-verified: Fresh method",
        "2024-03-01 added: Fresh method",
        "2024-02-01 added: Never checked",
        "2024-01-10 added: Old method",  # verified the day it was added: one event, not two
    ]
    assert [r.get_text() for r in news.html("whats-new").select("p.rubric")] == ["2024-05", "2024-03", "2024-02", "2024-01"]


def test_the_feed_is_valid_atom_with_the_same_events_and_stable_ids(news):
    feed = etree.parse(str(news.outdir / "whatsnew.atom"))
    schema = etree.RelaxNG(etree.parse(str(RNG)))
    assert schema.validate(feed), schema.error_log
    entries = feed.getroot().findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Facts re-verified: Fresh method", "Added: Fresh method", "Added: Never checked", "Added: Old method"]
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert ids[0] == "tag:example.org,2024-05-20:verified/technique/fresh"
    assert len(set(ids)) == len(ids)
    assert feed.getroot().findtext(f"{ATOM}updated") == "2024-05-20T00:00:00+00:00"
    first = entries[0]
    assert first.find(f"{ATOM}link").get("href") == "https://example.org/kb/fresh.html"
    assert first.findtext(f"{ATOM}summary") == "The Fresh method does one thing."


def test_the_feed_is_the_same_bytes_for_the_same_sources_and_ids_survive_a_new_page(news, build, monkeypatch):
    before = (news.outdir / "whatsnew.atom").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SEPTEMBER_2024)  # a later build of the same sources
    again = build("news", srcdir=news.srcdir)
    assert (again.outdir / "whatsnew.atom").read_bytes() == before
    (news.srcdir / "newer.md").write_text("# Newer\n\n```{kb:technique} newer\n:paper: doe2020fast\n:categories: attention\n"
                                          ":added: 2024-08-01\n```\n")
    (news.srcdir / "index.md").write_text((news.srcdir / "index.md").read_text().replace("old\n", "old\nnewer\n"))
    grown = build("news", srcdir=news.srcdir)
    feed = etree.parse(str(grown.outdir / "whatsnew.atom")).getroot()
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert ids[0] == "tag:example.org,2024-08-01:added/technique/newer"
    old_ids = [e.findtext(f"{ATOM}id") for e in etree.fromstring(before).findall(f"{ATOM}entry")]
    assert ids[1:] == old_ids


def test_every_page_names_the_feed(news):
    from bs4 import BeautifulSoup

    for page in ("index", "old", "maintenance"):
        head = BeautifulSoup((news.outdir / f"{page}.html").read_text(), "html.parser").head
        link = head.find("link", rel="alternate", type="application/atom+xml")
        assert link is not None and (news.outdir / link["href"]).resolve() == (news.outdir / "whatsnew.atom").resolve()


def stale(result: Build) -> list[list[str]]:
    return [[td.get_text(strip=True) for td in tr.select("td")] for tr in result.html("maintenance").select("table.kb-stale tbody tr")]


def test_maintenance_lists_never_verified_then_oldest_beyond_the_limit(news):
    assert stale(news) == [["Never checked", "never", ""], ["Old method", "2024-01-10", "143"]]


def test_the_maintenance_list_follows_the_calendar_without_a_source_change(news, make_app, monkeypatch):
    """A day passing is an input: the page is rewritten on an incremental build, not left stale."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SEPTEMBER_2024)
    again = make_app("html", srcdir=news.srcdir)
    again.build()
    later = Build(again, news.srcdir, news.outdir)
    assert stale(later) == [["Never checked", "never", ""], ["Old method", "2024-01-10", "235"], ["Fresh method", "2024-05-20", "104"]]
