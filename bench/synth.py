"""Generate a synthetic knowledge base of N techniques, in two variants.

``kb``: pages declare techniques, categories, benchmarks and results with the kb
directives, and the front page, category pages and leaderboards are kb aggregates.
``plain``: the same pages with every kb directive replaced by the equivalent static
content (a sphinx-design card, Markdown tables, plain links), built with the same stack
and furo's stock navigation. ``plain-nav``: the plain pages with our bounded navigation
(etkb loaded, no kb directives): the baseline "with the same navigation".
Pages are realistic: about 60 lines of MyST each, with math, a table, citations and badges.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

ROOTS = ("pruning", "distillation", "attention", "quantization", "architectures")
METRICS = (("top1", "%", "higher", "quality"), ("params", "M", "lower", "cost"), ("flops", "G", "lower", "cost"))

CONF = '''
import os, sys
sys.path.insert(0, {ext!r})
project = "synthetic"
extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex"{kb}]
myst_enable_extensions = ["dollarmath"]
bibtex_bibfiles = ["refs.bib"]
html_theme = "furo"
exclude_patterns = ["_build"]
suppress_warnings = ["toc.not_included"]
{extra}
'''


def categories(n: int) -> list[tuple[str, str | None]]:
    """About one category per 25 techniques, under five roots."""
    cats = [(root, None) for root in ROOTS]
    for i in range(max(5, n // 25)):
        cats.append((f"cat-{i:03d}", ROOTS[i % len(ROOTS)]))
    return cats


def bibkey(i: int) -> str:
    """A key that follows the refs.bib convention (family name, year, first title word)."""
    return f"author{2019 + i % 5}paper{i:04d}"


def technique_page(i: int, n: int, cats: list[str], rng: random.Random, kb: bool) -> str:
    tid = f"t{i:04d}"
    others = [f"t{rng.randrange(n):04d}" for _ in range(3)]
    neighbours = [f"t{rng.randrange(n):04d}" for _ in range(12)]  # kb lists up to 12 same-category techniques
    mycats = sorted(set(rng.sample(cats, 2)))
    top1, params, flops = round(70 + rng.random() * 15, 1), round(5 + rng.random() * 80, 1), round(1 + rng.random() * 15, 1)
    lines = [f"# Technique {i}", ""]
    if kb:
        lines += ["```{kb:technique} " + tid, f":paper: {bibkey(i)}", f":categories: {', '.join(mycats)}",
                  ":modality: vision", ":targets: flops, params", ":complexity: O(n)",
                  f":code: https://github.com/example/{tid}", "```", ""]
    else:
        lines += ["````{card} Paper title of technique " + str(i), f"**Authors:** Author {i}, Second Author",
                  "", "**Venue:** Conference (2022)", "", "**Categories:** " +
                  ", ".join(f"[{c}](../taxonomy/{c}.md)" for c in mycats), "",
                  "{bdg-info}`vision` {bdg-success}`flops` {bdg-success}`params`", "",
                  f"**Code:** <https://github.com/example/{tid}>", "````", ""]
    lines += ["## Problem", "", f"Technique {i} reduces the cost of attention for long inputs "
              f"{{cite:p}}`{bibkey(i)}`. " + "Plain explanatory sentences fill this paragraph. " * 4, "",
              "## Key idea", "", "The cost of softmax attention grows as $O(n^2 d)$ in the sequence length $n$.",
              "", "$$", r"\mathrm{Attn}(Q,K,V) = \operatorname{softmax}\!\left(\frac{QK^\top}{\sqrt{d}}\right)V", "$$", "",
              "## How it works", ""]
    lines += [f"- Step {s}: " + "a detail of the method. " * 3 for s in range(1, 5)]
    lines += ["", "| Setting | Value |", "|---|---|"] + [f"| option {s} | {rng.randrange(100)} |" for s in range(5)]
    lines += ["", "## Results", ""]
    if kb:
        lines += ["```{kb:result}", ":benchmark: imagenet", f":source: {bibkey(i)}, Table 2", ":model: base",
                  f":top1: {top1}", f":params: {params}", f":flops: {flops}", "```"]
    else:
        lines += ["| Model | Top-1 (%) | Params (M) | FLOPs (G) | Source |", "|---|---|---|---|---|",
                  f"| base | {top1} | {params} | {flops} | {bibkey(i)}, Table 2 |"]
    lines += ["", "## Trade-offs and limitations", "", "Some discussion of limitations. " * 5, "",
              "## Related techniques", ""]
    if kb:
        lines += ["See " + ", ".join(f"{{kb:tech}}`{o}`" for o in others) + "."]
    else:  # the static equivalent of what kb adds at the end of a technique page
        lines += ["See " + ", ".join(f"[Technique {int(o[1:])}]({o}.md)" for o in others) + ".", "",
                  "## Related techniques (same category)", "", ", ".join(f"[Technique {int(o[1:])}]({o}.md)" for o in neighbours),
                  "", "## Referenced by", "", f"- [Technique {int(others[0][1:])}]({others[0]}.md)", "", "## Reference", "",
                  f"Author {i} and B. Second. Paper title of technique {i}. In *Conference*, 2022.", "",
                  "```bibtex", f"@inproceedings{{{bibkey(i)},", f'  title = "Paper title of technique {i}",', "}", "```"]
    return "\n".join(lines) + "\n"


def generate(root: Path, n: int, variant: str, ext: Path, seed: int = 0) -> Path:
    """Write the site for ``n`` techniques into ``root`` (replacing it); returns the source dir."""
    kb = variant == "kb"
    load_etkb = variant in ("kb", "plain-nav")
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    for sub in ("techniques", "taxonomy", "benchmarks"):
        (root / sub).mkdir(parents=True)
    cats = categories(n)
    leaves = [c for c, parent in cats if parent]
    extra = "kb_targets = ['flops', 'params', 'latency']" if kb else ""
    (root / "conf.py").write_text(CONF.format(ext=str(ext), kb=', "etkb"' if load_etkb else "", extra=extra))
    (root / "refs.bib").write_text("".join(
        f"% verified: synthetic entry\n@inproceedings{{{bibkey(i)},\n  title = {{Paper title of technique {i}}},\n"
        f"  author = {{Author, A{i} and Second, B}},\n"
        f"  booktitle = {{Conference}},\n  year = {{{2019 + i % 5}}}\n}}\n\n" for i in range(n)))
    for i in range(n):
        (root / "techniques" / f"t{i:04d}.md").write_text(technique_page(i, n, leaves, rng, kb))
    (root / "techniques" / "index.md").write_text("# Techniques\n\n```{toctree}\n:glob:\n:maxdepth: 1\n\n*\n```\n")
    for cid, parent in cats:
        body = f"# Category {cid}\n\n"
        if kb:
            body += f"```{{kb:category}} {cid}\n" + (f":parent: {parent}\n" if parent else ":root:\n") + "```\n\n"
        else:
            body += "| Technique | Year |\n|---|---|\n| [a technique](../techniques/t0000.md) | 2020 |\n\n"
        body += "What this family does and when to use it. " * 6 + "\n"
        (root / "taxonomy" / f"{cid}.md").write_text(body)
    (root / "taxonomy" / "index.md").write_text(
        "# Taxonomy\n\n" + ("```{kb:taxonomy}\n```\n\n" if kb else "") +
        "```{toctree}\n:maxdepth: 1\n\n" + "\n".join(c for c, _ in cats) + "\n```\n")
    bench = "# ImageNet\n\n"
    if kb:
        bench += "```{kb:benchmark} imagenet\n```\n\n" + "".join(
            f"```{{kb:metric}} {m}\n:benchmark: imagenet\n:unit: {u}\n:better: {b}\n:kind: {k}\n```\n\n" for m, u, b, k in METRICS)
        bench += "```{kb:leaderboard} imagenet\n```\n"
    else:
        bench += "| Technique | Top-1 | Source |\n|---|---|---|\n" + "".join(
            f"| [Technique {i}](../techniques/t{i:04d}.md) | 80.0 | {bibkey(i)}, Table 2 |\n" for i in range(n))
    (root / "benchmarks" / "imagenet.md").write_text(bench)
    front = "# Synthetic knowledge base\n\n"
    if kb:
        front += "```{kb:techniques}\n:columns: name, year, venue, categories\n```\n\n"
    else:
        front += "| Technique | Year | Venue |\n|---|---|---|\n" + "".join(
            f"| [Technique {i}](techniques/t{i:04d}.md) | 2021 | Conference |\n" for i in range(n)) + "\n"
    front += "```{toctree}\n:maxdepth: 1\n\ntechniques/index\ntaxonomy/index\nbenchmarks/imagenet\nreferences\n```\n"
    (root / "index.md").write_text(front)
    (root / "references.md").write_text("# References\n\n```{bibliography}\n:all:\n```\n")
    return root
