"""Source files Sphinx cannot read. Sphinx 9 decodes pages strictly and crashes with a
traceback on one invalid byte; we check each page before it is read, report a located
``kb.encoding`` warning, and leave that page out of this build (it is checked again on
the next build, so the warning replays until the file is fixed)."""

from __future__ import annotations

import codecs

from .diagnostics import KbWarning, warn


def skip_undecodable(app, env, docnames: list[str]) -> None:
    """``env-before-read-docs``: drop pages whose bytes are not valid in ``source_encoding``."""
    decoder = codecs.getincrementaldecoder(app.config.source_encoding)
    for docname in list(docnames):
        data = env.doc2path(docname).read_bytes()
        try:
            decoder().decode(data, final=True)
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            warn(KbWarning.ENCODING, f"byte {data[err.start]:#04x} is not valid {app.config.source_encoding}: "
                 f"the page is left out of this build", f"{env.doc2path(docname)}:{line}")
            docnames.remove(docname)
            env.project.docnames.discard(docname)
