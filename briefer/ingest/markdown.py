"""Markdown: headings make sections; paragraphs, list items and quotes make paragraphs.

markdown-it-py gives each block the source lines it came from but no character
offsets for inline text, so each text run is found again in its block's
source, which keeps quote and mention offsets pointing into the file.
"""

from __future__ import annotations

from bisect import bisect_right

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefer.ingest.assemble import Block, assemble, shorten
from briefer.ingest.boilerplate import is_boilerplate
from briefer.ingest.clean import PieceBuilder
from briefer.model import Document

_PARSER = MarkdownIt("commonmark")
_TEXT_TOKENS = {"text", "code_inline"}
_BREAK_TOKENS = {"softbreak", "hardbreak"}


class _InlineLocator:
    """Maps offsets in an inline token's `content` back to source offsets."""

    def __init__(self, source: str, line_starts: list[int], token: Token) -> None:
        self.content = token.content
        self.content_starts: list[int] = []
        self.source_starts: list[int] = []
        first, last = token.map or (0, 0)
        offset = 0
        for k, line in enumerate(self.content.split("\n")):
            n = min(first + k, max(last - 1, first), len(line_starts) - 1)
            begin = line_starts[n]
            end = line_starts[n + 1] - 1 if n + 1 < len(line_starts) else len(source)
            raw = source[begin:end].rstrip()
            want = line.rstrip()
            if want and raw.endswith(want):
                at = begin + len(raw) - len(want)
            else:
                found = raw.find(want.strip()) if want.strip() else -1
                at = begin + max(found, 0)
            self.content_starts.append(offset)
            self.source_starts.append(at)
            offset += len(line) + 1

    def source(self, content_offset: int) -> int:
        k = bisect_right(self.content_starts, content_offset) - 1
        return self.source_starts[max(k, 0)] + content_offset - self.content_starts[max(k, 0)]


def _inline_builder(source: str, line_starts: list[int], token: Token) -> PieceBuilder:
    locator = _InlineLocator(source, line_starts, token)
    builder = PieceBuilder(source)
    cursor = 0
    for child in token.children or []:
        if child.type in _BREAK_TOKENS:
            newline = locator.content.find("\n", cursor)
            at = newline if newline >= 0 else cursor
            if len(builder):
                builder.put(" ", locator.source(at))
            cursor = at + 1 if newline >= 0 else cursor
            continue
        if child.type not in _TEXT_TOKENS or not child.content:
            continue
        found = locator.content.find(child.content, cursor)
        if found >= 0 and "\n" not in child.content:
            begin = locator.source(found)
            builder.copy(begin, begin + len(child.content))
            cursor = found + len(child.content)
        else:
            # Entities and escapes change the text: keep the rendered text,
            # anchored at the current source position.
            builder.put(child.content.replace("\n", " "), locator.source(cursor))
    return builder


def read_markdown(path: str, text: str) -> Document:
    line_starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            line_starts.append(i + 1)
    tokens = _PARSER.parse(text)
    blocks: list[Block] = []
    title: str | None = None
    for i, token in enumerate(tokens):
        if token.type != "inline" or i == 0:
            continue
        opener = tokens[i - 1].type
        if opener not in ("heading_open", "paragraph_open"):
            continue
        builder = _inline_builder(text, line_starts, token)
        block = Block.from_builder(builder, heading=opener == "heading_open")
        if not block.text.strip() or (not block.heading and is_boilerplate(block.text)):
            continue
        if block.heading and title is None and not blocks and tokens[i - 1].tag == "h1":
            title = shorten(block.text)
        blocks.append(block)
    return assemble(path, "markdown", blocks, title)
