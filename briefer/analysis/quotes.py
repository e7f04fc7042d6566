"""Direct quotes and who said them."""

from __future__ import annotations

from collections.abc import Sequence

from briefer.model import Actor, Document, Quote


def find_quotes(document: Document, actors: Sequence[Actor]) -> tuple[Quote, ...]:
    return ()
