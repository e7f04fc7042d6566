"""The floors briefer's index is measured against: raw Whoosh and SQLite FTS5.

Both hold the very entries briefer indexes (one per paragraph and one per
quote, with the speaker, actor, section and kind fields), built by one
writer in this process. Raw Whoosh uses briefer's own field definitions and
analyzers, without briefer's per-file digests and word lists; it is what
Whoosh costs on its own. FTS5 (`porter unicode61` tokenizer, stemming and
accent folding like briefer's analyzer) is the native reference: C, not
Python.

Query floors: raw Whoosh searches briefer's own index folder with Whoosh's
query parser (fuzzy terms on), `terms=True` and `hit.highlights()`; FTS5
runs each query translated to its syntax, with `snippet()` for highlights.
FTS5 has no fuzzy or wildcard matching: `Clinten~` is searched as
`Clinten`, `h?zbollah` is not in the query set.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from briefer.briefing import Briefing
from briefer.schema import FIELDS, Entries, make_schema

LIMIT = 20
FTS_COLUMNS = ("text", "speaker", "actor", "section", "kind", "doc")


def entries(briefing: Briefing) -> Iterator[dict[str, Any]]:
    """Every entry briefer's index holds, as field values (empty ones left out)."""
    for _, rows in Entries(briefing).rows_of(briefing.documents):
        for row in rows:
            yield {k: v for k, v in zip(FIELDS, row, strict=True) if v is not None and v != ""}


def fts5_available() -> bool:
    try:
        sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    return True


class RawWhoosh:
    """Whoosh alone: the same entries, fields and analyzers, one writer."""

    def __init__(self, folder: Path) -> None:
        from whoosh import index

        schema = make_schema()
        schema.remove("digest")
        folder.mkdir()
        self.ix = index.create_in(str(folder), schema)

    def build(self, briefing: Briefing) -> int:
        writer = self.ix.writer(limitmb=256)
        count = 0
        for entry in entries(briefing):
            writer.add_document(**entry)
            count += 1
        writer.commit()
        return count


class RawWhooshSearch:
    """Whoosh's own parser, search and highlighting over an index folder (briefer's)."""

    def __init__(self, folder: Path, indexname: str) -> None:
        from whoosh import index
        from whoosh.qparser import FuzzyTermPlugin, QueryParser

        self.ix = index.open_dir(str(folder), indexname)
        self.searcher = self.ix.searcher()
        self.parser = QueryParser("text", self.ix.schema)
        self.parser.add_plugin(FuzzyTermPlugin())

    def search(self, query: str) -> list[str]:
        results = self.searcher.search(self.parser.parse(query), limit=LIMIT, terms=True)
        return [hit.highlights("text") for hit in results]

    def close(self) -> None:
        self.searcher.close()


class Fts5:
    """SQLite FTS5 over the same entries, in a database file."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        columns = ", ".join(FTS_COLUMNS)
        self.db.execute(
            f"CREATE VIRTUAL TABLE entries USING fts5({columns}, file UNINDEXED, "
            "paragraph UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2')"
        )

    def build(self, briefing: Briefing) -> int:
        titles = {d.path: d.title for d in briefing.documents}
        rows = (
            (
                e["text"],
                e.get("speaker", ""),
                e.get("actor", ""),
                e.get("section", ""),
                e["kind"],
                f"{e['file']} {titles.get(e['file'], '')}",
                e["file"],
                e["paragraph"],
            )
            for e in entries(briefing)
        )
        with self.db:
            self.db.executemany("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        return self.db.execute("SELECT count(*) FROM entries").fetchone()[0]

    def search(self, query: str) -> list[str]:
        return [
            row[0]
            for row in self.db.execute(
                "SELECT snippet(entries, 0, '«', '»', '…', 24) FROM entries "
                "WHERE entries MATCH ? ORDER BY rank LIMIT ?",
                (fts5_query(query), LIMIT),
            )
        ]

    def close(self) -> None:
        self.db.close()


_TOKEN = re.compile(r'"[^"]*"|\S+')


def fts5_query(query: str) -> str:
    """A Whoosh-syntax query in FTS5's: fields as column filters, words on the text column."""
    parts = []
    for token in _TOKEN.findall(query):
        if token in ("AND", "OR", "NOT"):
            parts.append(token)
            continue
        column, _, value = token.partition(":") if not token.startswith('"') else ("", "", token)
        if not value or column not in FTS_COLUMNS:
            column, value = "text", token
        prefix = value.endswith("*")
        words = re.sub(r"~\d*$", "", value.strip('"*'))
        parts.append(f'{column} : "{words}"' + (" *" if prefix else ""))
    return " ".join(parts)
