"""tmux as the terminal of the end-to-end tests: the real `briefer`, its screen, its exit.

Each test gets a tmux server of its own (its own socket, killed and removed
afterwards), so tests running side by side and the user's own tmux never meet.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BRIEFER = Path(sys.executable).parent / "briefer"

Tmux = Callable[..., str]


@contextmanager
def private_tmux(socket: str) -> Iterator[Tmux]:
    """A tmux server that lets programs set titles, names and the clipboard (OSC 52).

    Skips when tmux is not installed, unless BRIEFER_REQUIRE_TMUX=1 (CI sets it).
    """
    if shutil.which("tmux") is None:
        if os.environ.get("BRIEFER_REQUIRE_TMUX") == "1":
            pytest.fail("tmux is required (BRIEFER_REQUIRE_TMUX=1) but not installed")
        pytest.skip("tmux is not installed")
    # The server passes its environment on to the programs it runs: the test's own,
    # with its own cache and config folders. Under pytest the C-level environment
    # also holds COLUMNS=80 and LINES=24 (os.environ does not), which would pin the
    # app to 80x24 whatever the window's size, so they are left out.
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}

    def run(*args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=20, env=env
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("-f", "/dev/null", "start-server", ";", "new-session", "-d", "-s", "idle")
    socket_path = Path(run("display-message", "-p", "#{socket_path}").strip())
    for option, value in (
        ("set-clipboard", "on"),
        ("allow-rename", "on"),
        ("automatic-rename", "off"),
        ("escape-time", "10"),
    ):
        run("set-option", "-g", option, value)
    try:
        yield run
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, timeout=20)
        socket_path.unlink(missing_ok=True)


def briefer_command(status: Path, *args: str) -> str:
    """A shell command that runs `briefer ARGS` from the repository and writes its exit
    status to `status`."""
    line = shlex.join([str(BRIEFER), *args])
    return f"cd {shlex.quote(str(REPO))} && {line}; echo $? > {shlex.quote(str(status))}"


def window(tmux: Tmux, name: str, command: str, size: tuple[int, int]) -> None:
    """A session `name` of `size` (columns, rows) running `command` in `sh`."""
    tmux(
        "new-session", "-d", "-s", name, "-n", name, "-x", str(size[0]), "-y", str(size[1]),
        "sh", "-c", command,
    )  # fmt: skip


def screen(tmux: Tmux, target: str) -> str:
    return tmux("capture-pane", "-p", "-t", target)


def wait_for(tmux: Tmux, target: str, check: Callable[[str], bool], what: str) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        text = screen(tmux, target)
        if check(text):
            return text
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; screen:\n{screen(tmux, target)}")


def ready(text: str) -> bool:
    """The briefing is read and indexed: counts in the header, nothing busy in the status line."""
    lines = text.splitlines()
    if len(lines) < 2:
        return False
    header, status = lines[0], lines[1]
    return " quotes · " in header and "indexing" not in status and "reading" not in status


def exit_status(status: Path) -> str:
    """What `briefer_command` wrote once briefer exited."""
    deadline = time.monotonic() + 20
    while not status.exists() or not status.read_text().strip():
        assert time.monotonic() < deadline, "briefer did not exit"
        time.sleep(0.1)
    return status.read_text().strip()
