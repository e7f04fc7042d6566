"""The terminal UI; reads a Briefing and the search index, never parses text itself."""

from __future__ import annotations

import os
from collections.abc import Sequence


def run(paths: Sequence[str], theme: str | None = None) -> None:
    """Open the TUI on `paths` (the sample briefing when empty); loading happens inside.

    Raises `briefer.tui.app.UnknownTheme` before anything is drawn when `theme`
    does not exist.
    """
    from briefer.tui.app import BrieferApp

    app = BrieferApp(paths, theme=theme)
    start_resource_tracker()
    app.run()


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker while stderr is still the terminal.

    A big folder is analysed in a process pool from a worker thread; the pool
    starts the tracker, handing it `sys.stderr.fileno()`, which under Textual
    is -1, and the pool fails with "bad value(s) in fds_to_keep".
    """
    if os.name != "posix":
        return
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
