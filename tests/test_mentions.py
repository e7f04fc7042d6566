"""Mentions and paragraphs kept as columns: the same values back, in order, through the cache."""

from __future__ import annotations

import pickle

import pytest

from briefer.model import Actor, Mention, Mentions, Paragraphs


def many(count: int) -> list[Mention]:
    names = ("Hillary Clinton", "Clinton", "Mrs. Clinton")
    return [
        Mention(f"news/{n % 300:03}.txt", 40 * n, 40 * n + 7, names[n % 3], n % 50)
        for n in range(count)
    ]


def test_an_actor_reads_back_the_mentions_it_was_given() -> None:
    given = many(5)
    actor = Actor("Hillary Clinton", "person", ("Clinton",), (), tuple(given))
    assert isinstance(actor.mentions, Mentions)
    assert list(actor.mentions) == given
    assert actor.mentions[0] == given[0] and actor.mentions[-1] == given[-1]
    assert actor.mentions[1:3] == tuple(given[1:3])
    assert actor.mentions == tuple(given) and tuple(given) == actor.mentions
    assert actor == Actor("Hillary Clinton", "person", ("Clinton",), (), given)
    assert actor != Actor("Hillary Clinton", "person", ("Clinton",), (), given[:4])
    with pytest.raises(IndexError):
        actor.mentions[5]


def test_no_mentions_and_a_paragraph_left_unsaid() -> None:
    assert len(Actor("Iran", "place").mentions) == 0
    mention = Mention("a.txt", 3, 7, "Iran")
    assert Actor("Iran", "place", mentions=(mention,)).mentions[0].paragraph == -1


def test_a_cached_actor_comes_back_equal_and_small() -> None:
    actor = Actor("Hillary Clinton", "person", mentions=many(10_000))
    data = pickle.dumps(actor, protocol=pickle.HIGHEST_PROTOCOL)
    again = pickle.loads(data)
    assert again == actor and list(again.mentions) == list(actor.mentions)
    assert hash(again) == hash(actor)
    assert len(data) < 25 * 10_000  # as objects, some 50 bytes a mention


def test_mentions_joined_from_parts_are_the_parts_in_order() -> None:
    given = many(40)
    parts = [Mentions(given[:10]), given[10:25], Mentions(), Mentions(given[25:])]
    assert list(Mentions.joined(parts)) == given
    assert Mentions.joined([]) == ()


def test_a_cached_document_reads_back_the_paragraphs_it_was_given() -> None:
    """Documents come back from the cache with their paragraphs as columns: the same
    texts, offsets and cleaning pieces, and equal to the document that was saved."""
    from briefer.ingest import parse

    text = "Talks resume\nThe minister\x1b[2J spoke on Sunday.\nDetachment\nIt went on, he said.\n"
    document, _ = parse("a.txt", "text", text.encode())
    back = pickle.loads(pickle.dumps(document))
    assert isinstance(back.paragraphs, Paragraphs)
    assert back == document and document == back
    assert list(back.paragraphs) == list(document.paragraphs)
    assert back.paragraphs[-1] == document.paragraphs[-1]
    assert back.paragraphs[:2] == tuple(document.paragraphs[:2])
    spoke = next(p for p in back.paragraphs if "spoke" in p.text)
    assert spoke.pieces, "the removed escape splits the paragraph into pieces"
    assert text[spoke.source_offset(spoke.text.index("spoke")) :].startswith("spoke")
    assert pickle.loads(pickle.dumps(back)) == document
    with pytest.raises(IndexError):
        back.paragraphs[len(document.paragraphs)]
