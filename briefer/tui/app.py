"""The briefer app: themes, keymap, loading in the background, and the index.

The first frame never waits for reading: the briefing is read on a thread
started before Textual is imported (`briefer.tui.loading`), and indexed in a
worker once shown, with progress in the status line, so a big folder never
holds the screen blank and heavy imports stay off the way to the first frame.
A briefing read from the cache is usually ready when the screen mounts, and
the first frame shows it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from textual import work
from textual.app import App
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from briefer.config import Config, load_config, save_theme
from briefer.model import SearchResults
from briefer.themes import DEFAULT_THEME, FALLBACK_THEME, LoadedThemes, load_themes, theme_folders
from briefer.tui import UnknownTheme
from briefer.tui.help import HelpScreen
from briefer.tui.keys import KEY_IDS, bindings
from briefer.tui.loading import BriefingLoad
from briefer.tui.screen import BriefingScreen
from briefer.tui.view import BriefingView

if TYPE_CHECKING:
    from textual.command import Provider

    from briefer.briefing import Briefing
    from briefer.index import BriefingIndex

Progress = Callable[[int, int], None]
Notify = Callable[[str], None]


class Searcher(Protocol):
    def search(self, query: str, limit: int) -> SearchResults | None:
        """Results, or None when a newer query came in before this one ran."""

    def close(self) -> None: ...


OpenIndex = Callable[["Briefing", Progress, Notify], Searcher]


UNSENDABLE = {"ctrl+h": "backspace", "ctrl+m": "enter", "ctrl+i": "tab"}


class SerialSearch:
    """Runs every query on one thread, newest first, skipping queries already overtaken.

    Each search worker is a new thread, and a Whoosh index keeps one searcher
    per thread; funnelling queries through one thread keeps one searcher open.
    """

    def __init__(self, index: BriefingIndex) -> None:
        self.index = index
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefer-search")
        self.latest = 0
        self.lock = threading.Lock()
        # Open the searcher now, as the index stands right after it was brought up to
        # date with the briefing on screen: another briefer may rewrite the index
        # later, and a searcher opened then would answer for files the screen lacks.
        self.pool.submit(index.doc_count).result()

    def search(self, query: str, limit: int) -> SearchResults | None:
        with self.lock:
            self.latest += 1
            ticket = self.latest

        def run() -> SearchResults | None:
            return self.index.search(query, limit=limit) if ticket == self.latest else None

        return self.pool.submit(run).result()

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        self.index.close()


def open_whoosh_index(briefing: Briefing, progress: Progress, notify: Notify) -> Searcher:
    """The search index, built or brought up to date (imported here: Whoosh is slow to load)."""
    from briefer.index import BriefingIndex

    return SerialSearch(BriefingIndex.open(briefing, progress=progress, notify=notify))


def briefing_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (it is slow to import)."""
    from briefer.tui.commands import BriefingCommands

    return BriefingCommands


class Throttle:
    """Passes progress to the UI thread at most every `interval` seconds, and always the end."""

    def __init__(self, report: Progress, interval: float = 0.1) -> None:
        self.report = report
        self.interval = interval
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self.last >= self.interval:
            self.last = now
            self.report(done, total)


