"""Launching a program in a real pseudo-terminal and timing its first frame.

"First frame" is the time from spawning the process to the moment a known
string shows in what it writes to the terminal (escape sequences removed),
measured the same way for briefer and for the minimal Textual app it is
compared with. The process's peak resident memory comes from /proc (Linux).
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass

WIDE = (160, 50)
"""Columns and lines wide enough that briefer shows all four panes at once: its heaviest frame."""

_ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=$ ]*[@-~]"  # CSI
    rb"|\x1b[\]P_^X][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC, DCS and friends
    rb"|\x1b[()][0-9A-Za-z]"  # charset selection
    rb"|\x1b[^\[\]P_^X()]"  # any other two-byte escape
)


class LaunchFailed(RuntimeError):
    """The program exited, or never showed what was waited for."""


@dataclass(frozen=True)
class Launch:
    """One run: seconds from launch until each pattern showed, and peak RSS in MB."""

    seen: dict[str, float]
    peak_mb: float


class Terminal:
    """A program running in a pseudo-terminal of `size` (columns, lines)."""

    def __init__(
        self, argv: Sequence[str], env: dict[str, str], size: tuple[int, int] = WIDE
    ) -> None:
        self.start = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: size its terminal, as a user's is, then become the program
            try:
                winsize = struct.pack("HHHH", size[1], size[0], 0, 0)
                fcntl.ioctl(pty.STDIN_FILENO, termios.TIOCSWINSZ, winsize)
                os.execve(argv[0], list(argv), env)
            finally:
                os._exit(127)
        self.screen = ""
        self.pending = b""
        # a character cut between two reads waits for its other bytes
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def watch(self, patterns: dict[str, str], timeout: float) -> dict[str, float]:
        """Seconds since launch when each regular expression first showed in output from now on."""
        wanted = {name: re.compile(pattern) for name, pattern in patterns.items()}
        seen: dict[str, float] = {}
        origin = len(self.screen)
        deadline = time.perf_counter() + timeout
        while True:
            for name, pattern in wanted.items():
                if name not in seen and pattern.search(self.screen, origin):
                    seen[name] = time.perf_counter() - self.start
            if len(seen) == len(wanted):
                return seen
            left = deadline - time.perf_counter()
            if left <= 0:
                missing = sorted(set(wanted) - set(seen))
                raise LaunchFailed(f"{missing} did not show within {timeout:.0f} s")
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.5))
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:  # the program exited (EIO)
                chunk = b""
            if not chunk:
                raise LaunchFailed(f"exited; last output: {self.screen[-300:]!r}")
            self._take(chunk)

    def _take(self, chunk: bytes) -> None:
        """Add output to the text seen, escapes removed; an escape cut at the end waits."""
        data = self.pending + chunk
        cut = data.rfind(b"\x1b")
        if cut >= 0 and len(data) - cut < 64 and not _ESCAPES.match(data, cut):
            data, self.pending = data[:cut], data[cut:]
        else:
            self.pending = b""
        self.screen += self.decoder.decode(_ESCAPES.sub(b"", data))

    def send(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def peak_mb(self) -> float:
        """The program's peak resident memory so far, in MB.

        Read from /proc (VmHWM): `wait4`'s ru_maxrss would also count the
        memory of the bench process the program was forked from, which Linux
        carries over `exec`.
        """
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        raise LaunchFailed("no VmHWM in /proc: peak memory cannot be read here")

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def launch(
    argv: Sequence[str],
    env: dict[str, str],
    frame: dict[str, str],
    then: Sequence[tuple[str, dict[str, str]]] = (),
    size: tuple[int, int] = WIDE,
    timeout: float = 120,
) -> Launch:
    """Run `argv` until every `frame` pattern shows, then send each step's keys and wait for it.

    A step without patterns waits a moment instead: keys sent together reach
    Textual together, before a focus change asked for by the first of them.
    """
    terminal = Terminal(argv, env, size)
    try:
        seen = terminal.watch(frame, timeout)
        for keys, patterns in then:
            terminal.send(keys)
            if patterns:
                seen.update(terminal.watch(patterns, timeout))
            else:  # give the app a moment to act on the keys (a focus change, say)
                time.sleep(0.3)
        return Launch(seen, terminal.peak_mb())
    finally:
        terminal.stop()
