"""Fixtures shared by the suite: where the sample and the shared data are, and
a way to run the real `briefer` command."""

from __future__ import annotations

import importlib.util
import os
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from tmux_terminal import Tmux, private_tmux

from briefer.ingest.clean import CONTROL
from briefer.model import Document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "seeds" / "000_cf13c56e70b3d794.txt"

RunBriefer = Callable[..., subprocess.CompletedProcess]


@pytest.fixture
def cache_folder(tmp_path: Path) -> Path:
    """The test's own cache folder (BRIEFER_CACHE_DIR); briefer makes it when it writes."""
    return tmp_path / "briefer-cache"


@pytest.fixture
def config_folder(tmp_path: Path) -> Path:
    """The test's own settings folder (BRIEFER_CONFIG_DIR); not there until written."""
    return tmp_path / "briefer-config"


@pytest.fixture(autouse=True)
def private_cache_and_config(
    cache_folder: Path, config_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test, and every briefer it starts, keeps its cache and settings in its own
    folder, never the user's; a test that sets the variables itself overrides these."""
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(cache_folder))
    monkeypatch.setenv("BRIEFER_CONFIG_DIR", str(config_folder))


@pytest.fixture
def unwritable_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """BRIEFER_CACHE_DIR set below a plain file, where no cache folder can be made."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be\n", encoding="utf-8")
    folder = blocker / "cache"
    monkeypatch.setenv("BRIEFER_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def seed() -> Path:
    """The sample briefing shipped in `seeds/`."""
    return SEED


@pytest.fixture
def polnear_text() -> Path:
    """The PolNeAR training articles, read in place; skips when ../shared is absent."""
    folder = SHARED / "data" / "polnear-train" / "text"
    if not folder.is_dir():
        pytest.skip("../shared/data/polnear-train is not here")
    return folder


@pytest.fixture
def run_briefer(tmp_path: Path) -> RunBriefer:
    """Run `python -m briefer ARGS...` in a fresh process, as a user's script would.

    Cache and configuration go to folders of the test's own (through the XDG
    variables platformdirs reads), so runs never share state with the user's.
    Keyword arguments: `env` (extra variables), `cwd`, `timeout`.
    """

    def run(
        *args: str,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        timeout: float = 120,
    ) -> subprocess.CompletedProcess:
        full_env = {
            **os.environ,
            "XDG_CACHE_HOME": str(tmp_path / ".cache"),
            "XDG_CONFIG_HOME": str(tmp_path / ".config"),
            **(env or {}),
        }
        return subprocess.run(
            [sys.executable, "-m", "briefer", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=full_env,
            cwd=cwd or REPO,
            timeout=timeout,
        )

    return run


def _import_by_path(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def import_by_path() -> Callable[[Path], ModuleType]:
    """Import a script by its path: the scorers in ../shared/tools are not a package."""
    return _import_by_path


def _check_maps_to_source(document: Document, source: str) -> None:
    """Each paragraph's cleaned text sits at its offsets in the decoded source.

    Word for word: the source at each word's mapped span, once control
    characters are removed, is that word; and every character maps to the
    same character, at increasing offsets. The joining spaces that stand for a
    line break are the only characters with no twin in the source.
    """
    for paragraph in document.paragraphs:
        text = paragraph.text
        assert source[paragraph.start : paragraph.end].strip(), paragraph
        previous = -1
        for i, char in enumerate(text):
            at = paragraph.source_offset(i)
            assert at > previous, (paragraph.index, i, text)
            previous = at
            if not char.isspace():
                assert source[at] == char, (paragraph.index, i, char, source[at])
        for word in re.finditer(r"\S+", text):
            start, end = paragraph.source_span(word.start(), word.end())
            assert CONTROL.sub("", source[start:end]) == word.group(), (word.group(), start)
        assert paragraph.source_offset(0) == paragraph.start
        assert paragraph.source_end(len(text)) == paragraph.end


@pytest.fixture
def assert_maps_to_source() -> Callable[[Document, str], None]:
    return _check_maps_to_source


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Processes a test starts; any still running at the end are continued (a test may
    have stopped them) and killed, so none outlives the test."""
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        process.send_signal(signal.SIGCONT)  # does nothing once the process has ended
        process.kill()
        process.wait(timeout=120)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    """A tmux server of the test's own (see tests/tmux_terminal.py), gone after the test.

    Started after `private_cache_and_config` (autouse fixtures come first), so what
    it runs keeps its cache and settings in the test's folders too.
    """
    with private_tmux(f"briefer-e2e-{os.getpid()}-{tmp_path.name}") as run:
        yield run