class BrieferApp(App[None]):
    TITLE = "briefer"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    BINDINGS = bindings("app")
    COMMANDS = App.COMMANDS | {briefing_commands}
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        paths: Sequence[str] = (),
        *,
        briefing: Briefing | None = None,
        theme: str | None = None,
        config: Config | None = None,
        themes: LoadedThemes | None = None,
        open_index: OpenIndex | None = open_whoosh_index,
        loading: BriefingLoad | None = None,
    ) -> None:
        """Open `paths` (read in the background), or an already built `briefing`.

        `open_index` builds the searcher once the briefing is there; None means
        no search (the search bar says so). `loading` is a reading of `paths`
        already under way (`briefer.tui.run` starts one before importing
        Textual); without one, reading starts here. Raises UnknownTheme for a
        `theme` that is not registered.
        """
        if briefing is None and loading is None:
            loading = BriefingLoad(paths)
        self.loading = loading
        super().__init__()
        self.paths = list(paths)
        self.given_briefing = briefing
        self.open_index = open_index
        self.config = config if config is not None else load_config()
        self.warnings: list[str] = list(self.config.warnings)
        loaded = themes if themes is not None else load_themes(theme_folders(self.config.folder))
        self.warnings.extend(loaded.warnings)
        for loaded_theme in loaded.themes:
            self.register_theme(loaded_theme)
        if theme is not None and theme not in self.available_themes:
            names = ", ".join(sorted(self.available_themes))
            raise UnknownTheme(f"unknown theme {theme!r} (themes: {names})")
        self.theme = self.starting_theme(theme)
        unknown = sorted(set(self.config.keys) - KEY_IDS)
        if unknown:
            self.warnings.append(
                f"{self.config.path}: unknown key binding id {unknown[0]!r} (? lists the ids)"
            )
        self.keymap = {k: v for k, v in self.config.keys.items() if k in KEY_IDS}
        for binding_id, keys in self.keymap.items():
            unsendable = {k.strip() for k in keys.split(",")} & set(UNSENDABLE)
            if unsendable:
                key = sorted(unsendable)[0]
                self.warnings.append(
                    f"{self.config.path}: {binding_id} = {key!r} will not work: "
                    f"terminals send {key} as {UNSENDABLE[key]}"
                )
        self.set_keymap(self.keymap)
        self.briefing: Briefing | None = None
        self.searcher: Searcher | None = None

    def starting_theme(self, asked: str | None) -> str:
        if asked is not None:
            return asked
        saved = self.config.theme
        if saved is not None and saved in self.available_themes:
            return saved
        if saved is not None:
            self.warnings.append(
                f"theme {saved!r} from {self.config.path} not found; using default"
            )
        return DEFAULT_THEME if DEFAULT_THEME in self.available_themes else FALLBACK_THEME

    def get_default_screen(self) -> BriefingScreen:
        return BriefingScreen()

    @property
    def briefing_screen(self) -> BriefingScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, BriefingScreen)
        return screen

    def on_mount(self) -> None:
        for warning in self.warnings:
            self.notify(warning, severity="warning", markup=False, timeout=8)
        self.theme_changed_signal.subscribe(self, self.remember_theme)

    def start(self) -> None:
        """Called by the briefing screen once it is mounted."""
        if self.given_briefing is not None:
            self.briefing_loaded(self.given_briefing, BriefingView(self.given_briefing))
            return
        assert self.loading is not None
        screen = self.briefing_screen

        def report(done: int, total: int) -> None:
            self.call_from_thread(screen.set_busy, "reading", done, total)

        loading = self.loading
        done, progress = loading.follow(
            Throttle(report), lambda: self.call_from_thread(self.first_load_over, loading)
        )
        if progress is not None:
            screen.set_busy("reading", *progress)
        elif not done:
            screen.set_busy("reading…")
        if done:  # read while Textual started: the first frame shows the briefing
            self.first_load_over(loading)

    def first_load_over(self, loading: BriefingLoad) -> None:
        if loading is not self.loading:  # a reload (r) overtook it
            return
        self.loading = None
        if loading.result is not None:
            self.briefing_loaded(*loading.result)
            return
        self.briefing_screen.set_busy("")
        self.notify(
            f"Could not read the briefing: {loading.error}",
            severity="error",
            markup=False,
            timeout=10,
        )

    # Themes.

    def remember_theme(self, theme: Theme) -> None:
        """Keep the user's choice for next time; a read-only config folder only earns a warning."""
        if theme.name == self.config.theme:
            return
        try:
            save_theme(self.config.folder, theme.name)
        except OSError as exc:
            self.notify(
                f"Could not save the theme in {self.config.folder}: {exc.strerror or exc}",
                severity="warning",
                markup=False,
            )
            return
        self.config = Config(self.config.folder, theme.name, self.config.keys)

    # Loading and indexing.

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        """Read the briefing again; unchanged files come from the cache."""
        from briefer.briefing import default_paths, load_briefing

        self.loading = None
        screen = self.briefing_screen
        if self.paths:
            paths = self.paths
        elif self.briefing is not None:
            paths = list(self.briefing.paths)
        else:
            paths = default_paths()

        def report(done: int, total: int) -> None:
            self.call_from_thread(screen.set_busy, "reading", done, total)

        briefing = load_briefing(paths, progress=Throttle(report))
        view = BriefingView(briefing)
        self.call_from_thread(self.briefing_loaded, briefing, view)

    def briefing_loaded(self, briefing: Briefing, view: BriefingView) -> None:
        self.briefing = briefing
        self.sub_title = f"{view.name} — {view.counts()}"
        screen = self.briefing_screen
        screen.searcher = None
        screen.set_busy("")
        screen.show_briefing(view)
        from briefer.store import about_cache

        notices = [n for n in briefing.notices if not about_cache(n)]
        for notice in briefing.notices:
            if about_cache(notice):  # not a file: say what it is
                self.notify(f"{notice.path}: {notice.message}", severity="warning", markup=False)
        if notices:
            skipped = sum(n.skipped for n in notices)
            warned = len(notices) - skipped
            parts = [f"{skipped} skipped"] if skipped else []
            parts += [f"{warned} read with warnings"] if warned else []
            self.notify(
                f"Files: {', '.join(parts)}. Press ? to see which.",
                severity="warning",
                markup=False,
                timeout=8,
            )
        if self.open_index is not None:
            screen.set_busy("indexing…")
            self.call_after_refresh(self.index_briefing, briefing)

    # A description of its own: Textual's default is the repr of the arguments, which for
    # a briefing of 10,000 articles takes the UI thread over a second to build.
    @work(thread=True, exclusive=True, group="index", exit_on_error=False, description="index")
    def index_briefing(self, briefing: Briefing) -> None:
        assert self.open_index is not None
        screen = self.briefing_screen

        def report(done: int, total: int) -> None:
            self.call_from_thread(screen.set_busy, "indexing", done, total)

        def notify(message: str) -> None:
            self.call_from_thread(self.notify, message, severity="warning", markup=False)

        searcher = self.open_index(briefing, Throttle(report), notify)
        self.call_from_thread(self.index_ready, briefing, searcher)

    def index_ready(self, briefing: Briefing, searcher: Searcher) -> None:
        if briefing is not self.briefing:
            searcher.close()
            return
        if self.searcher is not None:
            self.searcher.close()
        self.searcher = searcher
        screen = self.briefing_screen
        screen.set_busy("")
        screen.set_searcher(searcher)

    def on_unmount(self) -> None:
        if self.searcher is not None:
            self.searcher.close()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A load or index that failed is reported in one line; the app keeps running."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        what = {"load": "Could not read the briefing", "index": "Search is unavailable"}
        message = f"{what.get(event.worker.group, 'Failed')}: {error}"
        self.briefing_screen.set_busy("")
        self.notify(message, severity="error", markup=False, timeout=10)

    # Keys.

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        notices = self.briefing.notices if self.briefing is not None else ()
        self.push_screen(HelpScreen(self.keymap, notices))
