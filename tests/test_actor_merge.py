"""Actors across documents, and quote speakers that must be actors."""

from __future__ import annotations

from briefer.analysis import analyse_document, combine
from briefer.analysis.merge import merge_actors, speakers_as_actors
from briefer.ingest.plaintext import read_plaintext
from briefer.model import Actor, Mention, Quote


def mention(document: str, start: int, text: str) -> Mention:
    return Mention(document, start, start + len(text), text, 0)


def test_the_same_full_name_is_one_actor_across_documents() -> None:
    a = read_plaintext("a.txt", "Firas Maksad, a senior fellow, spoke in Beirut on Monday.")
    b = read_plaintext("b.txt", "Analysts including Firas Maksad disagreed with the plan.")
    _, actors = combine([analyse_document(a), analyse_document(b)])
    maksad = [x for x in actors if x.name == "Firas Maksad"]
    assert len(maksad) == 1
    assert {m.document for m in maksad[0].mentions} == {"a.txt", "b.txt"}


def test_a_lone_surname_joins_the_one_person_introduced_elsewhere() -> None:
    doug = Actor("Doug London", "person", ("London",), (), (mention("a.txt", 0, "Doug London"),))
    lone = Actor("London", "person", (), (), (mention("b.txt", 10, "London"),))
    quote = Quote("b.txt", 0, None, "It is a marriage of convenience", 0, 5, "London", 10, 16)
    quotes, actors = merge_actors([doug, lone], [quote])
    assert [a.name for a in actors] == ["Doug London"]
    assert len(actors[0].mentions) == 2
    assert quotes[0].speaker == "Doug London"


def test_a_surname_shared_by_two_people_stays_apart() -> None:
    hillary = Actor("Hillary Clinton", "person", ("Clinton",), (), (mention("a.txt", 0, "x"),))
    bill = Actor("Bill Clinton", "person", ("Clinton",), (), (mention("b.txt", 0, "x"),))
    lone = Actor("Clinton", "person", (), (), (mention("c.txt", 0, "Clinton"),))
    _, actors = merge_actors([hillary, bill, lone], [])
    assert sorted(a.name for a in actors) == ["Bill Clinton", "Clinton", "Hillary Clinton"]


def test_a_lone_surname_joins_the_person_who_bears_it_far_more_often() -> None:
    many = tuple(mention("a.txt", i * 20, "Hillary Clinton") for i in range(10))
    hillary = Actor("Hillary Clinton", "person", ("Clinton",), (), many)
    bill = Actor("Bill Clinton", "person", ("Clinton",), (), (mention("b.txt", 0, "x"),))
    lone = Actor("Clinton", "person", (), (), (mention("c.txt", 0, "Clinton"),))
    _, actors = merge_actors([hillary, bill, lone], [])
    assert sorted((a.name, len(a.mentions)) for a in actors) == [
        ("Bill Clinton", 1),
        ("Hillary Clinton", 11),
    ]


def test_a_place_never_joins_a_person_of_that_name() -> None:
    george = Actor("George Washington", "person", ("Washington",), (), (mention("a.txt", 0, "x"),))
    city = Actor("Washington", "place", (), (), (mention("b.txt", 0, "Washington"),))
    _, actors = merge_actors([george, city], [])
    assert sorted(a.name for a in actors) == ["George Washington", "Washington"]


def test_a_common_word_is_not_folded_into_a_longer_name_elsewhere() -> None:
    longer = Actor(
        "Senate Democrats", "group", ("Senate",), (), (mention("a.txt", 0, "Senate Democrats"),)
    )
    senate = Actor("Senate", "organization", (), (), (mention("b.txt", 0, "Senate"),))
    _, actors = merge_actors([longer, senate], [])
    assert sorted(a.name for a in actors) == ["Senate", "Senate Democrats"]


def test_an_acronym_joins_its_expansion_elsewhere() -> None:
    pij = Actor(
        "Palestinian Islamic Jihad",
        "organization",
        ("PIJ",),
        (),
        (mention("a.txt", 0, "Palestinian Islamic Jihad"),),
    )
    lone = Actor("PIJ", "organization", (), (), (mention("b.txt", 0, "PIJ"),))
    _, actors = merge_actors([pij, lone], [])
    assert [a.name for a in actors] == ["Palestinian Islamic Jihad"]


def test_the_kind_most_mentions_were_given_wins() -> None:
    one = Actor("Hezbollah", "person", (), (), (mention("a.txt", 0, "Hezbollah"),))
    many = Actor(
        "Hezbollah",
        "organization",
        (),
        (),
        tuple(mention("b.txt", i * 20, "Hezbollah") for i in range(3)),
    )
    _, actors = merge_actors([one, many], [])
    assert [(a.name, a.kind, len(a.mentions)) for a in actors] == [("Hezbollah", "organization", 4)]


def test_a_named_speaker_the_actor_rules_missed_becomes_an_actor() -> None:
    text = "“We will not stop,” Zakharova said."
    document = read_plaintext("a.txt", text)
    start = text.index("Zakharova")
    quote = Quote("a.txt", 0, None, "We will not stop,", 0, 19, "Zakharova", start, start + 9)
    actors = speakers_as_actors(document, [quote], ())
    assert [(a.name, a.kind) for a in actors] == [("Zakharova", "person")]
    assert actors[0].mentions[0].text == "Zakharova"


def test_a_nominal_speaker_is_no_actor() -> None:
    document = read_plaintext("a.txt", "“We will not stop,” a spokesman said.")
    quote = Quote("a.txt", 0, None, "We will not stop,", 0, 19, "The spokesman", 20, 31)
    assert speakers_as_actors(document, [quote], ()) == ()
