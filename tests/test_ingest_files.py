"""Finding the files of a briefing: folders read recursively, other files and
hidden folders left out, several paths making one briefing, each file once."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefer.ingest import PathError, find_sources, read_paths

STORY = "Talks resume in Cairo\nNegotiators returned to Cairo on Sunday, officials said.\n"


def make_tree(root: Path) -> None:
    (root / "gaza" / "2023").mkdir(parents=True)
    (root / "gaza" / "2023" / "cairo.txt").write_text(STORY, encoding="utf-8")
    (root / "gaza" / "note.md").write_text("# Note\n\nA note on the talks.\n", encoding="utf-8")
    (root / "lebanon.markdown").write_text("Hezbollah fired rockets.\n", encoding="utf-8")
    (root / "LOUD.TXT").write_text("Capital letters in the extension.\n", encoding="utf-8")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    (root / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.txt").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / ".hidden.txt").write_text("Hidden file.\n", encoding="utf-8")
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "x.txt").write_text("Cache.\n", encoding="utf-8")


def test_a_folder_is_read_recursively_in_a_stable_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    sources, _ = find_sources([tmp_path])
    assert [Path(s.path).relative_to(tmp_path).as_posix() for s in sources] == [
        "LOUD.TXT",
        "lebanon.markdown",
        "gaza/note.md",
        "gaza/2023/cairo.txt",
    ]
    assert [s.format for s in sources] == ["text", "markdown", "markdown", "text"]


def test_other_files_are_skipped_with_one_notice_each(tmp_path: Path) -> None:
    make_tree(tmp_path)
    ingested = read_paths([tmp_path])
    skipped = sorted(Path(n.path).name for n in ingested.notices if n.skipped)
    assert skipped == ["data.csv", "photo.jpg"]
    assert all(".txt, .md or .markdown" in n.message for n in ingested.notices)


def test_hidden_and_cache_folders_are_not_read(tmp_path: Path) -> None:
    make_tree(tmp_path)
    ingested = read_paths([tmp_path])
    assert len(ingested.documents) == 4
    shown = [Path(d.path).relative_to(tmp_path).parts for d in ingested.documents]
    shown += [Path(n.path).relative_to(tmp_path).parts for n in ingested.notices]
    assert not [p for p in shown if p[0] in (".git", ".hidden.txt", "__pycache__")]


def test_display_paths_start_with_the_path_given(tmp_path: Path, monkeypatch) -> None:
    make_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    paths = [d.path for d in read_paths(["gaza/"]).documents]
    assert paths == ["gaza/note.md", "gaza/2023/cairo.txt"]


def test_several_paths_make_one_briefing_and_each_file_is_read_once(tmp_path: Path) -> None:
    make_tree(tmp_path)
    cairo = tmp_path / "gaza" / "2023" / "cairo.txt"
    (tmp_path / "link.txt").symlink_to(cairo)
    ingested = read_paths([cairo, tmp_path / "gaza", tmp_path / "lebanon.markdown", cairo])
    names = [Path(d.path).name for d in ingested.documents]
    assert names == ["cairo.txt", "note.md", "lebanon.markdown"]
    whole = read_paths([tmp_path, tmp_path / "gaza"])
    assert len(whole.documents) == 4  # link.txt is cairo.txt again


def test_a_named_file_of_another_type_is_read_as_text(tmp_path: Path) -> None:
    notes = tmp_path / "notes.log"
    notes.write_text(STORY, encoding="utf-8")
    assert read_paths([notes]).documents[0].title == "Talks resume in Cairo"


@pytest.mark.parametrize("name", ["missing", "missing.txt"])
def test_a_missing_path_is_an_error_naming_it(tmp_path: Path, name: str) -> None:
    with pytest.raises(PathError, match=f"{name}: no such file or folder"):
        read_paths([tmp_path / name])
