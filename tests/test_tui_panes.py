"""The panes at 80x24 and 160x50: what shows, and what selecting in each does to the reader."""

from __future__ import annotations

import pytest
from tui_data import WordSearch, sample_briefing

from briefer.model import Actor
from briefer.tui.app import BrieferApp
from briefer.tui.reader import Reader

SIZES = [(80, 24), (160, 50)]


def make_app() -> BrieferApp:
    return BrieferApp(briefing=sample_briefing(), open_index=lambda b, p, n: WordSearch(b))


def shown(app: BrieferApp) -> list[str]:
    screen = app.briefing_screen
    return [name for name in ("sections", "actors", "quotes", "reader") if screen.box(name).display]


def visible_lines(widget: Reader) -> list[str]:
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def reader_place(app: BrieferApp) -> tuple[int, int] | None:
    block = app.briefing_screen.reader.block
    return None if block is None else block.place


def on_screen(reader: Reader, place: tuple[int, int]) -> bool:
    index = reader.index_of(place)
    assert index is not None
    top = round(reader.scroll_offset.y)
    return top <= reader._tops[index] < top + reader.scrollable_content_region.height


async def test_header_names_the_briefing_and_counts() -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)):
        assert app.sub_title == "brief — 2 documents · 3 quotes · 5 actors"


async def test_wide_terminal_shows_every_pane_at_once() -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        assert shown(app) == ["sections", "actors", "quotes", "reader"]
        for name in ("sections", "actors", "quotes", "reader"):
            box = app.briefing_screen.box(name)
            assert box.size.width >= 30 and box.size.height >= 10, name
        await pilot.press("2")
        assert shown(app) == ["sections", "actors", "quotes", "reader"]


async def test_narrow_terminal_shows_one_pane_and_numbers_reach_each() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.briefing_screen
        assert shown(app) == ["quotes"]
        for key, name in (("1", "sections"), ("2", "actors"), ("4", "reader"), ("3", "quotes")):
            await pilot.press(key)
            assert shown(app) == [name]
            assert screen.pane_of(app.focused) == name
            assert screen.box(name).size.width >= 76


@pytest.mark.parametrize("size", SIZES)
async def test_tab_and_shift_tab_cycle_through_the_panes(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = app.briefing_screen
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            seen.append(screen.pane_of(app.focused))
        assert seen == ["reader", "sections", "actors", "quotes"]
        await pilot.press("shift+tab")
        assert screen.pane_of(app.focused) == "actors"


@pytest.mark.parametrize("size", SIZES)
async def test_enter_on_a_section_shows_it_in_the_reader(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        sections = app.briefing_screen.section_list
        labels = [entry.label for entry in sections.entries]
        assert labels == ["Allies under strain", "Detachment", "Tension", "Second briefing note"]
        await pilot.press("1", "j", "enter")
        assert reader_place(app) == (0, 2)
        reader = app.briefing_screen.reader
        assert on_screen(reader, (0, 2))
        assert any("Detachment" in line for line in visible_lines(reader))
        await pilot.press("1", "j", "j", "enter")
        assert reader_place(app) == (1, 0)
        assert "Second briefing note" in visible_lines(reader)[0]


@pytest.mark.parametrize("size", SIZES)
async def test_actors_are_grouped_by_kind_with_counts_and_roles(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        actors = app.briefing_screen.actor_list
        lines = [actors.render_line(y).text.rstrip() for y in range(8)]
        assert lines[0].startswith("People (3)")
        assert lines[1].split() == ["Doug", "London", "3"]
        assert any(line.startswith("Organizations (1)") for line in lines)
        card = app.briefing_screen.query_one("#actor-card")
        assert "former CIA chief of station" in str(card.render())
        await pilot.press("j")
        assert actors.entry.name == "Firas Maksad"
        assert "former CIA" not in str(card.render())


@pytest.mark.parametrize("size", SIZES)
async def test_enter_on_an_actor_marks_their_mentions_in_the_reader(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "j", "j", "enter")
        screen = app.briefing_screen
        assert screen.marked is not None and screen.marked.name == "Khaled Mashal"
        assert reader_place(app) == (0, 3)
        block = screen.reader.block
        content = screen.decorate(block)
        mention = screen.reader.get_visual_style("reader--mention")
        marked = [block.text[s.start : s.end] for s in content.spans if s.style == mention]
        assert marked == ["Khaled Mashal"]


@pytest.mark.parametrize("size", SIZES)
async def test_enter_on_a_quote_scrolls_the_reader_to_its_paragraph(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("3", "j", "j", "enter")
        screen = app.briefing_screen
        assert reader_place(app) == (1, 1)
        assert on_screen(screen.reader, (1, 1))
        quote_style = screen.reader.get_visual_style("reader--quote")
        content = screen.decorate(screen.reader.block)
        quoted = [content.plain[s.start : s.end] for s in content.spans if s.style == quote_style]
        assert quoted == ["“Iran has no interest in being dragged into this war,”"]
        if size == (80, 24):
            assert shown(app) == ["reader"]


@pytest.mark.parametrize("size", SIZES)
async def test_quotes_show_the_speaker_then_the_quote(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size):
        quotes = app.briefing_screen.quote_list
        first = [quotes.render_line(y).text.strip() for y in range(3)]
        assert first[0] == "Doug London"
        assert first[1].startswith("“Hamas, Hezbollah, and Iran")


@pytest.mark.parametrize("size", SIZES)
async def test_reader_moves_by_paragraph_with_j_k_and_arrows(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        assert reader_place(app) == (0, 0)
        await pilot.press("j", "down")
        assert reader_place(app) == (0, 2)
        await pilot.press("k")
        assert reader_place(app) == (0, 1)
        await pilot.press("up")
        assert reader_place(app) == (0, 0)


async def test_a_long_paragraph_scrolls_line_by_line_before_the_cursor_moves() -> None:
    from tui_data import make_document

    from briefer.briefing import Briefing

    long = " ".join(["word"] * 600)
    document = make_document("long.txt", "Long", [(None, ["Short opener.", long, "After."])])
    app = BrieferApp(briefing=Briefing("long", ("long.txt",), (document,)), open_index=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "j")
        reader = app.briefing_screen.reader
        assert reader_place(app) == (0, 1)
        top = reader.scroll_offset.y
        await pilot.press("j")
        assert reader_place(app) == (0, 1)
        assert reader.scroll_offset.y == top + 1
        await pilot.press("end")
        assert reader_place(app) == (0, 2)


async def test_list_cursor_moves_with_j_k_and_arrows_and_skips_headings() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        actors = app.briefing_screen.actor_list
        names = []
        for key in ("j", "down", "j", "j"):
            await pilot.press(key)
            entry = actors.entry
            assert isinstance(entry, Actor)
            names.append(entry.name)
        assert names == ["Firas Maksad", "Khaled Mashal", "Hezbollah", "Beirut"]
        await pilot.press("k", "up")
        assert actors.entry.name == "Khaled Mashal"


async def test_resizing_moves_between_layouts_and_keeps_the_reader_place() -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("3", "j", "enter")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert len(shown(app)) == 1
        await pilot.resize_terminal(110, 30)
        await pilot.pause()
        assert shown(app) == ["quotes", "reader"]
        assert reader_place(app) == (0, 3)
