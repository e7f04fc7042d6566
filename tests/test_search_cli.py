"""`briefer search` and `briefer index` as scripts see them: one JSON document, short errors."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from conftest import RunBriefer

ARTICLE = (
    "Farm bill stalls in the Senate\n"
    "“We need a farm bill this year,” Senator Jane Miller said.\n"
    "Negotiators met again on Tuesday without a deal.\n"
)


def test_search_prints_the_contract(run_briefer: RunBriefer, seed: Path) -> None:
    done = run_briefer("search", "Nasrallah", str(seed), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert list(result) == ["query", "suggestion", "total", "hits"]
    assert result["query"] == "Nasrallah" and result["suggestion"] is None
    assert result["total"] == len(result["hits"]) >= 1
    hit = result["hits"][0]
    assert list(hit) == [
        "document",
        "paragraph",
        "section",
        "kind",
        "speaker",
        "text",
        "highlights",
    ]
    assert "Hassan Nasrallah" in hit["text"] and "«Nasrallah»" in hit["highlights"]


def test_search_suggests_a_spelling(run_briefer: RunBriefer, seed: Path) -> None:
    result = json.loads(run_briefer("search", "Hezbolah", str(seed), "--json").stdout)
    assert result["total"] == 0 and result["suggestion"] == "hezbollah"


def test_a_malformed_query_is_one_line_on_stderr(run_briefer: RunBriefer, seed: Path) -> None:
    done = run_briefer("search", "speaker:", str(seed), "--json")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "speaker:" in done.stderr
    assert json.loads(done.stdout)["hits"] == []


def test_search_text_output(run_briefer: RunBriefer, seed: Path) -> None:
    done = run_briefer("search", '"marriage of convenience"', str(seed))
    assert done.returncode == 0
    assert "«marriage of convenience»" in done.stdout and "Doug London" in done.stdout


def test_index_shows_progress_then_reuses_everything(
    run_briefer: RunBriefer, tmp_path: Path
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    past = time.time() - 3600
    for n in range(60):
        path = folder / f"a{n:02}.txt"
        path.write_text(ARTICLE.replace("this year", f"in year {n}"), encoding="utf-8")
        os.utime(path, (past, past))
    first = run_briefer("index", str(folder))
    assert first.returncode == 0, first.stderr
    assert "Analysing" in first.stderr and "Indexing" in first.stderr
    assert "60 files updated" in first.stderr
    again = run_briefer("index", str(folder))
    assert "0 files updated" in again.stderr and "Analysing" not in again.stderr
    found = json.loads(run_briefer("search", "year 42", str(folder), "--json").stdout)
    assert [Path(h["document"]).name for h in found["hits"]] == ["a42.txt", "a42.txt"]


def test_cached_export_matches_the_first(run_briefer: RunBriefer, seed: Path) -> None:
    first = run_briefer("export", str(seed), "--json")
    again = run_briefer("export", str(seed), "--json")
    assert first.returncode == again.returncode == 0
    assert json.loads(first.stdout) == json.loads(again.stdout)
