"""The terminal UI; reads a Briefing, never parses text itself."""

from __future__ import annotations

from briefer.briefing import Briefing


def run(briefing: Briefing) -> None:
    from briefer.tui.app import BrieferApp

    BrieferApp(briefing).run()
