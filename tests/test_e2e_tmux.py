"""The real `briefer` in a real terminal (tmux): search, open, copy over OSC 52, help, quit.

Skipped when tmux is not installed, unless BRIEFER_REQUIRE_TMUX=1 (CI sets it).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tmux_terminal import Tmux, briefer_command, exit_status, ready, wait_for, window

WIDE = (160, 50)
PANE_TITLES = ("╭─ 1 Sections", "╭─ 2 Actors", "╭─ 3 Quotes", "╭─ 4 Reader")


def open_app(tmux: Tmux, status: Path, size: tuple[int, int]) -> str:
    """briefer on its sample, in a window of `size`, read and indexed; the window's name."""
    window(tmux, "e2e", briefer_command(status), size)
    wait_for(tmux, "e2e", ready, "the briefing to load")
    return "e2e"


@pytest.fixture
def app(tmux: Tmux, tmp_path: Path) -> str:
    """At 100x30, a common SSH window: the reader beside one list."""
    return open_app(tmux, tmp_path / "status", (100, 30))


def test_the_app_fills_the_window_it_was_given(tmux: Tmux, tmp_path: Path) -> None:
    """At 160x50 every pane shows side by side and the footer is on row 50."""
    name = open_app(tmux, tmp_path / "status", WIDE)
    text = wait_for(tmux, name, lambda t: all(p in t for p in PANE_TITLES), "all four panes")
    lines = text.splitlines()
    assert len(lines) == WIDE[1] and lines[-1].lstrip().startswith("/ Search"), text
    assert max(len(line.rstrip()) for line in lines) == WIDE[0], text


def test_search_open_and_copy_reach_the_tmux_clipboard(tmux: Tmux, app: str) -> None:
    tmux("send-keys", "-t", app, "-l", "/marriage")  # in one burst, as a fast typist sends it
    wait_for(tmux, app, lambda text: " hit" in text and "marriage of" in text, "search hits")
    tmux("send-keys", "-t", app, "Enter")
    time.sleep(0.5)
    tmux("send-keys", "-t", app, "y")
    wait_for(tmux, app, lambda text: "Copied quote by" in text, "the copy notification")
    buffer = tmux("show-buffer")
    assert "marriage of convenience" in buffer
    assert "Doug London" in buffer


def test_help_lists_the_keys_and_q_exits_cleanly(tmux: Tmux, app: str, tmp_path: Path) -> None:
    tmux("send-keys", "-t", app, "?")
    text = wait_for(tmux, app, lambda text: "Everywhere" in text, "the help screen")
    for description in ("Show this help", "Command palette", "Quit"):
        assert description in text
    tmux("send-keys", "-t", app, "q")
    assert exit_status(tmp_path / "status") == "0"
