"""Document text is shown as the characters it is, everywhere, and never drives the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from tui_data import make_actor, make_document, make_quote

from briefer.briefing import Briefing
from briefer.tui.app import BrieferApp

CLICK = "[@click=app.quit]x[/]"
MARKUP_LINES = [
    f"Markup first: {CLICK} then [bold red]red[/bold red] and [link=file:///etc/passwd]y[/link].",
    "Escapes: \x1b[2J clear, \x1b]0;pwned\x07 title, \x1b]52;c;cHduZWQ=\x07 clipboard, \x9b31m C1.",
    "Unbalanced [/] and [[nested]] and [b]bold without end.",
]


async def loaded(pilot: Pilot) -> None:
    app: BrieferApp = pilot.app  # type: ignore[assignment]
    for _ in range(200):
        if app.briefing_screen.view is not None:
            await pilot.pause()
            return
        await pilot.pause(0.1)
    raise AssertionError("the briefing did not load")


def screen_text(app: BrieferApp) -> str:
    """Every line of every pane, as the terminal gets it."""
    screen = app.briefing_screen
    lines = []
    for widget in (screen.reader, screen.quote_list, screen.actor_list, screen.section_list):
        lines += [widget.render_line(y).text for y in range(widget.size.height)]
    return "\n".join(lines)


async def test_a_document_full_of_markup_and_escapes_shows_them_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = Path("[red]hostile")
    folder.mkdir()
    (folder / "[@click=app.quit]note.txt").write_text(
        "Hostile note\n\n" + "\n\n".join(MARKUP_LINES) + "\n", encoding="utf-8"
    )
    app = BrieferApp([str(folder)], open_index=None)
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(pilot)
        text = screen_text(app)
        assert CLICK in text
        assert "[bold red]red[/bold red]" in text
        assert "[link=file:///etc/passwd]y[/link]" in text
        assert "Unbalanced [/] and [[nested]] and [b]bold without end." in text
        assert "[@click=app.quit]note.txt" in text
        assert app.sub_title.startswith("[red]hostile — ")
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text

        reader = app.briefing_screen.reader
        row = next(y for y in range(reader.size.height) if CLICK in reader.render_line(y).text)
        column = reader.render_line(row).text.index(CLICK) + CLICK.index("x")
        region = reader.content_region
        await pilot.click(offset=(region.x + column, region.y + row))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        await pilot.press("3")
        assert app.briefing_screen.pane_of(app.focused) == "quotes"


def hostile_briefing() -> Briefing:
    speaker = "[@click=app.quit]Mallory[/]"
    document = make_document(
        "evil.txt",
        "[bold red]Title[/]",
        [
            (None, [f"“[b]Hi[/b] there,” {speaker} said."]),
            ("[u]Section[/u]", ["[italic]Nothing[/] here."]),
        ],
    )
    quote = make_quote(document, 0, "[b]Hi[/b] there,", speaker)
    actor = make_actor(speaker, "person", [document], roles=["[blink]spy[/blink]"])
    return Briefing("[red]brief[/red]", ("evil.txt",), (document,), (quote,), (actor,))


async def test_names_quotes_and_titles_with_markup_show_literally_in_every_pane() -> None:
    app = BrieferApp(briefing=hostile_briefing(), open_index=None)
    async with app.run_test(size=(160, 50), notifications=True) as pilot:
        text = screen_text(app)
        for literal in (
            "[@click=app.quit]Mallory[/]",
            "“[b]Hi[/b] there,”",
            "[bold red]Title[/]",
            "[u]Section[/u]",
            "[italic]Nothing[/] here.",
        ):
            assert literal in text
        await pilot.press("2")
        card = app.briefing_screen.query_one("#actor-card")
        assert "[blink]spy[/blink]" in str(card.render())
        await pilot.press("3", "y")
        await pilot.pause()
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert any("Copied quote by [@click=app.quit]Mallory[/]" in t for t in toasts)
        assert app.clipboard.startswith("“[b]Hi[/b] there” — [@click=app.quit]Mallory[/], ")
        assert app.is_running


async def test_palette_hits_show_names_literally() -> None:
    app = BrieferApp(briefing=hostile_briefing(), open_index=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"mallory")
        await pilot.pause(0.3)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        prompts = [str(option.prompt) for option in palette.query_one("CommandList").options]
        assert any("Actor: [@click=app.quit]Mallory[/]" in p for p in prompts)
        await pilot.press("escape")
        assert app.is_running
