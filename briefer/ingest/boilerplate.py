"""Lines that publishing systems put between paragraphs and nobody wrote.

Each pattern must match a whole line (case-insensitive, surrounding space and
trailing punctuation ignored); keep the list short and covered by tests, since
every entry is a chance to drop a real sentence.
"""

from __future__ import annotations

import re

PATTERNS: tuple[str, ...] = (
    r"advertisement|advertising|sponsored( content)?|ad",
    r"story continues( below( (this )?(advertisement|ad))?)?",
    r"article continues (below|after (this )?(advertisement|ad))",
    r"continue reading( (below|the main story|this article))?",
    r"(read|see) (more|also)(( here)?|: .{0,100})",
    r"related( articles?| stories| coverage)?(: .{0,100})?",
    r"sign up (for|to)\b.{0,120}",
    r"subscribe (now|today|to)\b.{0,120}",
    r"(share|share this( article| story)?|share on (facebook|twitter|x))",
    r"click here\b.{0,120}",
    r"follow (us|@)\b.{0,80}",
    r"(photo|image|picture|video)( credit)?s?: .{0,120}",
    r"\(?(photo|image) by .{0,100}",
    r".{0,80}/ ?(getty images|ap photo|reuters|afp|shutterstock)\)?",
    # An agency alone, or with a photographer's capitalised name after a slash.
    r"\(?(getty images|ap photo|reuters|afp|shutterstock)"
    r"( ?/ ?(?-i:[A-Z][\w.'’-]*)( (?-i:[A-Z][\w.'’-]*)){0,3})?\)?",
    r"(<[^>]*>\s*)+",  # leftover embed placeholders such as <tweet .../>
)

BOILERPLATE = re.compile(
    r"\s*(?:" + "|".join(f"(?:{p})" for p in PATTERNS) + r")[\s.:!]*",
    re.IGNORECASE,
)


def is_boilerplate(line: str) -> bool:
    return BOILERPLATE.fullmatch(line) is not None
