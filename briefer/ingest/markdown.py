"""Markdown: headings make sections; paragraphs, list items and quotes make paragraphs.

markdown-it-py gives each block the source lines it came from but no character
offsets for inline text, so each text run is found again in its block's
source, which keeps quote and mention offsets pointing into the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefer.ingest.assemble import Block, assemble, shorten
from briefer.ingest.boilerplate import is_boilerplate
from briefer.ingest.clean import CONTROL, SPACE_LIKE, PieceBuilder, clean_line
from briefer.model import Document

# `text_join` would merge entities and backslash escapes into the text around
# them, and a run whose rendering differs from its source can't be found in it.
_PARSER = MarkdownIt("commonmark").disable("text_join")
_TEXT_TOKENS = {"text", "code_inline"}
_BREAK_TOKENS = {"softbreak", "hardbreak"}
# Blocks shown as they are written: code and raw HTML still hold the author's words.
_RAW_BLOCKS = {"code_block", "fence", "html_block"}
# Where a link's or an image's source goes on after its text.
_LINK_TAIL = re.compile(r"\]\([^)\n]*\)|\]\[[^\]\n]*\]|\]|>")
_IMAGE = re.compile(r"!\[(?:[^\]\\\n]|\\.)*\](?:\([^)\n]*\)|\[[^\]\n]*\])?")
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_FRONT_MATTER = re.compile(r"---[ \t]*\n(?:[^\n]*\n){0,200}?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_FRONT_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.MULTILINE)
# Container markers at the start of a line: block quotes and list items.
_MARKERS = re.compile(r"(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*")
_LIST_MARKER = re.compile(r"[-*+]|\d{1,9}[.)]")
_REFERENCE = re.compile(r"[ \t]{0,3}\[[^\]]+\]:[ \t]*\S")


class _Locator:
    """Maps offsets in a token's `content` back to source offsets.

    Line k of the content is found at the end of source line `first + k`, where
    container markers (`>`, list bullets, indentation) are what was cut off.
    """

    def __init__(self, source: str, line_starts: list[int], content: str, first: int) -> None:
        self.content = content
        self.content_starts: list[int] = []
        self.source_starts: list[int] = []
        offset = 0
        for k, line in enumerate(content.split("\n")):
            n = min(first + k, len(line_starts) - 1)
            begin = line_starts[n]
            end = line_starts[n + 1] - 1 if n + 1 < len(line_starts) else len(source)
            raw = source[begin:end].rstrip()
            want = line.rstrip()
            if want and raw.endswith(want):
                at = begin + len(raw) - len(want)
            else:  # indentation rewritten (tabs): line up the words instead
                found = raw.find(want.strip()) if want.strip() else -1
                at = begin + max(found, 0) - (len(want) - len(want.lstrip()))
            self.content_starts.append(offset)
            self.source_starts.append(at)
            offset += len(line) + 1

    def source(self, content_offset: int) -> int:
        k = max(bisect_right(self.content_starts, content_offset) - 1, 0)
        return self.source_starts[k] + content_offset - self.content_starts[k]

    def copy(self, builder: PieceBuilder, start: int, end: int) -> None:
        """Copy content ``[start, end)`` (within one line) from the source.

        Where the parser changed the text (a tab expanded, a line it could not
        be matched to), the content is kept as rendered, anchored where it starts.
        """
        begin = self.source(start)
        wanted = self.content[start:end]
        if builder.source[begin : begin + len(wanted)] == wanted:
            builder.copy(begin, begin + len(wanted))
        else:
            builder.put(wanted, begin)


def _inline_builder(source: str, line_starts: list[int], token: Token) -> PieceBuilder:
    locator = _Locator(source, line_starts, token.content, (token.map or (0, 0))[0])
    content = locator.content
    flat = content.replace("\n", " ")
    builder = PieceBuilder(source)
    cursor = 0
    for child in token.children or []:
        if child.type in _BREAK_TOKENS:
            newline = content.find("\n", cursor)
            if newline >= 0:
                if len(builder):
                    builder.put(" ", locator.source(newline))
                cursor = newline + 1
        elif child.type in _TEXT_TOKENS and child.content:
            # A code span may run over lines, rendered with spaces for the breaks.
            found = flat.find(child.content, cursor)
            if found >= 0:
                _copy_lines(builder, locator, found, found + len(child.content))
                cursor = found + len(child.content)
            else:
                builder.put(child.content, locator.source(cursor))
        elif child.type == "text_special":  # an entity or an escape: its rendering
            found = content.find(child.markup, cursor)
            at = found if found >= 0 else cursor
            builder.put(child.content, locator.source(at))
            cursor = at + len(child.markup) if found >= 0 else cursor
        elif child.type == "link_close":
            tail = _LINK_TAIL.match(content, cursor)
            cursor = tail.end() if tail else cursor
        elif child.type == "image":
            start = content.find("![", cursor)
            image = _IMAGE.match(content, start) if start >= 0 else None
            cursor = image.end() if image else cursor
        elif child.type == "html_inline":
            found = content.find(child.content, cursor)
            cursor = found + len(child.content) if found >= 0 else cursor
    return builder


def _copy_lines(builder: PieceBuilder, locator: _Locator, start: int, end: int) -> None:
    """Copy content ``[start, end)``, a line at a time, a space for each line break."""
    while True:
        newline = locator.content.find("\n", start, end)
        stop = end if newline < 0 else newline
        if start < stop:
            locator.copy(builder, start, stop)
        if newline < 0:
            return
        builder.put(" ", locator.source(newline))
        start = newline + 1


def _paragraphs_of_lines(source: str, lines: list[list[tuple[int, int]]]) -> list[Block]:
    """One paragraph per run of lines that hold text; a line is a list of source spans."""
    blocks: list[Block] = []
    run: list[list[tuple[int, int]]] = []
    for line in [*lines, []]:
        if clean_line("".join(source[a:b] for a, b in line)).strip():
            run.append(line)
            continue
        if run:
            builder = PieceBuilder(source)
            for k, spans in enumerate(run):
                if k:
                    builder.put(" ", spans[0][0] - 1)
                for a, b in _strip_spans(source, spans):
                    builder.copy(a, b)
            blocks.append(Block.from_builder(builder))
        run = []
    return blocks


def _strip_spans(source: str, line: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of one line without the white space at either end of the line."""
    a, b = line[0]
    line = [(a + len(source[a:b]) - len(source[a:b].lstrip()), b), *line[1:]]
    a, b = line[-1]
    line[-1] = (a, a + len(source[a:b].rstrip()))
    return [(a, b) for a, b in line if a < b]


