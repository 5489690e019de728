"""Source files Sphinx cannot decode. Sphinx 9 reads pages with strict decoding and crashes
with a traceback on one invalid byte. Before reading, we check each page; for every page that
is not valid in ``source_encoding`` we report a located ``kb.encoding`` warning (replayed on
every build until the file is fixed) and read the build's pages with invalid bytes replaced by
U+FFFD, so the page still builds and ``-W`` fails with the list instead of a crash."""

from __future__ import annotations

import codecs

from .diagnostics import KbWarning
from .records import Problem

LENIENT = "etkb_replace"  # a codec name: the source encoding, with invalid bytes replaced


def _lenient_codec(name: str) -> codecs.CodecInfo | None:
    if not name.startswith(LENIENT + "_"):
        return None
    base = codecs.lookup(name[len(LENIENT) + 1:].replace("_", "-"))

    def decode(data, errors="strict"):
        return base.decode(data, "replace")

    class Decoder(base.incrementaldecoder):  # type: ignore[name-defined]
        def __init__(self, errors="strict"):
            super().__init__("replace")

    return codecs.CodecInfo(base.encode, decode, base.streamreader, base.streamwriter,
                            base.incrementalencoder, Decoder, name=name)


def read_leniently_if_needed(app, env, docnames: list[str]) -> None:
    """``env-before-read-docs``: if a page to read is undecodable, read this batch leniently."""
    encoding = app.config.source_encoding
    for docname in docnames:
        try:
            codecs.getincrementaldecoder(encoding)().decode(env.doc2path(docname).read_bytes(), final=True)
        except UnicodeDecodeError:
            break
    else:
        return
    name = f"{LENIENT}_{codecs.lookup(encoding).name.replace('-', '_')}"
    try:
        codecs.lookup(name)
    except LookupError:
        codecs.register(_lenient_codec)
    env.settings["input_encoding"] = name


def note_invalid_bytes(app, docname: str, source: list[str]) -> None:
    """``source-read``: record a located problem for each page read with replaced bytes.

    Recorded (not logged) like every kb problem, so it is replayed on every build."""
    if "\ufffd" not in source[0]:
        return
    env = app.env
    path = env.doc2path(docname)
    data = path.read_bytes()
    try:
        codecs.getincrementaldecoder(app.config.source_encoding)().decode(data, final=True)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        env.domains["kb"].note_problem(Problem(
            KbWarning.ENCODING.subtype,
            f"byte {data[err.start]:#04x} is not valid {app.config.source_encoding}; it is shown as \N{REPLACEMENT CHARACTER}",
            docname, line))
