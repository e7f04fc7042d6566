"""The terminal UI; reads a Briefing and the search index, never parses text itself."""

from __future__ import annotations

from collections.abc import Sequence


class UnknownTheme(ValueError):
    """The theme asked for on the command line does not exist.

    Defined here, not with the app, so the command line can catch it without
    importing Textual before the briefing starts loading.
    """


def run(paths: Sequence[str], theme: str | None = None) -> None:
    """Open the TUI on `paths` (the sample briefing when empty); loading happens inside.

    Raises `UnknownTheme` before anything is drawn when `theme`
    does not exist.
    """
    from briefer.tui.loading import BriefingLoad

    loading = BriefingLoad(paths)  # reads while Textual is imported
    from briefer.tui.app import BrieferApp

    BrieferApp(paths, theme=theme, loading=loading).run()
