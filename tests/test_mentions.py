"""An actor's mentions kept as columns: the same mentions back, in order, through the cache."""

from __future__ import annotations

import pickle

import pytest

from briefer.model import Actor, Mention, Mentions


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
