"""Static assets: the badge colours of kb.css meet WCAG AA contrast (4.5:1) for their text."""

from __future__ import annotations

import re

from conftest import REPO

CSS = REPO / "ext" / "etkb" / "static" / "kb.css"
RULE = re.compile(r"\.kb-badge\.sd-bg-(\w+)\s*\{[^}]*background-color:\s*(#[0-9a-fA-F]{3,6})\b[^}]*[^-]color:\s*(#[0-9a-fA-F]{3,6})\b")


def luminance(hex_colour: str) -> float:
    if len(hex_colour) == 4:  # #fff -> #ffffff
        hex_colour = "#" + "".join(c * 2 for c in hex_colour[1:])
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_badge_colour_we_set_has_enough_contrast():
    rules = RULE.findall(CSS.read_text(encoding="utf-8"))
    assert {"info", "success"} <= {name for name, _, _ in rules}  # the two kinds the views use
    for name, background, text in rules:
        assert contrast(background, text) >= 4.5, name


def test_table_sorting_puts_missing_values_last_in_both_directions():
    """The browser script's comparator, run with node (the CI machine has it)."""
    import json
    import shutil
    import subprocess

    import pytest

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = REPO / "ext" / "etkb" / "static" / "kb-tables.js"
    program = (f"const t = require({json.dumps(str(script))});"
               "const v = ['3', '–', '10', '1', ''];"
               "console.log(JSON.stringify([[...v].sort((a, b) => t.compare(a, b, true, false)),"
               "                            [...v].sort((a, b) => t.compare(a, b, true, true)),"
               "                            ['b', '', 'a'].sort((a, b) => t.compare(a, b, false, true))]));")
    ascending, descending, text = json.loads(subprocess.run([node, "-e", program], capture_output=True, text=True,
                                                            check=True).stdout)
    assert ascending[:3] == ["1", "3", "10"] and set(ascending[3:]) == {"–", ""}
    assert descending[:3] == ["10", "3", "1"] and set(descending[3:]) == {"–", ""}
    assert text == ["b", "a", ""]


def test_facet_filters_match_a_value_and_years_from_a_start():
    """The browser script's facet test, run with node: a value must be among the row's; a year is 'since'."""
    import json
    import shutil
    import subprocess

    import pytest

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = REPO / "ext" / "etkb" / "static" / "kb-tables.js"
    row = {"category": ["pruning", "token-reduction"], "year": ["2021"], "code": ["yes"]}
    cases = [{}, {"category": "pruning"}, {"category": "quantization"}, {"year": "2020"}, {"year": "2022"},
             {"category": "pruning", "code": "no"}, {"modality": "vision"}, {"category": ""}]
    program = (f"const t = require({json.dumps(str(script))});"
               f"console.log(JSON.stringify({json.dumps(cases)}.map(c => t.matches({json.dumps(row)}, c))));")
    got = json.loads(subprocess.run([node, "-e", program], capture_output=True, text=True, check=True).stdout)
    assert got == [True, True, False, True, False, False, False, True]
