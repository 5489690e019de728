"""Tables that scroll sideways can be scrolled from the keyboard.

furo wraps every table in ``<div class="table-wrapper">`` with ``overflow-x: auto``; on a phone a
wide table scrolls inside it. A plain table (no link, no button) gives the keyboard nothing to
focus there, so it could not be scrolled without a pointer (axe: scrollable-region-focusable).
The wrapper becomes a :class:`scroll_box`, written with ``tabindex="0"``; every other builder
writes it as the container it is (Sphinx finds ``visit_container`` through the node's class).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform


class scroll_box(nodes.container):
    """A container whose content may scroll sideways: focusable in HTML."""


def visit_scroll_box(translator, node: scroll_box) -> None:
    translator.body.append(translator.starttag(node, "div", CLASS="docutils container", tabindex="0"))


def depart_scroll_box(translator, node: scroll_box) -> None:
    translator.body.append("</div>\n")


class FocusableTableWrappers(SphinxPostTransform):
    """Turn furo's table wrappers into scroll boxes (after furo's transform, priority 500)."""

    default_priority = 502
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for wrapper in list(self.document.findall(nodes.container)):
            if type(wrapper) is nodes.container and "table-wrapper" in wrapper["classes"]:
                # a kb table sits in a box of ours that scrolls (so its header can stick, kb.css);
                # that box is the one a keyboard must reach, and furo's wrapper inside it does not scroll
                outer = wrapper.parent
                target = outer if isinstance(outer, nodes.container) and "kb-table-wrap" in outer["classes"] else wrapper
                if type(target) is nodes.container:
                    box = scroll_box("", **{k: list(v) if isinstance(v, list) else v for k, v in target.attributes.items()})
                    box.extend(list(target.children))
                    target.replace_self(box)


def setup_scroll_boxes(app) -> None:
    app.add_node(scroll_box, html=(visit_scroll_box, depart_scroll_box))
    app.add_post_transform(FocusableTableWrappers)
