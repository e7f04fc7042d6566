"""The real `briefer` in a real terminal (tmux): search, open, copy over OSC 52, help, quit.

Skipped when tmux is not installed, unless BRIEFER_REQUIRE_TMUX=1 (CI sets it).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BRIEFER = Path(sys.executable).parent / "briefer"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """A private tmux server (own socket) with a 100x30 window and OSC 52 clipboard on."""
    if shutil.which("tmux") is None:
        if os.environ.get("BRIEFER_REQUIRE_TMUX") == "1":
            pytest.fail("tmux is required (BRIEFER_REQUIRE_TMUX=1) but not installed")
        pytest.skip("tmux is not installed")
    socket = f"briefer-e2e-{os.getpid()}-{tmp_path.name}"

    def run(*args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=20
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    env = {
        "BRIEFER_CONFIG_DIR": str(tmp_path / "config"),
        "BRIEFER_CACHE_DIR": str(tmp_path / "cache"),
    }
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    status = tmp_path / "status"
    command = (
        f"cd {shlex.quote(str(REPO))} && {exports} {shlex.quote(str(BRIEFER))}; echo $? > {status}"
    )
    run(
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-x",
        "100",
        "-y",
        "30",
        "-s",
        "e2e",
        "sh",
        "-c",
        command,
    )
    run("set-option", "-g", "set-clipboard", "on")
    run("set-option", "-g", "escape-time", "10")
    try:
        yield run
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, timeout=20)


def screen(tmux: Callable[..., str]) -> str:
    return tmux("capture-pane", "-p", "-t", "e2e")


def wait_for(tmux: Callable[..., str], check: Callable[[str], bool], what: str) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        text = screen(tmux)
        if check(text):
            return text
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; screen:\n{screen(tmux)}")


def ready(text: str) -> bool:
    """The briefing is read and indexed: counts in the header, nothing busy in the status line."""
    lines = text.splitlines()
    if len(lines) < 2:
        return False
    header, status = lines[0], lines[1]
    return " quotes · " in header and "indexing" not in status and "reading" not in status


def test_search_open_and_copy_reach_the_tmux_clipboard(tmux: Callable[..., str]) -> None:
    wait_for(tmux, ready, "the briefing to load")
    tmux("send-keys", "-t", "e2e", "/")
    tmux("send-keys", "-t", "e2e", "-l", "marriage")
    wait_for(tmux, lambda text: " hit" in text and "marriage of" in text, "search hits")
    tmux("send-keys", "-t", "e2e", "Enter")
    time.sleep(0.5)
    tmux("send-keys", "-t", "e2e", "y")
    wait_for(tmux, lambda text: "Copied quote by" in text, "the copy notification")
    buffer = tmux("show-buffer")
    assert "marriage of convenience" in buffer
    assert "Doug London" in buffer


def test_help_lists_the_keys_and_q_exits_cleanly(tmux: Callable[..., str], tmp_path: Path) -> None:
    wait_for(tmux, ready, "the briefing to load")
    tmux("send-keys", "-t", "e2e", "?")
    text = wait_for(tmux, lambda text: "Everywhere" in text, "the help screen")
    for description in ("Show this help", "Command palette", "Quit"):
        assert description in text
    tmux("send-keys", "-t", "e2e", "q")
    status = tmp_path / "status"
    deadline = time.monotonic() + 20
    while not status.exists() or not status.read_text().strip():
        assert time.monotonic() < deadline, "briefer did not exit"
        time.sleep(0.1)
    assert status.read_text().strip() == "0"