def _raw_block(source: str, line_starts: list[int], token: Token) -> list[Block]:
    """Code and HTML blocks as paragraphs of their text (tags and comments removed)."""
    first = (token.map or (0, 0))[0] + (1 if token.type == "fence" else 0)
    locator = _Locator(source, line_starts, token.content, first)
    content = token.content
    keep: list[tuple[int, int]] = []
    pos = 0
    if token.type == "html_block":
        for tag in _TAG.finditer(content):
            keep.append((pos, tag.start()))
            pos = tag.end()
    keep.append((pos, len(content)))
    lines: list[list[tuple[int, int]]] = [[]]
    for a, b in keep:
        while True:
            newline = content.find("\n", a, b)
            end = b if newline < 0 else newline
            span = _verified(source, locator, a, end)
            if span:
                lines[-1].append(span)
            if newline < 0:
                break
            lines.append([])
            a = newline + 1
    return _paragraphs_of_lines(source, lines)


def _verified(source: str, locator: _Locator, start: int, end: int) -> tuple[int, int] | None:
    """The source span of content ``[start, end)``, or of its words without the white
    space around them when the parser rewrote that (a tab in the indentation)."""
    words = locator.content[start:end]
    core = start + len(words) - len(words.lstrip()), start + len(words.rstrip())
    for a, b in ((start, end), core):
        at = locator.source(a)
        if a < b and at >= 0 and source[at : at + b - a] == locator.content[a:b]:
            return at, at + b - a
    return None


