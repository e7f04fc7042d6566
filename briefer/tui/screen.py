"""The briefing screen: search bar, the four panes, and what the keys do between them.

Layout follows the terminal's width: at 140 columns and more all panes show
at once; from 100 the reader shows beside one list; below that one pane shows
at a time under a strip of numbered tabs. Tab, shift+tab and 1-4 move between
panes in every layout.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Header, Input, Static
from textual.worker import get_current_worker

from briefer.model import Actor, Quote, SearchHit, SearchResults
from briefer.tui.actors import ActorList, ActorsPane, actor_entries
from briefer.tui.footer import KeyFooter
from briefer.tui.keys import bindings
from briefer.tui.lists import EntryList
from briefer.tui.quotes import QuoteList
from briefer.tui.reader import Reader
from briefer.tui.search import HitList, SearchInput
from briefer.tui.sections import SectionEntry, SectionList, section_entries
from briefer.tui.view import (
    Block,
    BriefingView,
    Place,
    Span,
    attribution,
    document_blocks,
    filtered_blocks,
)

if TYPE_CHECKING:
    from briefer.tui.app import BrieferApp, Searcher

PaneName = Literal["sections", "actors", "quotes", "reader"]
PANES: tuple[PaneName, ...] = ("sections", "actors", "quotes", "reader")
PANE_TITLES = {"sections": "Sections", "actors": "Actors", "quotes": "Quotes", "reader": "Reader"}
WIDE, MEDIUM = 140, 100
SEARCH_DELAY = 0.15
"""Seconds of quiet typing before a search runs."""
HIT_LIMIT = 200
BAR = 12
"""Cells of the progress bar shown while reading or indexing."""


@dataclass(frozen=True)
class Filter:
    """Everything narrowed to one actor: their quotes and the paragraphs that name them."""

    name: str
    actor: Actor | None
    places: frozenset[Place]


class BriefingScreen(Screen[None]):
    BINDINGS = bindings("briefing")
    AUTO_FOCUS = "#quotes"

    def __init__(self) -> None:
        super().__init__()
        self.view: BriefingView | None = None
        self.searcher: Searcher | None = None
        self.filter: Filter | None = None
        self.marked: Actor | None = None
        self.results: SearchResults | None = None
        self.hits: list[SearchHit] = []
        self.hit_index: int | None = None
        self.hit_spans: dict[Place, list[tuple[int, Span]]] = {}
        self.reader_quote: Quote | None = None
        self.document: int | None = None
        self.active: PaneName = "quotes"
        self.active_list: PaneName = "quotes"
        self.busy = ""
        self.open_when_found = False
        self._search_timer: Timer | None = None

    @property
    def briefer(self) -> BrieferApp:
        return self.app  # type: ignore[return-value]

    # Layout.

    def compose(self) -> ComposeResult:
        self.add_class(f"-{self.mode}")  # now, rather than restyle everything after mounting
        yield Header(icon="◆")
        with Horizontal(id="search-bar"):
            yield SearchInput(
                placeholder='/ search: words, "a phrase", speaker:london, kind:quote',
                id="search",
            )
            yield Static(id="status", markup=False)
        yield HitList(id="hits")
        yield Static(id="tabs", markup=False)
        with Container(id="panes"):
            yield SectionList("No documents.", id="sections", classes="pane")
            yield Reader(id="reader", classes="pane")
            yield QuoteList("No quotes found.", id="quotes", classes="pane")
            yield ActorsPane(id="actors", classes="pane")
        yield KeyFooter()

    def on_mount(self) -> None:
        for name in PANES:
            self.box(name).border_title = Content(f"{PANES.index(name) + 1} {PANE_TITLES[name]}")
        self.reader.decorate = self.decorate
        self.place_panes()
        self.briefer.start()

    def box(self, name: PaneName) -> Widget:
        return self.query_one(f"#{name}")

    def target(self, name: PaneName) -> Widget:
        """The widget that takes the focus for a pane."""
        return self.actor_list if name == "actors" else self.box(name)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def quote_list(self) -> QuoteList:
        return self.query_one(QuoteList)

    @property
    def actor_list(self) -> ActorList:
        return self.query_one(ActorList)

    @property
    def section_list(self) -> SectionList:
        return self.query_one(SectionList)

    @property
    def hit_list(self) -> HitList:
        return self.query_one(HitList)

    @property
    def search_input(self) -> SearchInput:
        return self.query_one(SearchInput)

    @property
    def mode(self) -> Literal["wide", "medium", "narrow"]:
        width = self.size.width or self.app.size.width
        return "wide" if width >= WIDE else "medium" if width >= MEDIUM else "narrow"

    def on_resize(self) -> None:
        self.place_panes()

    def place_panes(self) -> None:
        """Show the panes the width allows, and the tab strip when some are hidden."""
        mode = self.mode
        for name in ("wide", "medium", "narrow"):
            self.set_class(mode == name, f"-{name}")
        panes = self.query_one("#panes")
        reader = self.reader
        if mode == "medium" and panes.children[-1] is not reader:
            panes.move_child(reader, after=panes.children[-1])
        elif mode != "medium" and panes.children[1] is not reader:
            panes.move_child(reader, after=self.section_list)
        for name in PANES:
            if mode == "wide":
                shown = True
            elif mode == "medium":
                shown = name in ("reader", self.active_list)
            else:
                shown = name == self.active
            self.box(name).display = shown
        self.query_one("#tabs", Static).update(self.tab_strip())
        searching = self.focused in (self.search_input, self.hit_list)
        self.hit_list.display = searching and self.results is not None

    def tab_strip(self) -> Content:
        parts = []
        for number, name in enumerate(PANES, 1):
            shown = name == self.active or (self.mode == "medium" and name == "reader")
            label = f" {number} {PANE_TITLES[name]} "
            parts.append(Content.styled(label, "reverse bold" if shown else "$text-muted"))
        return Content(" ").join(parts)

    def pane_of(self, widget: Widget | None) -> PaneName | None:
        while widget is not None:
            if widget.id in PANES:
                return widget.id  # type: ignore[return-value]
            widget = widget.parent if isinstance(widget.parent, Widget) else None
        return None

    def on_descendant_focus(self) -> None:
        pane = self.pane_of(self.focused)
        if pane is not None:
            self.active = pane
            if pane != "reader":
                self.active_list = pane
        self.place_panes()

    def on_descendant_blur(self) -> None:
        self.call_after_refresh(self.place_panes)

    def activate(self, name: PaneName) -> None:
        self.active = name
        if name != "reader":
            self.active_list = name
        self.place_panes()
        # At once, as "/" does: the screen's keys that arrive with this one ("2a" in one
        # read) then act on the pane it chose.
        self.set_focus(self.target(name))

    def action_pane(self, name: PaneName) -> None:
        self.activate(name)

    def _step_pane(self, step: int) -> None:
        current = self.pane_of(self.focused)
        if current is None:
            self.activate(self.active)
            return
        self.activate(PANES[(PANES.index(current) + step) % len(PANES)])

    def action_next_pane(self) -> None:
        self._step_pane(1)

    def action_previous_pane(self) -> None:
        self._step_pane(-1)

    def reveal_reader(self) -> None:
        """In the one-pane layout, switch to the reader to show what the user opened."""
        if self.mode == "narrow" and self.active != "reader":
            self.activate("reader")

    # Status line.

    def set_busy(self, label: str, done: int = 0, total: int = 0) -> None:
        """What is running in the background ("" when nothing), with a progress bar."""
        if total > 1:
            filled = round(BAR * done / total)
            label = f"{label} {'█' * filled}{'░' * (BAR - filled)} {done:,}/{total:,}"
        self.busy = label
        self.update_status()

    def update_status(self) -> None:
        parts: list[Content] = []
        if self.busy:
            parts.append(Content(self.busy))
        results = self.results
        if results is not None:
            if results.error:
                parts.append(Content.styled(results.error, "$text-error"))
            elif not self.hits:
                parts.append(Content("no hits"))
            elif self.hit_index is not None:
                parts.append(Content(f"hit {self.hit_index + 1}/{len(self.hits)}"))
            else:
                total = results.total if self.filter is None else len(self.hits)
                parts.append(Content(f"{total:,} hit{'' if total == 1 else 's'}"))
            if results.suggestion:
                parts.append(Content(f"did you mean {results.suggestion}?"))
        if self.filter is not None:
            parts.append(
                Content.assemble(
                    ("filter: ", "$text-muted"), (self.filter.name, "bold $text-accent")
                )
            )
        self.query_one("#status", Static).update(Content(" · ").join(parts))

    # Showing a briefing.

    def show_briefing(self, view: BriefingView) -> None:
        """Fill the panes; on a reload, stay at the same paragraph when it is still there."""
        previous = self.reader.block
        place_path = (
            (self.view.documents[previous.document].path, previous.paragraph)
            if previous is not None and self.view is not None
            else None
        )
        self.view = view
        self.filter = None
        self.marked = None
        self.reader_quote = None
        self.document = None
        self.hit_list.titles = {d.path: view.title(i) for i, d in enumerate(view.documents)}
        self.actor_list.set_entries(actor_entries(view.actors))
        self.refill()
        if (
            place_path is not None
            and (number := view.document_number.get(place_path[0])) is not None
        ):
            self.show_place((number, place_path[1]))
        elif view.documents:
            self.open_document(0)
        else:
            self.reader.show([], "This briefing has no readable documents. Press ? for details.")
        if self.search_input.value.strip():
            self.search_now()

    def refill(self) -> None:
        """Fill the lists (and the reader, when filtered) for the current filter."""
        view = self.view
        if view is None:
            return
        only = self.filter.places if self.filter else None
        self.section_list.set_entries(section_entries(view, only))
        if self.filter is None:
            self.quote_list.set_entries(view.quotes)
            self.quote_list.empty = "No quotes found."
            self.quote_list.border_subtitle = Content(f"{len(view.quotes):,}")
        else:
            quotes = view.quotes_by.get(self.filter.name, [])
            self.quote_list.empty = "No quotes by this speaker."
            self.quote_list.set_entries(quotes)
            self.quote_list.border_subtitle = Content(f"{self.filter.name} · {len(quotes):,}")
            self.document = None
            blocks = filtered_blocks(view, self.filter.places)
            self.reader.show(blocks, "Nothing mentions this actor.")
        self.show_hits()
        self.update_status()

    def open_document(self, number: int) -> None:
        assert self.view is not None
        if self.filter is not None or self.document != number:
            self.document = number
            self.reader.show(document_blocks(self.view, number))

    def ensure_shown(self, place: Place) -> int | None:
        """The reader block of `place`, switching document or dropping the filter as needed."""
        if self.filter is not None and place not in self.filter.places:
            self.clear_filter()
            self.notify("Filter cleared to show that paragraph.", markup=False)
        if self.filter is None:
            self.open_document(place[0])
        return self.reader.index_of(place)

    def show_place(self, place: Place, quote: Quote | None = None) -> None:
        index = self.ensure_shown(place)
        self.reader_quote = quote
        if index is not None:
            self.reader.go_to(index)
        self.reader.redecorate()

    def open_section(self, number: int, section: int) -> None:
        """Show a section: its heading at the top (the document's title for the lead)."""
        assert self.view is not None
        document = self.view.documents[number]
        paragraphs = document.sections[section].paragraphs
        if self.filter is not None:
            paragraphs = tuple(p for p in paragraphs if (number, p) in self.filter.places)
        if not paragraphs:
            self.open_document(number)
            self.reader.go_to(0)
            return
        self.ensure_shown((number, paragraphs[0]))
        heading = self.reader.heading_of(number, section)
        start = heading if heading is not None and self.filter is None else None
        if start is None:
            start = self.reader.index_of((number, paragraphs[0]))
        if section == 0 and self.filter is None:
            start = 0
        if start is not None:
            self.reader.go_to(start)
        self.reveal_reader()

    def open_actor(self, actor: Actor) -> None:
        """Mark the actor's mentions and show the first paragraph that names them."""
        assert self.view is not None
        self.marked = actor
        places = sorted(self.view.places_of(actor))
        if actor in self.actor_list.entries:
            self.actor_list.cursor = list(self.actor_list.entries).index(actor)
        if places:
            self.show_place(places[0])
            self.reveal_reader()
        else:
            self.reader.redecorate()
            self.notify(f"No paragraph names {actor.name}.", markup=False)

    # Reader marks.

    def decorate(self, block: Block) -> Content:
        """A paragraph with its quotes, search hits and the marked actor's mentions styled."""
        content = Content(block.text)
        view = self.view
        if view is None:
            return content
        reader = self.reader
        place = block.place
        quote_style = reader.get_visual_style("reader--quote")
        for quote in view.quotes_at.get(place, ()):
            span = view.quote_span(quote)
            if span is not None:
                content = content.stylize(quote_style, *span)
        if self.marked is not None:
            mention_style = reader.get_visual_style("reader--mention")
            for span in view.mentions(self.marked).get(place, ()):
                content = content.stylize(mention_style, *span)
        if place in self.hit_spans:
            hit_style = reader.get_visual_style("reader--hit")
            current_style = reader.get_visual_style("reader--current-hit")
            for number, span in self.hit_spans[place]:
                style = current_style if number == self.hit_index else hit_style
                content = content.stylize(style, *span)
        return content

    # Lists.

    @on(EntryList.Selected, "#sections")
    def section_selected(self, event: EntryList.Selected) -> None:
        entry: SectionEntry = event.entry  # type: ignore[assignment]
        self.open_section(entry.document, entry.section)

    @on(EntryList.Highlighted, "#actor-list")
    def actor_highlighted(self, event: EntryList.Highlighted) -> None:
        actor = event.entry if isinstance(event.entry, Actor) else None
        quotes = len(self.view.quotes_by.get(actor.name, ())) if self.view and actor else 0
        self.query_one(ActorsPane).show_card(actor, quotes)

    @on(EntryList.Selected, "#actor-list")
    def actor_selected(self, event: EntryList.Selected) -> None:
        if isinstance(event.entry, Actor):
            self.open_actor(event.entry)

    @on(EntryList.Selected, "#quotes")
    def quote_selected(self, event: EntryList.Selected) -> None:
        quote: Quote = event.entry  # type: ignore[assignment]
        assert self.view is not None
        place = self.view.place_of_quote(quote)
        if place is not None:
            self.show_place(place, quote)
            self.reveal_reader()

    @on(EntryList.Selected, "#hits")
    def hit_selected(self, event: EntryList.Selected) -> None:
        self.open_hit(self.hits.index(event.entry))  # type: ignore[arg-type]
        self.activate("reader")

    # Search.

    def set_searcher(self, searcher: Searcher) -> None:
        self.searcher = searcher
        if self.search_input.value.strip():
            self.search_now()

    @on(Input.Changed, "#search")
    def query_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        if not self.search_input.value.strip():
            self.clear_results()
            return
        self._search_timer = self.set_timer(SEARCH_DELAY, self.search_now)

    def search_now(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        query = self.search_input.value.strip()
        if not query:
            return
        if self.searcher is None:
            self.update_status()
            return
        self.run_search(self.searcher, query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, searcher: Searcher, query: str) -> None:
        """Search off the UI thread; a newer query cancels this one, so its results are dropped."""
        worker = get_current_worker()
        try:
            results = searcher.search(query, HIT_LIMIT)
        except Exception as exc:  # a broken index must not take the UI down
            results = SearchResults(query, None, 0, (), error=f"search failed: {exc}")
        if results is not None and not worker.is_cancelled:
            self.app.call_from_thread(self.show_results, query, results)

    def show_results(self, query: str, results: SearchResults) -> None:
        if query != self.search_input.value.strip():
            return
        self.results = results
        self.hit_index = None
        self.show_hits()
        if self.open_when_found:
            self.open_when_found = False
            if self.hits:
                self.open_hit(0)
                self.activate("reader")

    def show_hits(self) -> None:
        """The hits (those in the filter, when one is set) in the list and in the reader."""
        results = self.results
        view = self.view
        hits = list(results.hits) if results is not None else []
        self.hit_spans = defaultdict(list)
        kept: list[SearchHit] = []
        for hit in hits:
            place = view.place_of_hit(hit) if view else None
            if place is None:
                continue
            if self.filter is not None and place not in self.filter.places:
                continue
            kept.append(hit)
            text = view.documents[place[0]].paragraphs[place[1]].text if view else ""
            base = 0 if hit.text == text else text.find(hit.text)
            if base >= 0:
                self.hit_spans[place].extend(
                    (len(kept) - 1, (base + s, base + e)) for s, e in hit.matches
                )
        self.hits = kept
        self.hit_list.set_entries(kept, cursor=None)
        self.hit_list.styles.height = min(max(len(kept), 1) * 2, 10)
        self.place_panes()
        self.update_status()
        self.reader.redecorate()

    def clear_results(self) -> None:
        self.results = None
        self.hits = []
        self.hit_index = None
        self.hit_spans = {}
        self.open_when_found = False
        self.hit_list.set_entries([], cursor=None)
        self.place_panes()
        self.update_status()
        self.reader.redecorate()

    @on(Input.Submitted, "#search")
    def query_submitted(self) -> None:
        if not self.search_input.value.strip():
            self.activate(self.active)
            return
        if self.results is not None and self._search_timer is None and self.results.query:
            if self.hits:
                self.open_hit(0)
                self.activate("reader")
            return
        self.open_when_found = True
        self.search_now()

    def open_hit(self, index: int) -> None:
        assert self.view is not None
        hit = self.hits[index]
        self.hit_index = index
        number = self.view.document_number[hit.document]
        quote = None
        if hit.kind == "quote":
            quote = next(
                (
                    q
                    for q in self.view.quotes_at.get((number, hit.paragraph), ())
                    if q.text == hit.text
                ),
                None,
            )
        self.show_place((number, hit.paragraph), quote)
        self.hit_list.set_reactive(HitList.cursor, index)
        self.hit_list.refresh()
        self.update_status()

    def action_search(self) -> None:
        """Focus the search bar before the next key is read.

        Keys that arrive together with the "/" (a fast typist over SSH, a busy
        moment) are the query: typed at the pane they would run its keys, and
        "/iraq" would quit. So "/" is a priority key, run as the app reads it,
        and focuses at once rather than after the queued events as `focus()`
        would; in the search bar it is just a "/".
        """
        search = self.search_input
        if self.focused is search:  # after the keys already on their way to it
            search.post_message(events.Key("slash", "/"))
        else:
            self.set_focus(search)

    def _step_hit(self, step: int) -> None:
        if not self.hits:
            self.notify("No search hits. Press / to search.", markup=False)
            return
        if self.hit_index is None:
            index = 0 if step > 0 else len(self.hits) - 1
        else:
            index = (self.hit_index + step) % len(self.hits)
        self.open_hit(index)
        self.reveal_reader()

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    # Filter.

    def apply_filter(self, name: str, actor: Actor | None) -> None:
        assert self.view is not None
        places = set(self.view.places_of(actor)) if actor else set()
        for quote in self.view.quotes_by.get(name, ()):
            if (place := self.view.place_of_quote(quote)) is not None:
                places.add(place)
        self.filter = Filter(name, actor, frozenset(places))
        self.marked = actor
        self.refill()
        self.notify(f"Showing only {name}: escape clears the filter.", markup=False)

    def clear_filter(self) -> None:
        self.filter = None
        self.document = None
        self.refill()
        if self.view is not None and self.view.documents:
            self.open_document(0)

    def action_filter_actor(self) -> None:
        if self.view is None:
            return
        if self.focused is self.quote_list and (quote := self.quote_list.entry) is not None:
            if not quote.speaker:
                self.notify("This quote has no speaker to filter by.", markup=False)
                return
            self.apply_filter(quote.speaker, self.view.speaker_of(quote))
        elif isinstance(actor := self.actor_list.entry, Actor):
            self.apply_filter(actor.name, actor)
        else:
            self.notify("Highlight an actor (2) or a quote (3) first.", markup=False)

    def action_clear(self) -> None:
        in_search = self.focused in (self.search_input, self.hit_list)
        if self.search_input.value or self.results is not None:
            self.search_input.value = ""
            self.clear_results()
        elif self.filter is not None:
            self.clear_filter()
        if in_search:
            self.activate(self.active)

    # Copying.

    def current_quote(self) -> Quote | None:
        """The quote the user is on: in the Quotes pane, or in the reader's paragraph."""
        view = self.view
        if view is None:
            return None
        if self.focused is self.quote_list:
            return self.quote_list.entry
        block = self.reader.block
        if block is None:
            return None
        quotes = view.quotes_at.get(block.place, [])
        if self.reader_quote in quotes:
            return self.reader_quote
        return quotes[0] if quotes else None

    def copy(self, render: Callable[[Quote], str], what: str) -> None:
        quote = self.current_quote()
        if quote is None:
            self.notify(
                "No quote here: highlight one in the Quotes pane (3) "
                "or move the reader to a quoted paragraph.",
                severity="warning",
                markup=False,
            )
            return
        text = render(quote)
        self.app.copy_to_clipboard(text)
        by = f" by {quote.speaker}" if quote.speaker else ""
        self.notify(f"Copied {what}{by} ({len(text)} chars)", markup=False)

    def cite(self, quote: Quote) -> str:
        assert self.view is not None
        place = self.view.place_of_quote(quote)
        title = self.view.title(place[0]) if place else quote.document
        return attribution(quote, self.view.speaker_of(quote), title)

    def action_copy_quote(self) -> None:
        self.copy(self.cite, "quote")

    def action_copy_text(self) -> None:
        self.copy(lambda quote: quote.text, "quote text")

    def action_reload(self) -> None:
        self.briefer.load()
