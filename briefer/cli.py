"""The `briefer` command: the TUI by default, JSON and text for scripts.

Every `--json` output is one JSON document on stdout; diagnostics go to
stderr, one line each, so scripts can pipe stdout straight into a parser.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from briefer import __version__
from briefer.export import actor_json, briefing_json, quote_json, search_json

if TYPE_CHECKING:  # the briefing pulls in ingest and analysis: imported when used, so the
    # TUI's first frame does not wait for them
    from briefer.briefing import Briefing, Progress

PATHS = click.argument("paths", nargs=-1, type=click.Path())
JSON = click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout.")


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"briefer: {message}", err=True)
    sys.exit(code)


def load(paths: Sequence[str], progress: Progress | None = None) -> Briefing:
    """Load the briefing (cached), reporting each file notice on stderr.

    A file the user named explicitly that cannot be read is an error, not a
    warning: they asked for that file and would otherwise get an empty answer.
    """
    from briefer.briefing import default_paths, load_briefing
    from briefer.ingest import PathError

    chosen = list(paths) or default_paths()
    try:
        briefing = load_briefing(chosen, progress=progress)
    except PathError as exc:
        fail(str(exc), 2)
    named_files = {os.path.normpath(p) for p in chosen if os.path.isfile(p)}
    for notice in briefing.notices:
        if notice.skipped and notice.path in named_files:
            fail(f"cannot read {notice.path}: {notice.message}")
        click.echo(f"briefer: {notice}", err=True)
    return briefing


def emit_json(value: Any) -> None:
    indent = 2 if sys.stdout.isatty() else None
    click.echo(json.dumps(value, ensure_ascii=False, indent=indent))


class DefaultGroup(click.Group):
    """A group whose first argument may be a path rather than a command name.

    `briefer seeds/` opens the TUI just as `briefer open seeds/` does; a path
    that happens to share a command's name can be written `./export`.
    """

    default_command = "open"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """`briefer --theme X` is `briefer open --theme X`: the group has no such option."""
        own = {name for param in self.get_params(ctx) for name in param.opts}
        if args and args[0].startswith("-") and args[0].split("=")[0] not in own:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] in self.commands:
            return super().resolve_command(ctx, args)
        return self.default_command, self.commands[self.default_command], args


@click.group(cls=DefaultGroup, invoke_without_command=True)
@click.version_option(__version__, prog_name="briefer")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Browse a briefing: its actors, sections and every direct quote with its speaker.

    PATH is a file or folder (folders are read recursively for .txt, .md and
    .markdown); with no PATH the bundled sample briefing opens.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(open_tui)


@main.command("open")
@PATHS
@click.option("--theme", help="Colour theme for this run (the palette's theme switcher saves one).")
def open_tui(paths: tuple[str, ...] = (), theme: str | None = None) -> None:
    """Open the briefing in the terminal UI (the default command).

    Paths are only checked here; the app reads them in the background so its
    first frame shows at once, with progress for a big folder.
    """
    from briefer.tui import UnknownTheme, run

    for path in paths:
        if not os.path.lexists(path):
            fail(f"{os.path.normpath(path)}: no such file or folder", 2)
    try:
        run(paths, theme)
    except UnknownTheme as exc:
        fail(str(exc), 2)


def text_command(
    name: str,
    help_text: str,
    to_json: Callable[[Briefing], Any],
    to_text: Callable[[Briefing], str],
) -> click.Command:
    @PATHS
    @JSON
    def command(paths: tuple[str, ...], as_json: bool) -> None:
        briefing = load(paths)
        if as_json:
            emit_json(to_json(briefing))
        else:
            click.echo(to_text(briefing))

    return main.command(name, help=help_text)(command)


def outline_text(briefing: Briefing) -> str:
    lines = []
    for document in briefing.documents:
        lines.append(f"{document.title}  ({document.path}, {len(document.paragraphs)} paragraphs)")
        for section in document.sections:
            lines.append(f"  {section.title or '(lead)'}: {len(section.paragraphs)} paragraphs")
    lines.append(
        f"{len(briefing.documents)} documents, {len(briefing.quotes)} quotes, "
        f"{len(briefing.actors)} actors"
    )
    return "\n".join(lines)


def quotes_text(briefing: Briefing) -> str:
    return "\n".join(
        f"“{q.text}” — {q.speaker or 'unattributed'} ({q.document}, ¶{q.paragraph + 1})"
        for q in briefing.quotes
    )


def actors_text(briefing: Briefing) -> str:
    lines = []
    for actor in sorted(briefing.actors, key=lambda a: (-len(a.mentions), a.name)):
        roles = f" — {'; '.join(actor.roles)}" if actor.roles else ""
        lines.append(f"{len(actor.mentions):5}  {actor.name} ({actor.kind}){roles}")
    return "\n".join(lines)


text_command(
    "export",
    "Print the whole analysed briefing: documents, quotes and actors.",
    briefing_json,
    outline_text,
)
text_command(
    "quotes",
    "Print every direct quote with its speaker.",
    lambda b: [quote_json(q) for q in b.quotes],
    quotes_text,
)
text_command(
    "actors",
    "Print every actor with its kind, aliases, roles and mentions.",
    lambda b: [actor_json(a) for a in b.actors],
    actors_text,
)


class StderrProgress:
    """A progress bar on stderr for work on many files; small jobs show nothing."""

    def __init__(self, label: str, threshold: int = 50) -> None:
        self.label = label
        self.threshold = threshold
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if total < self.threshold:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.render_progress()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()
            self.bar = None


def open_index(briefing: Briefing, progress: Progress | None = None) -> Any:
    from briefer.index import BriefingIndex

    return BriefingIndex.open(
        briefing, progress, notify=lambda message: click.echo(f"briefer: {message}", err=True)
    )


@main.command("search")
@click.argument("query")
@PATHS
@JSON
@click.option("--limit", default=20, show_default=True, help="Most hits to print (0: all).")
def search(query: str, paths: tuple[str, ...], as_json: bool, limit: int) -> None:
    """Search paragraphs and quotes: words (all must match), "a phrase", OR, NOT,
    prefix*, fuzzy~, and fields speaker:, actor:, section:, kind:quote, doc:."""
    briefing = load(paths)
    with open_index(briefing) as index:
        results = index.search(query, limit)
    if results.error:
        click.echo(f"briefer: {results.error}", err=True)
    if as_json:
        emit_json(search_json(results))
    else:
        if results.suggestion:
            click.echo(f"Did you mean: {results.suggestion}")
        for hit in results.hits:
            who = f" — {hit.speaker}" if hit.speaker else ""
            click.echo(f"{hit.document} ¶{hit.paragraph + 1} ({hit.kind}{who}): {hit.highlights}")
        click.echo(
            f"{results.total} hits"
            + (f", {len(results.hits)} shown" if results.total > len(results.hits) else "")
        )
    if results.error:
        sys.exit(2)


@main.command("index")
@PATHS
def index(paths: tuple[str, ...]) -> None:
    """Analyse and index a briefing now, so opening it later is instant."""
    reading = StderrProgress("Analysing")
    try:
        briefing = load(paths, reading)
    finally:
        reading.close()
    indexing = StderrProgress("Indexing ")
    try:
        with open_index(briefing, indexing) as search_index:
            changed = search_index.changed
            count = search_index.doc_count()
    finally:
        indexing.close()
    click.echo(
        f"briefer: {len(briefing.documents)} documents indexed ({count} paragraphs and quotes); "
        f"{len(changed.add)} files updated, {len(set(changed.remove) - set(changed.add))} removed",
        err=True,
    )
