"""Hostile documents in a real terminal (tmux): nothing they hold reaches the terminal.

A folder of generated files that try to clear the screen, retitle the window,
write the clipboard over OSC 52, hyperlink, smuggle a DCS or a C1 control,
reorder text, and drive the app through markup, is opened in the real
`briefer`. tmux is the terminal: its pane title, window name, paste buffers
and screen show what the escapes did, and `pipe-pane` records every byte the
app wrote. A control run first `cat`s the same file in a shell, to show each
attack works when it does reach tmux.

Skipped when tmux is not installed, unless BRIEFER_REQUIRE_TMUX=1 (CI sets it).
"""

from __future__ import annotations

import base64
import random
import re
import shlex
import time
from pathlib import Path

import pytest
from tmux_terminal import Tmux, briefer_command, exit_status, ready, screen, wait_for, window

PAYLOAD = "HOSTILE-CLIPBOARD-PAYLOAD"
ENCODED = base64.b64encode(PAYLOAD.encode()).decode()
TITLE = "HACKED-TITLE"
BEFORE = "SHELL-LINE-BEFORE-BRIEFER"
CLICK = "[@click=app.quit]x[/]"
LINK = "[link=file:///etc/passwd]x[/link]"

ESCAPES = (
    f"Escapes \x1b]0;{TITLE}\x07 in the headline\n"
    f"The minister\x1b[2J\x1b[3J\x1b[H spoke\x1b]2;{TITLE}-2\x07 to reporters"
    f"\x1b]52;c;{ENCODED}\x07 on Sunday.\n"
    "Read the \x1b]8;;https://evil.example/\x1b\\full statement\x1b]8;;\x1b\\ online.\n"
    f"Device control\x1bPtmux;\x1b\x1b]52;c;{ENCODED}\x07\x1b\\ strings and C1\x9b2J"
    f" controls\x9d0;{TITLE}-C1\x9c vanish.\n"
    "Leaving\x1b[?1049l the screen\x1bkWINDOW-NAME\x1b\\ and \u202eelif live\u202c bidi.\n"
    f"“{CLICK} is markup,” Mallory Quinn said, “and so is {LINK}.”\n"
)
MARKUP = f"# [bold red]Alarm[/bold red]\n\nSee {CLICK} and {LINK}.\n\nA [/] tag.\n"
FILES: dict[str, bytes] = {
    "escapes.txt": ESCAPES.encode(),
    "markup.md": MARKUP.encode(),
    "title\x1b]0;FILE-NAME-TITLE\x07.txt": b"A file name with an escape\nIt is read.\n",
    "binary.txt": random.Random(1).randbytes(4096),
    "invalid-utf8.txt": b"Broken bytes\nThe caf\xc3\xa9 owner said \x93no\x94, \x9b2J, \xc3\x28.\n",
    "good.txt": b"Talks resume in Cairo\nNegotiators returned on Sunday, officials said.\n",
}

# What the app may write itself: SGR, cursor moves, modes, and Textual's OSC 22
# (pointer shape). Anything else came from a document.
TEXTUAL_OSC = re.compile(rb"\x1b\]22;[a-z-]*\x07")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    for name, data in FILES.items():
        (folder / name).write_bytes(data)
    return folder


def pane(tmux: Tmux, target: str) -> tuple[str, str]:
    return tuple(tmux("display-message", "-p", "-t", target, "#{pane_title}\t#{window_name}")
                 .rstrip("\n").split("\t"))  # fmt: skip


def click(tmux: Tmux, target: str, row: int, column: int) -> None:
    """A left click at a cell, as an xterm mouse report (SGR encoding) typed into the pane."""
    at = f"{column + 1};{row + 1}"
    tmux("send-keys", "-t", target, "-l", f"\x1b[<0;{at}M\x1b[<0;{at}m")


def buffers(tmux: Tmux) -> str:
    return tmux("list-buffers", "-F", "#{buffer_sample}")


def test_the_attacks_work_when_they_reach_the_terminal(tmux: Tmux, hostile: Path) -> None:
    """The control: `cat` in a shell lets every escape through to tmux."""
    window(tmux, "control", f"cat {shlex.quote(str(hostile / 'escapes.txt'))}; sleep 60", (100, 30))
    deadline = time.monotonic() + 20
    while PAYLOAD not in buffers(tmux):
        assert time.monotonic() < deadline, "OSC 52 from cat never reached tmux"
        time.sleep(0.1)
    title, name = pane(tmux, "control")
    assert title.startswith(TITLE) and name == "WINDOW-NAME"
    assert "The minister" not in screen(tmux, "control"), "ESC[2J did not clear the screen"


