"""Hostile files: each is read in a cleaned form or skipped with one clear line on
stderr, every other file is still read, nothing crashes, and pathological
inputs finish in linear time. All of them are generated here, never committed.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefer.ingest import find_sources, parse, read_paths, read_source
from briefer.ingest.files import DEFAULT_MAX_BYTES, max_bytes_from_env

# What must never reach a terminal from a document: C0/C1 controls (tab and
# newline aside) and the invisible characters that reorder or hide text.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069\ufeff]")

ESCAPES = (
    "Terminal escapes in a news story\n"
    "The minister\x1b[2J spoke\x1b]0;HACKED TITLE\x07 to reporters"
    "\x1b]52;c;cm0gLXJmIH4=\x07 on Sunday.\n"
    "Read the \x1b]8;;https://evil.example/\x1b\\full statement\x1b]8;;\x1b\\ online, she said.\n"
    "Device control\x1bP1$r0m\x1b\\ strings and C1\x9b2J controls\x9d0;C1 TITLE\x9c vanish.\n"
)
MARKUP = (
    "Markup in a story\n"
    "[bold red]Alarm[/bold red] over the [@click=app.quit]ceasefire[/] talks.\n"
    "See [link=file:///etc/passwd]the file[/link] and an unbalanced [/] tag.\n"
)
BIDI = (
    "Bidi and zero-width tricks\n"
    "The \u202eelif live\u202c story and zero\u200bwidth\u2060 joins\ufeff stay readable.\n"
    "Isolates \u2066hide\u2069 nothing here.\n"
)


def unbalanced_quotes(n: int) -> str:
    rng = random.Random(7)
    marks = ["“", "”", '"', "‘", "’", "'", " said Smith ", " the talks "]
    return "Unbalanced quotes\n" + "".join(rng.choice(marks) for _ in range(n)) + "\n"


def deep_markdown(levels: int) -> str:
    quotes = "> " * levels + "deepest quoted words\n\n"
    items = "".join("  " * i + f"- item at level {i}\n" for i in range(levels))
    return "# Deep nesting\n\n" + quotes + items + "\nThe end of the note.\n"


GOOD = {
    "good-story.txt": "Talks resume in Cairo\nNegotiators returned on Sunday, officials said.\n",
    "good-note.md": "# A note\n\nHezbollah and Hamas met in Beirut.\n",
}

# name -> (content, "read" or the words of its one line on stderr)
HOSTILE: dict[str, tuple[bytes, str]] = {
    "escapes.txt": (ESCAPES.encode(), "read"),
    "escapes.md": (
        b"# Title\x1b]0;x\x07 here\n\nPara with `code\x1b[31m` and [link\x1b[2J](http://x).\n",
        "read",
    ),
    "markup.txt": (MARKUP.encode(), "read"),
    "bidi.txt": (BIDI.encode(), "read"),
    "nul.txt": (b"NUL bytes\nThe talks\x00 resumed\x00 on Sunday.\n", "read"),
    "invalid-utf8.txt": (
        b"Broken bytes\nThe caf\xc3\xa9 owner said \x93no comment\x94 and \xc3\x28 left.\n",
        "warning: ",
    ),
    "utf16-bom.txt": (codecs.BOM_UTF16_LE + "UTF-16 “with” BOM\n".encode("utf-16-le"), "read"),
    "utf16-nobom.txt": ("UTF-16 “without” BOM\n".encode("utf-16-le"), "byte-order mark"),
    "deep.md": (deep_markdown(500).encode(), "read"),
    "quotes.txt": (unbalanced_quotes(5000).encode(), "read"),
    "binary.txt": (random.Random(1).randbytes(4096), "binary data"),
    "binary.md": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary data"),
    "empty.txt": (b"", "no text to read"),
    "blank.txt": (b"  \n\t\n\r\n   \n", "no text to read"),
    "only-escapes.txt": (b"\x1b[2J\n\x1b]0;t\x07\n", "looks like binary data"),
    "photo.png": (b"\x89PNG\r\n", "not a .txt, .md or .markdown file"),
    "\x1b]0;pwned\x07name.txt": (b"A file name with an escape\nIt is read.\n", "read"),
    os.fsdecode(b"latin\xe9-name.txt"): (b"A file name that is not UTF-8\nIt is read.\n", "read"),
}


def walk_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk_strings(item)


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for name, text in GOOD.items():
        (root / name).write_text(text, encoding="utf-8")
    for name, (data, _) in HOSTILE.items():
        (root / name).write_bytes(data)
    os.mkfifo(root / "fifo.txt")
    (root / "dangling.txt").symlink_to(root / "deleted-long-ago.txt")
    (root / "sub").mkdir()
    (root / "sub" / "loop").symlink_to(root)
    (root / "sub" / "inner.txt").write_text("Inner file\nRead once.\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def exported(hostile_folder: Path) -> tuple[dict, list[str]]:
    """`briefer export --json` on the hostile folder, run once for the module."""
    env = {**os.environ, "XDG_CACHE_HOME": str(hostile_folder.parent / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "briefer", "export", str(hostile_folder), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout), result.stderr.splitlines()


def document_named(export: dict, name: str) -> dict:
    found = [d for d in export["documents"] if Path(d["path"]).name == name]
    assert len(found) == 1, (name, [d["path"] for d in export["documents"]])
    return found[0]


def test_every_other_file_is_still_read(exported) -> None:
    export, _ = exported
    for name, text in GOOD.items():
        document = document_named(export, name)
        assert document["paragraphs"][-1]["text"] == text.strip().splitlines()[-1]
    assert document_named(export, "inner.txt")["paragraphs"]


def test_each_bad_file_is_read_cleaned_or_skipped_with_one_line(
    hostile_folder: Path, exported
) -> None:
    export, stderr = exported
    shown = {Path(d["path"]).name for d in export["documents"]}
    for name, (_, outcome) in HOSTILE.items():
        safe = UNSAFE.sub("?", os.fsencode(name).decode("utf-8", "replace"))
        lines = [line for line in stderr if f"{hostile_folder / safe}: " in line]
        if outcome == "read":
            assert safe in shown, name
            assert lines == [], lines
        elif outcome in ("warning: ", "byte-order mark"):  # read, with a caveat
            assert safe in shown, name
            assert (
                len(lines) == 1
                and lines[0].startswith("briefer: warning: ")
                and outcome in lines[0]
            )
        else:
            assert safe not in shown, name
            assert len(lines) == 1 and lines[0].startswith("briefer: skipped: "), (name, stderr)
            assert outcome in lines[0], lines[0]


def test_special_files_are_skipped_without_hanging(hostile_folder: Path, exported) -> None:
    _, stderr = exported
    assert f"briefer: skipped: {hostile_folder / 'fifo.txt'}: not a regular file" in "\n".join(
        stderr
    )
    assert f"briefer: skipped: {hostile_folder / 'dangling.txt'}: No such file or directory" in (
        stderr
    )
    assert f"briefer: skipped: {hostile_folder / 'sub' / 'loop'}: symlink loop, not followed" in (
        stderr
    )


def test_stderr_has_one_clean_line_per_problem(exported) -> None:
    _, stderr = exported
    expected = sum(1 for _, outcome in HOSTILE.values() if outcome != "read") + 3
    assert len(stderr) == expected, stderr
    for line in stderr:
        assert line.startswith(("briefer: skipped: ", "briefer: warning: ")), line
        assert not UNSAFE.search(line), line


def test_nothing_in_the_output_can_drive_a_terminal(exported) -> None:
    export, _ = exported
    for text in walk_strings(export):
        assert not UNSAFE.search(text), text
    dump = json.dumps(export, ensure_ascii=False)
    for payload in ("HACKED TITLE", "cm0gLXJmIH4=", "evil.example", "C1 TITLE"):
        assert payload not in dump


def test_escape_sequences_are_cut_and_the_words_kept(exported) -> None:
    document = document_named(exported[0], "escapes.txt")
    assert [p["text"] for p in document["paragraphs"]][1:] == [
        "The minister spoke to reporters on Sunday.",
        "Read the full statement online, she said.",
        "Device control strings and C1 controls vanish.",
    ]
    markdown = document_named(exported[0], "escapes.md")
    assert markdown["title"] == "Title here"
    assert [p["text"] for p in markdown["paragraphs"]] == ["Para with code and link."]


def test_markup_is_kept_as_literal_text(exported) -> None:
    document = document_named(exported[0], "markup.txt")
    assert [p["text"] for p in document["paragraphs"]][1:] == MARKUP.splitlines()[1:]


def test_bidi_overrides_and_zero_width_characters_are_removed(exported) -> None:
    document = document_named(exported[0], "bidi.txt")
    assert [p["text"] for p in document["paragraphs"]][1:] == [
        "The elif live story and zerowidth joins stay readable.",
        "Isolates hide nothing here.",
    ]


def test_nul_bytes_and_invalid_utf8_are_read_in_a_cleaned_form(exported) -> None:
    assert document_named(exported[0], "nul.txt")["paragraphs"][1]["text"] == (
        "The talks resumed on Sunday."
    )
    assert document_named(exported[0], "invalid-utf8.txt")["paragraphs"][1]["text"] == (
        "The café owner said “no comment” and Ã( left."
    )


def test_utf16_with_and_without_bom(exported) -> None:
    assert document_named(exported[0], "utf16-bom.txt")["title"] == "UTF-16 “with” BOM"
    assert document_named(exported[0], "utf16-nobom.txt")["title"] == "UTF-16 “without” BOM"


def test_deep_markdown_loses_no_words(exported) -> None:
    texts = [p["text"] for p in document_named(exported[0], "deep.md")["paragraphs"]]
    assert texts[0] == "deepest quoted words"
    assert texts[1:501] == [f"item at level {i}" for i in range(500)]
    assert texts[-1] == "The end of the note."


def test_file_names_are_shown_without_their_controls(exported) -> None:
    export, _ = exported
    names = {Path(d["path"]).name for d in export["documents"]}
    assert "?]0;pwned?name.txt" in names
    assert "latin\ufffd-name.txt" in names


def test_a_file_deleted_between_listing_and_reading(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"Story {name}\nText.\n", encoding="utf-8")
    sources, _ = find_sources([tmp_path])
    (tmp_path / "b.txt").unlink()
    results = [read_source(source, DEFAULT_MAX_BYTES) for source in sources]
    assert [d is not None for d, _ in results] == [True, False, True]
    assert str(results[1][1][0]) == f"skipped: {tmp_path / 'b.txt'}: No such file or directory"


def test_a_reader_failing_on_one_file_costs_only_that_file(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.md").write_text("# A\n\nFine.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("B\nUnlucky.\n", encoding="utf-8")

    def broken(path: str, text: str):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("briefer.ingest.read_plaintext", broken)
    ingested = read_paths([tmp_path])
    assert [Path(d.path).name for d in ingested.documents] == ["a.md"]
    assert [n.message for n in ingested.notices] == [
        "could not be read (RecursionError: maximum recursion depth exceeded)"
    ]


def test_the_size_cap_skips_a_big_file_with_a_clear_message(run_briefer, tmp_path: Path) -> None:
    (tmp_path / "small.txt").write_text("Small\nIt is read.\n", encoding="utf-8")
    (tmp_path / "big.txt").write_text("Big\n" + "word " * 300_000, encoding="utf-8")
    result = run_briefer("export", str(tmp_path), "--json", env={"BRIEFER_MAX_FILE_MB": "1"})
    assert result.returncode == 0, result.stderr
    assert [Path(d["path"]).name for d in json.loads(result.stdout)["documents"]] == ["small.txt"]
    assert result.stderr == (
        f"briefer: skipped: {tmp_path / 'big.txt'}: 1.4 MB is over the 1 MB limit "
        "(set BRIEFER_MAX_FILE_MB to raise it)\n"
    )


def test_the_size_cap_defaults_to_20_mb(monkeypatch) -> None:
    monkeypatch.delenv("BRIEFER_MAX_FILE_MB", raising=False)
    assert max_bytes_from_env() == DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    monkeypatch.setenv("BRIEFER_MAX_FILE_MB", "0.5")
    assert max_bytes_from_env() == 512 * 1024


def sentence(rng: random.Random, words: int) -> str:
    vocabulary = "the talks resumed on Sunday in Cairo as officials said negotiators were close"
    return " ".join(rng.choice(vocabulary.split()) for _ in range(words)).capitalize() + "."


def timed_export(run_briefer, path: Path) -> tuple[dict, float]:
    began = time.monotonic()
    result = run_briefer("export", str(path), "--json", timeout=300)
    elapsed = time.monotonic() - began
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout), elapsed


def test_a_1_mb_single_line_is_read_within_10_s(run_briefer, tmp_path: Path) -> None:
    rng = random.Random(3)
    line = " ".join(sentence(rng, 12) for _ in range(12_000))[:1_000_000]
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="utf-8")
    export, elapsed = timed_export(run_briefer, path)
    assert export["documents"][0]["paragraphs"][0]["text"] == line.strip()
    assert elapsed < 10, f"{elapsed:.1f} s"


def test_a_100000_line_file_is_read_within_30_s(run_briefer, tmp_path: Path) -> None:
    rng = random.Random(4)
    path = tmp_path / "many-lines.txt"
    path.write_text("\n".join(sentence(rng, 4) for _ in range(100_000)) + "\n", encoding="utf-8")
    export, elapsed = timed_export(run_briefer, path)
    assert len(export["documents"][0]["paragraphs"]) == 100_000
    assert elapsed < 30, f"{elapsed:.1f} s"


def test_thousands_of_unbalanced_quote_marks_finish_within_10_s(run_briefer, tmp_path) -> None:
    path = tmp_path / "quotes.txt"
    path.write_text(unbalanced_quotes(20_000), encoding="utf-8")
    _, elapsed = timed_export(run_briefer, path)
    assert elapsed < 10, f"{elapsed:.1f} s"


def test_pathological_markdown_finishes_within_10_s(run_briefer, tmp_path: Path) -> None:
    path = tmp_path / "inline.md"
    path.write_text(
        "# Inline\n\n" + "*a_ [b](c " * 20_000 + "\n\n" + deep_markdown(1000), encoding="utf-8"
    )
    export, elapsed = timed_export(run_briefer, path)
    assert export["documents"][0]["paragraphs"][-1]["text"] == "The end of the note."
    assert elapsed < 10, f"{elapsed:.1f} s"


def test_escape_floods_are_cleaned_in_linear_time() -> None:
    """Unterminated string sequences must not make the cleaner rescan the line."""
    for flood in ("\x1b]", "\x9d", "\x1bP", "\x1b]8;;"):
        line = ("word " * 3 + flood) * 40_000
        began = time.monotonic()
        document, _ = parse("flood.txt", "text", f"Flood\n\n{line}\n".encode())
        assert time.monotonic() - began < 5
        assert document.paragraphs[1].text.count("word") == 120_000
