"""The command line as scripts use it: one JSON document on stdout matching the
contract in DESIGN.md, diagnostics on stderr one line each, exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefer.cli import main

KINDS = {"person", "organization", "place", "group", "other"}


def check_contract(export: dict, sources: dict[str, str]) -> None:
    """`export` has exactly the shape of DESIGN.md; offsets index the decoded sources."""
    assert set(export) == {"documents", "quotes", "actors"}
    for document in export["documents"]:
        assert set(document) == {"path", "title", "sections", "paragraphs"}
        source = sources[document["path"]]
        assert isinstance(document["title"], str) and document["title"]
        paragraphs = document["paragraphs"]
        for n, paragraph in enumerate(paragraphs):
            assert set(paragraph) == {"index", "section", "text", "start", "end"}
            assert paragraph["index"] == n
            assert 0 <= paragraph["start"] < paragraph["end"] <= len(source)
            assert paragraph["text"].split()[0] in source[paragraph["start"] : paragraph["end"]]
        listed = []
        for k, section in enumerate(document["sections"]):
            assert set(section) == {"title", "paragraphs"}
            assert section["title"] is None or isinstance(section["title"], str)
            for index in section["paragraphs"]:
                assert paragraphs[index]["section"] == k
            listed += section["paragraphs"]
        assert listed == list(range(len(paragraphs)))
    for quote in export["quotes"]:
        assert set(quote) == {
            "document",
            "paragraph",
            "section",
            "text",
            "start",
            "end",
            "speaker",
            "speaker_start",
            "speaker_end",
        }
        source = sources[quote["document"]]
        assert quote["text"] in source[quote["start"] : quote["end"]]
        if quote["speaker_start"] is not None:
            assert 0 <= quote["speaker_start"] < quote["speaker_end"] <= len(source)
    for actor in export["actors"]:
        assert set(actor) == {"name", "kind", "aliases", "roles", "mentions"}
        assert actor["kind"] in KINDS
        for mention in actor["mentions"]:
            assert set(mention) == {"document", "start", "end", "text"}
            source = sources[mention["document"]]
            assert source[mention["start"] : mention["end"]] == mention["text"]


def test_export_json_is_one_document_matching_the_contract(run_briefer, seed) -> None:
    shown = "seeds/000_cf13c56e70b3d794.txt"
    result = run_briefer("export", shown, "--json")
    assert result.returncode == 0, result.stderr
    export = json.loads(result.stdout)  # one JSON document and nothing else
    check_contract(export, {shown: seed.read_text(encoding="utf-8")})
    document = export["documents"][0]
    assert document["path"] == shown
    assert [s["title"] for s in document["sections"]] == [None, "Detachment", "Tension"]
    assert len(document["paragraphs"]) == 28
    first = document["paragraphs"][0]
    assert seed.read_text(encoding="utf-8")[first["start"] : first["end"]] == first["text"]


def test_export_of_a_folder_of_mixed_files(run_briefer, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("“Quote,” she said.\r\nSecond line.\r\n".encode("utf-16"))
    (tmp_path / "b.md").write_text("# B\n\nA *note*.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\x93Old\x94 file, said Mr. Smith.\n")
    result = run_briefer("export", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    export = json.loads(result.stdout)
    sources = {
        str(tmp_path / "a.txt"): "“Quote,” she said.\nSecond line.\n",
        str(tmp_path / "b.md"): "# B\n\nA *note*.\n",
        str(tmp_path / "c.txt"): "“Old” file, said Mr. Smith.\n",
    }
    check_contract(export, sources)
    assert [d["path"] for d in export["documents"]] == list(sources)
    assert result.stderr.count("\n") == 1 and "c.txt" in result.stderr


def test_python_dash_m_briefer_works(run_briefer, seed) -> None:
    result = run_briefer("export", str(seed), "--json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["documents"]) == 1


def test_no_path_exports_the_bundled_sample(run_briefer, tmp_path: Path) -> None:
    result = run_briefer("export", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    titles = [d["title"] for d in json.loads(result.stdout)["documents"]]
    assert titles and titles[0].startswith("Leaders from Hamas and Hezbollah")


def test_a_missing_path_exits_2_with_one_line_on_stderr(run_briefer, tmp_path: Path) -> None:
    result = run_briefer("export", str(tmp_path / "nowhere.txt"), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "nowhere.txt" in result.stderr and "no such file or folder" in result.stderr


def test_a_named_file_that_cannot_be_read_exits_non_zero(run_briefer, tmp_path: Path) -> None:
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 16)
    result = run_briefer("export", str(blob), "--json")
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "blob.txt" in result.stderr


def folder_with_one_bad_file(root: Path) -> Path:
    for name in ("a.txt", "b.txt", "c.txt"):
        (root / name).write_text(f"Story {name}\nThe talks resumed on Sunday.\n", encoding="utf-8")
    return root / "b.txt"


def test_an_unreadable_file_in_a_folder_is_skipped_and_the_rest_read(
    monkeypatch, tmp_path: Path
) -> None:
    """Simulated, so it holds when the tests run as root (who may read anything)."""
    bad = folder_with_one_bad_file(tmp_path)
    real_open = os.open

    def guarded_open(path, flags, *args, **kwargs):
        if Path(path) == bad:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr("briefer.ingest.files.os.open", guarded_open)
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    assert [Path(d["path"]).name for d in json.loads(result.stdout)["documents"]] == [
        "a.txt",
        "c.txt",
    ]
    assert result.stderr == f"briefer: skipped: {bad}: Permission denied\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without read permission")
def test_a_file_without_read_permission_is_skipped(run_briefer, tmp_path: Path) -> None:
    bad = folder_with_one_bad_file(tmp_path)
    bad.chmod(0)
    result = run_briefer("export", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["documents"]) == 2
    assert result.stderr == f"briefer: skipped: {bad}: Permission denied\n"


def test_quotes_and_actors_commands_print_the_export_arrays(run_briefer, seed) -> None:
    export = json.loads(run_briefer("export", str(seed), "--json").stdout)
    quotes = json.loads(run_briefer("quotes", str(seed), "--json").stdout)
    actors = json.loads(run_briefer("actors", str(seed), "--json").stdout)
    assert quotes == export["quotes"]
    assert actors == export["actors"]