def test_nothing_a_document_holds_reaches_the_terminal(
    tmux: Tmux, hostile: Path, tmp_path: Path
) -> None:
    status, raw = tmp_path / "status", tmp_path / "raw"
    command = f"printf '%s\\n' {BEFORE}; read go; {briefer_command(status, str(hostile))}; sleep 60"
    window(tmux, "app", command, (160, 50))
    wait_for(tmux, "app", lambda text: BEFORE in text, "the shell")
    tmux("pipe-pane", "-o", "-t", "app", f"cat > {shlex.quote(str(raw))}")
    before = pane(tmux, "app")
    tmux("send-keys", "-t", "app", "Enter")

    text = wait_for(tmux, "app", ready, "the briefing to load")
    notice = wait_for(tmux, "app", lambda t: "Files: " in t, "the skipped-files notice")
    assert "Files: 1 skipped, 1 read with warnings" in notice, notice
    lines = text.splitlines()
    assert lines[0].lstrip().startswith("◆") and "hostile — " in lines[0], "header lost"
    assert "╭─ 1 Sections" in text and "╭─ 4 Reader" in text and "╭─ 3 Quotes" in text
    assert lines[-1].lstrip().startswith("/ Search"), "footer lost"

    # Clicks, sent as the terminal sends them: one on the search bar shows they reach
    # the app; those on the document's "clickable" markup do nothing.
    click(tmux, "app", 1, 10)
    wait_for(tmux, "app", lambda t: "q Quit" not in t.splitlines()[-1], "the click to focus")
    tmux("send-keys", "-t", "app", "Escape")
    wait_for(tmux, "app", lambda t: "q Quit" in t.splitlines()[-1], "the search bar to let go")
    row = next(n for n, line in enumerate(lines) if CLICK in line and "Quinn said" in line)
    click(tmux, "app", row, lines[row].index(CLICK) + CLICK.index("x"))
    link = next(n for n, line in enumerate(lines) if LINK in line)
    click(tmux, "app", link, lines[link].index(LINK) + LINK.index("x"))
    time.sleep(1)
    assert not status.exists(), "a click on document text quit the app"

    # Every document in the reader, one after the other, from the Sections pane.
    tmux("send-keys", "-t", "app", "1")
    shown = ""
    for _ in range(8):
        tmux("send-keys", "-t", "app", "Enter")
        time.sleep(0.3)
        shown += screen(tmux, "app")
        tmux("send-keys", "-t", "app", "1", "j")
    assert "The minister spoke to reporters" in shown
    assert f"“{CLICK} is markup,”" in shown
    assert f"See {CLICK} and {LINK}." in shown and "A [/] tag." in shown
    assert "[bold red]Alarm[/bold red]" in shown
    assert "A file name with an escape" in shown

    # A search: hits and highlights are drawn from the same text.
    tmux("send-keys", "-t", "app", "/")
    wait_for(tmux, "app", lambda t: "q Quit" not in t.splitlines()[-1], "the search bar")
    tmux("send-keys", "-t", "app", "-l", "minister")
    wait_for(tmux, "app", lambda t: "1 hit" in t, "the search hit")
    tmux("send-keys", "-t", "app", "Escape")
    wait_for(tmux, "app", lambda t: "/ search: words" in t, "the search to clear")

    # The app still answers: help lists the skipped file, and q quits cleanly.
    tmux("send-keys", "-t", "app", "?")
    wait_for(tmux, "app", lambda t: "Everywhere" in t, "the help screen")

    def scrolled_to_files(text: str) -> bool:
        tmux("send-keys", "-t", "app", "j")
        return "looks like binary data" in text

    wait_for(tmux, "app", scrolled_to_files, "the skipped file in the help")
    assert pane(tmux, "app") == before, "the pane title or window name changed"
    tmux("send-keys", "-t", "app", "q")
    assert exit_status(status) == "0"
    after = wait_for(tmux, "app", lambda t: BEFORE in t, "the shell screen to come back")
    assert "The minister" not in after

    assert pane(tmux, "app") == before, "the pane title or window name changed"
    assert PAYLOAD not in buffers(tmux), "a document wrote the clipboard"
    tmux("pipe-pane", "-t", "app")
    written = raw.read_bytes()
    assert b"\x1b[?1049h" in written, "the recording missed the app's start"
    for needle in (
        ENCODED.encode(),
        TITLE.encode(),
        b"evil.example",
        b"\x1b]0;",
        b"\x1b]2;",
        b"\x1b]8;",
        b"\x1b]52;",
        b"\x1bP",
        b"\x1bk",
        b"\x1b[2J",
        b"\x1b[3J",
        b"\xc2\x9b",
        b"\xc2\x9d",
        "\u202e".encode(),
    ):
        assert needle not in written, needle
    assert not [m for m in re.findall(rb"\x1b\][^\x07]*\x07?", written)
                if not TEXTUAL_OSC.fullmatch(m)]  # fmt: skip
    assert written.count(b"\x1b[?1049l") == 1, "the alternate screen was left early"