def _lost_lines(source: str, line_starts: list[int], covered: list[bool]) -> list[Block]:
    """Lines the parser gave no token, as paragraphs.

    markdown-it stops building blocks past `maxNesting` (20) levels of quotes
    and lists and drops what is deeper; a document must not lose text to that.
    Container markers are cut off; a list marker starts a new paragraph.
    """
    lines: list[list[tuple[int, int]]] = []
    for n, is_covered in enumerate(covered):
        begin = line_starts[n]
        end = line_starts[n + 1] - 1 if n + 1 < len(line_starts) else len(source)
        raw = source[begin:end]
        if is_covered or _REFERENCE.match(raw):
            lines.append([])
            continue
        markers = _MARKERS.match(raw)
        cut = markers.end() if markers else 0
        if _LIST_MARKER.search(raw[:cut]):
            lines.append([])  # a new item: a new paragraph
        lines.append([(begin + cut, end)])
    return _paragraphs_of_lines(source, lines)


@dataclass
class _FrontMatter:
    end: int
    title: str | None


def _front_matter(text: str) -> _FrontMatter:
    """A YAML front-matter block (`---` ... `---`) at the top: its extent and title."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return _FrontMatter(0, None)
    found = _FRONT_TITLE.search(match.group())
    title = clean_line(found.group(1)).strip().strip("\"'").strip() if found else ""
    return _FrontMatter(match.end(), title or None)


def _masked(text: str) -> str:
    """`text` with every control sequence overwritten by DEL characters.

    The parser must not see escape sequences: the `[` of a CSI would open a
    link. DEL is no Markdown syntax, the cleaner removes it, and masking keeps
    every offset where it was. Line and paragraph separators become the
    spaces they are shown as, which the parser (and `str.strip`) treat alike.
    """
    return SPACE_LIKE.sub(" ", CONTROL.sub(lambda m: "\x7f" * len(m.group()), text))


def read_markdown(path: str, text: str) -> Document:
    text = _masked(text)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    front = _front_matter(text)
    # Blank the front matter out (same length, same newlines) so offsets hold.
    tokens = _PARSER.parse(re.sub(r"[^\n]", " ", text[: front.end]) + text[front.end :])
    front_lines = text.count("\n", 0, front.end)
    covered = [True] * front_lines + [False] * (len(line_starts) - front_lines)
    blocks: list[Block] = []
    title = front.title
    for i, token in enumerate(tokens):
        if token.map and (token.type in _RAW_BLOCKS or token.type in ("heading_open", "hr")):
            covered[token.map[0] : token.map[1]] = [True] * (token.map[1] - token.map[0])
        if token.type in _RAW_BLOCKS:
            blocks.extend(_raw_block(text, line_starts, token))
            continue
        if token.type != "inline" or i == 0:
            continue
        opener = tokens[i - 1]
        if opener.type not in ("heading_open", "paragraph_open"):
            continue
        if token.map:
            covered[token.map[0] : token.map[1]] = [True] * (token.map[1] - token.map[0])
        block = Block.from_builder(
            _inline_builder(text, line_starts, token), heading=opener.type == "heading_open"
        )
        if not block.text.strip() or (not block.heading and is_boilerplate(block.text)):
            continue
        if block.heading and title is None and not blocks and opener.tag == "h1":
            title = shorten(block.text)  # the document's title, not a section
            continue
        blocks.append(block)
    blocks.extend(_lost_lines(text, line_starts, covered))
    blocks.sort(key=lambda block: block.start)  # lost lines and raw blocks in their places
    return assemble(path, "markdown", blocks, title)
