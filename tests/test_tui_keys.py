"""Every key of the briefing screen at 80x24 and 160x50: search, hits, filter, copy, help."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot
from tui_data import WordSearch, help_lines, sample_briefing

from briefer.model import SearchResults
from briefer.tui.app import BrieferApp
from briefer.tui.help import HelpScreen
from briefer.tui.keys import KEYS, shown_keys
from briefer.tui.screen import SEARCH_DELAY, BriefingScreen

SIZES = [(80, 24), (160, 50)]
LONDON_QUOTE = (
    "“Hamas, Hezbollah, and Iran… it’s a marriage of convenience” — "
    "Doug London, former CIA chief of station (Allies under strain)"
)


def make_app(searcher: WordSearch | None = None) -> BrieferApp:
    briefing = sample_briefing()
    searcher = searcher or WordSearch(briefing)
    return BrieferApp(briefing=briefing, open_index=lambda b, p, n: searcher)


async def settle(pilot: Pilot) -> None:
    """Let the debounce fire and the search worker finish."""
    await pilot.pause(SEARCH_DELAY + 0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def loaded(pilot: Pilot, documents: int) -> None:
    """Wait (up to 20 s) for the background load to show `documents` documents."""
    app: BrieferApp = pilot.app  # type: ignore[assignment]
    for _ in range(200):
        view = app.briefing_screen.view
        if view is not None and len(view.documents) == documents:
            return
        await pilot.pause(0.1)
    raise AssertionError("the briefing did not load")


def reader_place(app: BrieferApp) -> tuple[int, int] | None:
    block = app.briefing_screen.reader.block
    return None if block is None else block.place


def messages(app: BrieferApp) -> list[str]:
    return [notification.message for notification in app._notifications]


@pytest.mark.parametrize("size", SIZES)
async def test_search_as_you_type_then_enter_opens_the_first_hit(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"marriage")
        screen = app.briefing_screen
        assert app.focused is screen.search_input
        await settle(pilot)
        assert [hit.paragraph for hit in screen.hits] == [1]
        assert screen.hit_list.display
        assert "1 hit" in str(screen.query_one("#status").render())
        await pilot.press("enter")
        assert reader_place(app) == (0, 1)
        assert app.focused is screen.reader
        hit_style = screen.reader.get_visual_style("reader--current-hit")
        content = screen.decorate(screen.reader.block)
        assert [content.plain[s.start : s.end] for s in content.spans if s.style == hit_style] == [
            "marriage"
        ]


async def test_enter_right_after_typing_opens_the_hit_once_it_is_found() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"mashal", "enter")
        await settle(pilot)
        assert reader_place(app) == (0, 3)


async def test_typing_fast_runs_one_search_for_the_last_query() -> None:
    searcher = WordSearch(sample_briefing())
    app = make_app(searcher)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"beirut")
        await settle(pilot)
        assert searcher.queries == ["beirut"]


async def test_keys_arriving_with_the_slash_are_the_query_not_commands() -> None:
    """A burst of keys (a fast typist over SSH, a busy moment) reaches the app in one read:
    what follows the "/" is typed into the search bar ("/iraq" used to quit at its "q"),
    and a "/" typed in the search bar stays in the query, in order."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for character in "/iraq a/b":
            app.post_message(events.Key("slash" if character == "/" else character, character))
        await settle(pilot)
        screen = app.briefing_screen
        assert app.is_running and app.focused is screen.search_input
        assert screen.search_input.value == "iraq a/b"
        assert screen.filter is None


async def test_a_key_arriving_with_a_pane_key_acts_on_that_pane() -> None:
    """ "2a" in one read filters by the highlighted actor, not by the quote pane's speaker."""
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        screen = app.briefing_screen
        actor = screen.actor_list.entry
        quotes = screen.quote_list
        quotes.cursor = next(i for i, q in enumerate(quotes.entries) if q.speaker != actor.name)
        assert app.focused is quotes
        for key in "2a":
            app.post_message(events.Key(key, key))
        await settle(pilot)
        assert app.focused is screen.actor_list
        assert screen.filter is not None and screen.filter.name == actor.name


async def test_results_of_an_overtaken_query_are_dropped() -> None:
    release = threading.Event()

    class SlowFirst(WordSearch):
        def search(self, query: str, limit: int) -> SearchResults:
            if query == "iran":
                release.wait(5)
            return super().search(query, limit)

    searcher = SlowFirst(sample_briefing())
    app = make_app(searcher)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"iran")
        await pilot.pause(SEARCH_DELAY + 0.1)
        await pilot.press(*" war")
        await pilot.pause(SEARCH_DELAY + 0.1)
        release.set()
        await settle(pilot)
        screen = app.briefing_screen
        assert screen.results is not None and screen.results.query == "iran war"
        assert [(hit.document, hit.paragraph) for hit in screen.hits] == [("brief/two.md", 1)]


@pytest.mark.parametrize("size", SIZES)
async def test_n_and_shift_n_step_through_hits(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"hezbollah")
        await settle(pilot)
        await pilot.press("enter")
        assert reader_place(app) == (0, 0)
        await pilot.press("n")
        assert reader_place(app) == (0, 1)
        await pilot.press("n", "n")
        assert reader_place(app) == (0, 0)
        await pilot.press("N")
        assert reader_place(app) == (0, 3)
        assert "hit 3/3" in str(app.briefing_screen.query_one("#status").render())


async def test_down_from_the_search_bar_walks_the_hits_and_enter_opens_one() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"beirut")
        await settle(pilot)
        await pilot.press("down", "j", "enter")
        assert reader_place(app) == (0, 4)


