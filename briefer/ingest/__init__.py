"""Files in, cleaned and segmented Documents out; every problem becomes a Notice."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from briefer.ingest.decode import BinaryFile, decode
from briefer.ingest.files import (
    PathError,
    Source,
    find_sources,
    max_bytes_from_env,
    read_bytes,
)
from briefer.ingest.plaintext import read_plaintext
from briefer.model import Document, Notice

__all__ = [
    "BinaryFile",
    "EmptyFile",
    "Ingested",
    "PathError",
    "Source",
    "find_sources",
    "parse",
    "read_markdown",
    "read_paths",
    "read_plaintext",
    "read_source",
]


def __getattr__(name: str) -> Any:
    """`read_markdown`, imported on first use: markdown-it is most of the import time of
    ingest, and reopening a cached briefing (the TUI's start) reads no file at all."""
    if name == "read_markdown":
        from briefer.ingest.markdown import read_markdown

        return read_markdown
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class Ingested:
    documents: list[Document] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


class EmptyFile(BinaryFile):
    """No paragraph to read: empty, blank, or only boilerplate.

    A `BinaryFile` so that whoever skips non-text files skips these too.
    """


def parse(display: str, fmt: str, data: bytes) -> tuple[Document, list[Notice]]:
    """Decode and segment one file's bytes.

    Raises `BinaryFile` for non-text, and `EmptyFile` (a `BinaryFile`) for a
    file without a paragraph, which would only be an empty entry in the briefing.
    """
    decoded = decode(data)
    notices = [Notice(display, decoded.warning, skipped=False)] if decoded.warning else []
    if fmt == "markdown":
        from briefer.ingest.markdown import read_markdown as reader
    else:
        reader = read_plaintext
    document = reader(display, decoded.text)
    if not document.paragraphs:
        raise EmptyFile("no text to read (empty, blank or only boilerplate)")
    return document, notices


def read_source(source: Source, max_bytes: int) -> tuple[Document | None, list[Notice]]:
    """One file as a Document, or None with the reason it was skipped.

    A reader that fails on some unforeseen input costs that one file, with its
    reason on one line, never the whole briefing.
    """
    try:
        data = read_bytes(source, max_bytes)
    except OSError as exc:
        return None, [Notice(source.display, exc.strerror or str(exc))]
    try:
        return parse(source.display, source.format, data)
    except BinaryFile as exc:
        return None, [Notice(source.display, str(exc))]
    except (ValueError, LookupError, RecursionError, MemoryError) as exc:
        return None, [Notice(source.display, f"could not be read ({type(exc).__name__}: {exc})")]


def read_paths(paths: Iterable[str | os.PathLike[str]], max_bytes: int | None = None) -> Ingested:
    """Read every file under `paths`; raises `PathError` for a path that is not there."""
    limit = max_bytes_from_env() if max_bytes is None else max_bytes
    sources, notices = find_sources(paths)
    result = Ingested(notices=notices)
    for source in sources:
        document, file_notices = read_source(source, limit)
        result.notices.extend(file_notices)
        if document is not None:
            result.documents.append(document)
    return result
