"""Reading the briefing on a thread of its own, started before Textual is even imported.

Importing Textual and mounting the screen leave the interpreter idle at
times (reading files, waiting for the terminal); a briefing read meanwhile
is often ready when the screen mounts, and then the first frame already
shows it instead of an empty layout followed by a second full repaint.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefer.briefing import Briefing
    from briefer.tui.view import BriefingView

Progress = Callable[[int, int], None]


class BriefingLoad:
    """One reading of a briefing, under way on its own thread from the moment it is made."""

    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = list(paths)
        self.result: tuple[Briefing, BriefingView] | None = None
        self.error: BaseException | None = None
        self._lock = threading.Lock()
        self._done = False
        self._progress: tuple[int, int] | None = None
        self._on_progress: Progress | None = None
        self._on_done: Callable[[], None] | None = None
        threading.Thread(target=self._run, name="briefer-load", daemon=True).start()

    def _run(self) -> None:
        try:
            from briefer.briefing import default_paths, load_briefing
            from briefer.tui.view import BriefingView

            briefing = load_briefing(self.paths or default_paths(), progress=self._report)
            self.result = (briefing, BriefingView(briefing))
        except BaseException as exc:  # reported by the app, which keeps running
            self.error = exc
        with self._lock:
            self._done = True
            on_done = self._on_done
        if on_done is not None:
            on_done()

    def _report(self, done: int, total: int) -> None:
        with self._lock:
            self._progress = (done, total)
            listener = self._on_progress
        if listener is not None:
            listener(done, total)

    def follow(
        self, on_progress: Progress, on_done: Callable[[], None]
    ) -> tuple[bool, tuple[int, int] | None]:
        """Call `on_progress` and `on_done` from the loading thread from now on.

        Returns whether the reading is already over (then `on_done` is never
        called) and the latest progress so far.
        """
        with self._lock:
            if not self._done:
                self._on_progress = on_progress
                self._on_done = on_done
            return self._done, self._progress