@pytest.mark.parametrize("size", SIZES)
async def test_a_filters_quotes_and_paragraphs_by_the_highlighted_actor(
    size: tuple[int, int],
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = app.briefing_screen
        await pilot.press("2", "a")
        assert screen.filter is not None and screen.filter.name == "Doug London"
        assert [q.speaker for q in screen.quote_list.entries] == ["Doug London"]
        assert [b.place for b in screen.reader.blocks if b.kind == "paragraph"] == [(0, 1), (0, 2)]
        assert [e.label for e in screen.section_list.entries] == [
            "Allies under strain",
            "Detachment",
        ]
        await pilot.press("escape")
        assert screen.filter is None
        assert len(screen.quote_list.entries) == 3


@pytest.mark.parametrize("size", SIZES)
async def test_a_on_a_quote_filters_by_its_speaker(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = app.briefing_screen
        await pilot.press("3", "j", "a")
        assert screen.filter is not None and screen.filter.name == "Khaled Mashal"
        assert [q.speaker for q in screen.quote_list.entries] == ["Khaled Mashal"]
        assert [b.place for b in screen.reader.blocks if b.kind == "paragraph"] == [(0, 3)]


async def test_escape_clears_the_search_first_then_the_filter() -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = app.briefing_screen
        await settle(pilot)
        await pilot.press("2", "a", "slash", *"london")
        await settle(pilot)
        assert screen.hits and screen.filter is not None
        await pilot.press("escape")
        assert screen.results is None and screen.search_input.value == ""
        assert screen.filter is not None
        await pilot.press("escape")
        assert screen.filter is None


async def test_hits_outside_the_filter_are_left_out() -> None:
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = app.briefing_screen
        await settle(pilot)
        await pilot.press("3", "j", "a", "slash", *"hezbollah")
        await settle(pilot)
        assert [(h.document, h.paragraph) for h in screen.hits] == [("brief/one.txt", 3)]


@pytest.mark.parametrize("size", SIZES)
async def test_y_copies_the_quote_with_its_attribution(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("3", "y")
        assert app.clipboard == LONDON_QUOTE
        assert messages(app)[-1] == f"Copied quote by Doug London ({len(LONDON_QUOTE)} chars)"
        await pilot.press("j", "Y")
        text = "There is no doubt that if Hezbollah joins in, it would make a real difference,"
        assert app.clipboard == text
        assert messages(app)[-1] == f"Copied quote text by Khaled Mashal ({len(text)} chars)"


async def test_y_in_the_reader_copies_the_quote_of_the_opened_hit() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"marriage", "enter")
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard == LONDON_QUOTE


async def test_y_where_there_is_no_quote_says_so_and_copies_nothing() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("4", "y")
        assert app.clipboard == ""
        assert messages(app)[-1].startswith("No quote here")


@pytest.mark.parametrize("size", SIZES)
async def test_question_mark_lists_every_key_and_q_quits(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(help_lines(app.screen))
        for key in KEYS:
            assert key.description in text
            assert shown_keys(key.keys) in text
        assert "Every file was read." in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark", "q")
    assert app.return_code == 0


async def test_ctrl_p_jumps_to_an_actor() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"mashal")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.briefing_screen
        assert screen.marked is not None and screen.marked.name == "Khaled Mashal"
        assert reader_place(app) == (0, 3)


async def test_ctrl_p_jumps_to_a_section() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"section tension")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert reader_place(app) == (0, 4)


async def test_ctrl_p_switches_theme_and_remembers_it(config_folder: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"theme briefer-paper")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "briefer-paper"
    assert 'theme = "briefer-paper"' in (config_folder / "config.toml").read_text()
    again = make_app()
    async with again.run_test(size=(100, 30)):
        assert again.theme == "briefer-paper"


async def test_r_reads_the_briefing_again(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.txt").write_text("First note\n\nSomething happened in Beirut today.\n")
    app = BrieferApp([str(folder)], open_index=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot, documents=1)
        (folder / "b.txt").write_text("Second note\n\nAnother thing happened in Cairo.\n")
        await pilot.press("r")
        await loaded(pilot, documents=2)


@pytest.fixture
def busy_labels(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the status line is told while the app is busy ("reading 3/60"), in order."""
    labels: list[str] = []
    original = BriefingScreen.set_busy

    def record(screen: BriefingScreen, label: str, done: int = 0, total: int = 0) -> None:
        labels.append(f"{label} {done}/{total}")
        original(screen, label, done, total)

    monkeypatch.setattr(BriefingScreen, "set_busy", record)
    return labels


async def test_a_big_folder_loads_in_the_background_with_progress(
    tmp_path: Path, busy_labels: list[str]
) -> None:
    """Enough files for the process pool, which must start from the TUI's worker thread."""
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(60):
        (folder / f"{n:02}.txt").write_text(
            f"Note {n}\n\nThe minister said on day {n} it rained.\n"
        )
    app = BrieferApp([str(folder)], open_index=None)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot, documents=60)
        assert not [n.message for n in app._notifications if n.severity == "error"]
    assert "reading 60/60" in busy_labels


async def test_reopening_an_indexed_folder_does_not_index_again(
    tmp_path: Path, busy_labels: list[str]
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.txt").write_text("A note\n\n“We will build it,” the minister said in Beirut.\n")
    for _ in range(2):
        app = BrieferApp([str(folder)])
        async with app.run_test(size=(100, 30)) as pilot:
            await loaded(pilot, documents=1)
            while app.searcher is None:
                await pilot.pause(0.05)
            await pilot.press("slash", *"beirut")
            await settle(pilot)
            assert len(app.briefing_screen.hits) == 1
    assert busy_labels.count("indexing 1/1") == 1
