"""Build-time plots: the chosen metrics, only comparable settings, the Pareto front, and a link per point."""

from __future__ import annotations

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from etkb.render.plots import pareto_front


def plots(result):
    soup = BeautifulSoup((result.outdir / "index.html").read_text(), "html.parser")
    return soup.select(".kb-plot svg")


def test_every_point_links_to_its_technique_page(shared_build):
    result = shared_build("plots")
    assert result.kb_warnings() == []
    flops = plots(result)[0]
    hrefs = sorted(a.get("xlink:href") for a in flops.select("a"))
    assert hrefs == ["fast.html#kb-technique-fast"] * 3 + ["other.html#kb-technique-other", "slow.html#kb-technique-slow"]
    assert "5 results of 3 techniques" in flops["aria-label"]


def test_where_keeps_only_results_in_that_setting(shared_build):
    speed = plots(shared_build("plots"))[1]
    # GPU B and batch 64 are left out: speed is comparable only on the same hardware and batch size
    assert "hardware GPU A, batch-size 8 for 3 results of 1 techniques" in speed["aria-label"]
    assert {a.get("xlink:href") for a in speed.select("a")} == {"fast.html#kb-technique-fast"}


def test_pareto_front_is_marked_and_explained(shared_build):
    result = shared_build("plots")
    captions = [p.get_text() for p in BeautifulSoup((result.outdir / "index.html").read_text(), "html.parser")
                .select(".kb-plot-caption")]
    assert "Pareto front" in captions[0] and "Pareto front" not in captions[1]


POINT = st.tuples(st.none(), st.just(""), st.integers(0, 50), st.integers(0, 50))


@given(st.lists(POINT, min_size=1, max_size=25), st.sampled_from(["higher", "lower"]), st.sampled_from(["higher", "lower"]))
def test_front_points_are_exactly_the_undominated_ones(points, x_better, y_better):
    sx = 1 if x_better == "higher" else -1
    sy = 1 if y_better == "higher" else -1

    def beats(a, b):
        return sx * a[2] >= sx * b[2] and sy * a[3] >= sy * b[3] and (a[2], a[3]) != (b[2], b[3])

    front = set(pareto_front(points, x_better, y_better))
    for i, p in enumerate(points):
        dominated = any(beats(q, p) for q in points)
        assert (i in front) == (not dominated)


def test_where_keeps_each_rows_own_value(shared_build):
    """Two rows of one model and source that differ in another setting keep their own y values."""
    from etkb.render.plots import plot_data

    result = shared_build("plots")
    cat = result.app.env.domains["kb"].catalog
    data = plot_data(cat, "bench", cat.results_for(benchmark="bench"), x="speed", y="acc", where="hardware=GPU A; batch-size=8")
    assert sorted((p[2], p[3]) for p in data["points"]) == [(300, 80), (900, 70), (1500, 69)]


def test_where_can_match_part_of_a_setting(shared_build):
    from etkb.render.plots import plot_data

    cat = shared_build("plots").app.env.domains["kb"].catalog
    data = plot_data(cat, "bench", cat.results_for(benchmark="bench"), x="flops", y="acc", where="model~=small")
    assert sorted(p[1] for p in data["points"]) == ["fast-small", "fast-small"]


def test_text_in_a_plot_is_escaped_never_markup():
    """Plot text is SVG <text>: a technique named with markup characters stays text."""
    from types import SimpleNamespace

    from etkb.render.common import Link
    from etkb.render.plots import plot_build

    target = Link("technique", "evil", 'Evil <script>alert("x")</script> & Co', None, "")
    data = {"points": ((target, "m<1>", 1.0, 2.0), (target, "", 2.0, 3.0)), "front": (0, 1), "x": "cost <i>", "y": "acc"}
    ctx = SimpleNamespace(builder=SimpleNamespace(format="html"), docname="index")
    from docutils import nodes

    svg = next(plot_build(data, ctx)[0].findall(nodes.raw)).astext()  # the raw markup written to the page
    assert "<script>" not in svg and "<i>" not in svg and "<1>" not in svg
    assert "&lt;script&gt;" in svg


def test_every_point_names_its_technique(shared_build):
    """Each point of a plot is a link with a title: its technique, model and values."""
    result = shared_build("tables")
    svg = result.html("bench").select_one(".kb-plot svg")
    links = svg.find_all("a")
    assert links and all(a.find("title") is not None for a in links)
    titles = sorted(a.find("title").get_text() for a in links)
    assert titles[0].startswith("Alpha (base): 50.5, 1.5")
    for a in links:  # each title names the technique its point links to
        name = a.find("title").get_text().split(" ")[0].lower()
        assert (a.get("xlink:href") or a.get("href")).startswith(f"{name}.html"), a
