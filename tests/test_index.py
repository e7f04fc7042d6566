"""The search index on hand-made briefings: what a user types, what they get back.

Briefings are built here (documents, quotes, actors by hand), so these tests
hold whatever the analysis engines decide.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from tui_data import make_document, make_quote
from whoosh import index as windex

import briefer.index as bindex
from briefer.briefing import Briefing
from briefer.index import BriefingIndex, index_folder
from briefer.model import Actor, Document, Mention

LONDON = (
    "“Hamas, Hezbollah, and Iran… it’s a marriage of convenience,” Doug London, a former "
    "CIA chief of station, said."
)
CLINTON = "Hillary Clinton spoke about immigration reform in Iowa on Tuesday."
TENSION = "Tensions remain, because Hamas wants Hezbollah to step up its attacks."


def mention(document: Document, paragraph: int, words: str) -> Mention:
    para = document.paragraphs[paragraph]
    start = para.start + para.text.index(words)
    return Mention(document.path, start, start + len(words), words, paragraph)


def sample_briefing(extra: str = "") -> Briefing:
    """Two documents: a Middle East note with a section and a quote, and a campaign note."""
    mideast = make_document(
        "notes/mideast.txt",
        "Hamas and Hezbollah",
        [
            (None, [LONDON, "Iran has a vested interest in preserving Hezbollah."]),
            ("Tension", [TENSION]),
        ],
    )
    campaign = make_document(
        "notes/campaign.txt", "Campaign trail", [(None, [CLINTON, extra or "Nothing else."])]
    )
    quote = make_quote(
        mideast, 0, "Hamas, Hezbollah, and Iran… it’s a marriage of convenience,", "Doug London"
    )
    actors = (
        Actor(
            "Doug London",
            "person",
            ("London",),
            ("former CIA chief of station",),
            (mention(mideast, 0, "Doug London"),),
        ),
        Actor(
            "Hezbollah",
            "group",
            ("Hizbollah",),
            (),
            (
                mention(mideast, 0, "Hezbollah"),
                mention(mideast, 1, "Hezbollah"),
                mention(mideast, 2, "Hezbollah"),
            ),
        ),
        Actor(
            "Hillary Clinton",
            "person",
            ("Clinton",),
            (),
            (mention(campaign, 0, "Hillary Clinton"),),
        ),
    )
    return Briefing("notes", ("notes",), (mideast, campaign), (quote,), actors)


@pytest.fixture
def index() -> Iterator[BriefingIndex]:
    with BriefingIndex.open(sample_briefing()) as opened:
        yield opened


def texts(results) -> list[str]:
    return [hit.text for hit in results.hits]


def test_a_word_finds_its_paragraph_and_marks_it(index: BriefingIndex) -> None:
    results = index.search("immigration")
    assert results.total == 1 and results.error is None
    hit = results.hits[0]
    assert (hit.document, hit.paragraph, hit.kind) == ("notes/campaign.txt", 0, "paragraph")
    assert [hit.text[s:e] for s, e in hit.matches] == ["immigration"]
    assert "«immigration»" in hit.highlights


def test_words_are_stemmed_and_all_must_match(index: BriefingIndex) -> None:
    assert texts(index.search("preserve Iran")) == [
        "Iran has a vested interest in preserving Hezbollah."
    ]
    assert index.search("preserve Clinton").total == 0


def test_accents_fold(index: BriefingIndex) -> None:
    assert index.search("Hézbollah").total >= 3


def test_speaker_filter_matches_a_surname_in_any_case(index: BriefingIndex) -> None:
    for query in ("speaker:london", "Speaker:LONDON", 'speaker:"doug london"'):
        results = index.search(query)
        assert [(h.kind, h.speaker) for h in results.hits] == [("quote", "Doug London")], query


def test_kind_section_actor_and_doc_filters(index: BriefingIndex) -> None:
    assert {h.kind for h in index.search("kind:quote").hits} == {"quote"}
    assert texts(index.search("section:tension")) == [TENSION]
    actor_hits = index.search("actor:hezbollah kind:paragraph")
    assert {h.paragraph for h in actor_hits.hits} == {0, 1, 2}
    assert index.search("actor:hizbollah").total == index.search("actor:hezbollah").total
    assert {h.document for h in index.search("doc:campaign").hits} == {"notes/campaign.txt"}
    assert {h.document for h in index.search("doc:trail clinton").hits} == {"notes/campaign.txt"}
    assert index.search("doc:nowhere").total == 0
    assert index.search("hezbollah NOT doc:mideast").total == 0


def test_phrase_is_marked_whole(index: BriefingIndex) -> None:
    results = index.search('"marriage of convenience"')
    assert {h.kind for h in results.hits} == {"quote", "paragraph"}
    for hit in results.hits:
        assert "«marriage of convenience»" in hit.highlights
    assert index.search('"convenience of marriage"').total == 0


def test_or_and_not(index: BriefingIndex) -> None:
    assert index.search("Clinton OR Tensions").total == 2
    assert index.search("Hezbollah NOT Iran").total == 1


def test_prefix_matches_whole_words_despite_stemming(index: BriefingIndex) -> None:
    results = index.search("immigrat*")
    assert texts(results) == [CLINTON]
    assert "«immigration»" in results.hits[0].highlights


def test_fuzzy_term(index: BriefingIndex) -> None:
    results = index.search("Clinten~")
    assert texts(results) == [CLINTON]
    assert "«Clinton»" in results.hits[0].highlights


@pytest.mark.parametrize(
    "query",
    [
        '"unclosed',
        "speaker:",
        "((",
        "))",
        "a AND",
        "[a TO",
        "x^",
        "x~9",
        "*",
        "?",
        "NOT",
        '"',
        "the",
    ],
)
def test_malformed_queries_answer_without_raising(index: BriefingIndex, query: str) -> None:
    results = index.search(query)
    assert results.error is None or "\n" not in results.error
    assert results.error or results.total >= 0


def test_empty_field_value_says_what_is_missing(index: BriefingIndex) -> None:
    results = index.search("speaker:")
    assert results.hits == () and results.error and "speaker:" in results.error


def test_suggests_a_close_word_only_when_a_word_is_missing(index: BriefingIndex) -> None:
    results = index.search("Hezbolah")
    assert results.total == 0 and results.suggestion == "hezbollah"
    assert index.search("Hezbollah Iran").suggestion is None
    assert index.search("Clintn immigration").suggestion == "clinton immigration"


def test_highlights_are_plain_text(tmp_path: Path) -> None:
    markup = "[bold red]Danger[/] and [@click=app.quit]click[/] here."
    with BriefingIndex.open(sample_briefing(extra=markup)) as index:
        hit = index.search("danger").hits[0]
    assert hit.text == markup
    assert "[bold red]«Danger»[/]" in hit.highlights


def test_limit_and_total(index: BriefingIndex) -> None:
    results = index.search("hezbollah", limit=1)
    assert len(results.hits) == 1 and results.total > 1
    assert len(index.search("hezbollah", limit=0).hits) == results.total


def test_searches_from_many_threads_agree(index: BriefingIndex) -> None:
    expected = texts(index.search("hezbollah"))
    seen: list[list[str]] = []

    def work() -> None:
        for _ in range(20):
            seen.append(texts(index.search("hezbollah")))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 80 and all(s == expected for s in seen)


def test_reopening_an_unchanged_briefing_writes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    BriefingIndex.open(sample_briefing()).close()

    def no_writer(*args: object, **kwargs: object) -> None:
        raise AssertionError("the index was written to")

    monkeypatch.setattr(bindex, "_writer", no_writer)
    with BriefingIndex.open(sample_briefing()) as index:
        assert index.changed.add == () and index.changed.remove == ()
        assert index.search("Clinton").total == 1


def test_only_changed_added_and_removed_files_are_reindexed() -> None:
    before = sample_briefing()
    BriefingIndex.open(before).close()
    _, campaign = before.documents
    changed = make_document(
        campaign.path, campaign.title, [(None, ["Senator Clinton spoke about tariffs instead."])]
    )
    added = make_document(
        "notes/new.txt", "Fresh", [(None, ["A brand new paragraph about zebras."])]
    )
    after = Briefing("notes", ("notes",), (changed, added), (), ())
    with BriefingIndex.open(after) as index:
        assert set(index.changed.add) == {"notes/campaign.txt", "notes/new.txt"}
        assert set(index.changed.remove) == {"notes/campaign.txt", "notes/mideast.txt"}
        assert index.search("immigration").total == 0
        assert texts(index.search("tariffs")) == ["Senator Clinton spoke about tariffs instead."]
        assert index.search("zebra").total == 1
        assert index.search("hezbollah").total == 0
        assert index.doc_count() == 2


def keyed(briefing: Briefing) -> Briefing:
    """The briefing as `load_briefing` gives it: each file known by a key of its content."""
    keys = {d.path: f"key of {d.path}" for d in briefing.documents}
    return replace(briefing, fingerprint=None, file_keys=keys)


def with_aliases(briefing: Briefing, name: str, *aliases: str) -> Briefing:
    actors = tuple(
        replace(a, aliases=(*a.aliases, *aliases)) if a.name == name else a for a in briefing.actors
    )
    return replace(briefing, actors=actors)


def test_files_an_alias_learnt_elsewhere_changes_are_reindexed_alone() -> None:
    """A new alias of Doug London (the merge found it in another file) changes the actor
    words of the unchanged file that mentions him, and of no other file."""
    before = keyed(sample_briefing())
    BriefingIndex.open(before).close()
    with BriefingIndex.open(with_aliases(before, "Doug London", "Douglas London")) as index:
        assert index.changed.add == ("notes/mideast.txt",)
        assert {(h.kind, h.paragraph) for h in index.search("actor:douglas").hits} == {
            ("paragraph", 0),
            ("quote", 0),
        }
        assert index.search("speaker:douglas").total == 1


def test_an_alias_with_the_same_words_rewrites_nothing() -> None:
    before = keyed(sample_briefing())
    BriefingIndex.open(before).close()
    with BriefingIndex.open(with_aliases(before, "Doug London", "DOUG LONDON")) as index:
        assert index.changed.add == () and index.changed.remove == ()


def test_a_renamed_speaker_reindexes_the_file_of_the_quote() -> None:
    before = keyed(sample_briefing())
    BriefingIndex.open(before).close()
    quotes = tuple(replace(q, speaker="Hillary Clinton") for q in before.quotes)
    with BriefingIndex.open(replace(before, quotes=quotes)) as index:
        assert index.changed.add == ("notes/mideast.txt",)
        assert index.search("speaker:clinton").total == 1
        assert index.search("speaker:london").total == 0


def test_a_different_index_version_is_rebuilt_with_one_notice() -> None:
    briefing = sample_briefing()
    folder = index_folder(briefing)
    folder.mkdir(parents=True)
    from whoosh.fields import ID, Schema

    windex.create_in(str(folder), Schema(path=ID(stored=True)), indexname="briefer0")
    with BriefingIndex.open(briefing) as index:
        assert len(index.notices) == 1 and "another version" in index.notices[0]
        assert index.search("Clinton").total == 1
    with BriefingIndex.open(briefing) as index:
        assert index.notices == ()


def test_a_damaged_index_is_rebuilt_with_one_notice() -> None:
    briefing = sample_briefing()
    BriefingIndex.open(briefing).close()
    folder = index_folder(briefing)
    for path in folder.iterdir():
        if path.suffix in (".seg", ".toc"):
            path.write_bytes(b"garbage" * 10)
    heard: list[str] = []
    with BriefingIndex.open(briefing, notify=heard.append) as index:
        assert len(heard) == 1 and "damaged" in heard[0] and "rebuilding" in heard[0]
        assert index.search("Clinton").total == 1


def test_a_truncated_segment_is_rebuilt(tmp_path: Path) -> None:
    briefing = sample_briefing()
    BriefingIndex.open(briefing).close()
    for path in index_folder(briefing).glob(f"{bindex.INDEX_NAME}_*"):  # the segment's files
        with open(path, "r+b") as handle:
            handle.truncate(os.path.getsize(path) // 2)
    with BriefingIndex.open(briefing) as index:
        assert index.notices and "damaged" in index.notices[0]
        assert index.search("Clinton").total == 1


@pytest.mark.usefixtures("unwritable_cache")
def test_unwritable_cache_falls_back_to_memory() -> None:
    heard: list[str] = []
    with BriefingIndex.open(sample_briefing(), notify=heard.append) as index:
        assert index.in_memory
        assert len(heard) == 1 and "in memory" in heard[0]
        assert index.search("Clinton").total == 1


def test_a_second_writer_waits_for_the_lock_and_says_so() -> None:
    BriefingIndex.open(sample_briefing()).close()
    ix = windex.open_dir(str(index_folder(sample_briefing())), bindex.INDEX_NAME)
    writer = ix.writer()
    heard: list[str] = []
    waiting = threading.Event()
    opened: list[BriefingIndex] = []

    def notify(message: str) -> None:
        heard.append(message)
        waiting.set()

    def open_changed() -> None:
        opened.append(BriefingIndex.open(sample_briefing(extra="Zebras crossed."), notify=notify))

    thread = threading.Thread(target=open_changed)
    thread.start()
    assert waiting.wait(10), "no notice while the lock was held"
    assert opened == []
    writer.cancel()
    thread.join(10)
    assert len(heard) == 1 and "waiting" in heard[0]
    with opened[0] as index:
        assert index.search("zebras").total == 1


def test_reopening_a_loaded_briefing_compares_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefer.briefing import load_briefing

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in (("a.txt", CLINTON), ("b.txt", TENSION)):
        (folder / name).write_text(text + "\n", encoding="utf-8")
    BriefingIndex.open(load_briefing([str(folder)])).close()
    loaded = load_briefing([str(folder)])

    def no_entries(*args: object) -> None:
        raise AssertionError("the briefing's entries were computed")

    with monkeypatch.context() as patch:
        patch.setattr(bindex, "Entries", no_entries)
        with BriefingIndex.open(loaded) as index:
            assert index.search("Clinton").total == 1
    # Another writer changed the index since: the marker no longer vouches for it.
    BriefingIndex.open(replace(sample_briefing(), paths=loaded.paths)).close()
    with BriefingIndex.open(loaded) as index:
        assert set(index.changed.add) == {str(folder / "a.txt"), str(folder / "b.txt")}
        assert index.search("Clinton").total == 1 and index.search("vested").total == 0


def test_leftovers_of_an_interrupted_rebuild_are_swept() -> None:
    briefing = sample_briefing()
    folder = index_folder(briefing)
    folder.parent.mkdir(parents=True)
    old = folder.parent / f".{folder.name}.new.abc123"
    recent = folder.parent / f".{folder.name}.new.def456"
    for leftover in (old, recent):
        leftover.mkdir()
        (leftover / "_briefer5_1.toc").write_bytes(b"half written")
    os.utime(old, (0, 0))
    BriefingIndex.open(briefing).close()
    assert not old.exists() and recent.exists()


POOL = (
    "senate",
    "vote",
    "budget",
    "tax",
    "reform",
    "immigration",
    "border",
    "wall",
    "trade",
    "tariff",
    "china",
    "iowa",
    "poll",
    "debate",
    "campaign",
    "rally",
    "voters",
    "economy",
    "jobs",
    "health",
    "care",
    "court",
    "justice",
    "climate",
    "energy",
    "military",
    "iran",
    "israel",
    "hezbollah",
    "sanctions",
    "deal",
    "treaty",
    "governor",
    "mayor",
    "police",
    "protest",
)


def random_briefing(seed: int, files: int = 30) -> Briefing:
    """Documents of random sentences from a small pool of words: many ties, many scores."""
    import random

    pick = random.Random(seed)
    documents = []
    for n in range(files):
        paragraphs = [
            " ".join(pick.choice(POOL) for _ in range(pick.randint(3, 40))) + "."
            for _ in range(pick.randint(1, 8))
        ]
        documents.append(make_document(f"pool/{n:02}.txt", f"Pool {n}", [(None, paragraphs)]))
    return Briefing("pool", ("pool",), tuple(documents), (), ())


RANKED_QUERIES = (
    "tax",
    "tax reform",
    "tax OR tariff OR trade",
    "iran NOT israel",
    "iran ANDNOT israel",
    '"health care"',
    '"health care" vote',
    "NOT court",
    "(iran OR israel) NOT (deal OR treaty)",
    "tax^3 OR budget",
    "kind:paragraph senate",
)


def whoosh_ranking(briefing: Briefing, query: str) -> list[tuple[str, int]]:
    """Every entry Whoosh's own search finds for `query` in the index, best first."""
    from briefer.query import QueryReader

    ix = windex.open_dir(str(index_folder(briefing)), bindex.INDEX_NAME)
    with ix.searcher() as searcher:
        results = searcher.search(QueryReader().parse(query).query, limit=None)
        return [(hit["file"], hit["paragraph"]) for hit in results]


def test_results_come_in_whoosh_order_with_exact_totals() -> None:
    """Scoring a block of postings at a time ranks as Whoosh ranks, ties included, before
    and after an update leaves the index in several segments with deleted entries."""
    briefing = random_briefing(1)
    for _ in range(2):
        with BriefingIndex.open(briefing) as index:
            for query in RANKED_QUERIES:
                expected = whoosh_ranking(briefing, query)
                found = index.search(query, limit=0)
                assert found.total == len(expected), query
                assert [(h.document, h.paragraph) for h in found.hits] == expected, query
                best = index.search(query, limit=5)
                assert (best.total, len(best.hits)) == (len(expected), min(5, len(expected)))
        changed = random_briefing(2).documents[:4]
        documents = tuple(
            replace(d, path=o.path) for d, o in zip(changed, briefing.documents[:4], strict=True)
        )
        briefing = replace(briefing, documents=documents + briefing.documents[4:-3])


def test_doc_words_can_be_combined(index: BriefingIndex) -> None:
    either = index.search("doc:campaign OR doc:mideast", limit=0)
    assert {h.document for h in either.hits} == {"notes/campaign.txt", "notes/mideast.txt"}
    assert either.total == index.doc_count()
    assert index.search("NOT doc:mideast kind:paragraph").total == 2


def test_prefix_and_fuzzy_totals_count_every_match() -> None:
    with BriefingIndex.open(random_briefing(3)) as index:
        for query in ("ta*", "tax~", "h?alth", "ira* OR isra*"):
            every = index.search(query, limit=0)
            assert every.total == len(every.hits) > 1, query
            assert index.search(query, limit=1).total == every.total, query


def test_a_prefix_with_too_many_stems_searches_the_most_frequent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import briefer.query as bquery

    briefing = random_briefing(4)
    monkeypatch.setattr(bquery, "MAX_TERMS", 2)
    with BriefingIndex.open(briefing) as index:
        found = index.search("t*", limit=0)  # tax, tariff, trade, treaty: the two most frequent
        words = {w for h in found.hits for s, e in h.matches for w in [h.text[s:e]]}
        counts = {w: index.search(w).total for w in ("tax", "tariff", "trade", "treaty")}
        assert words == set(sorted(counts, key=lambda w: -counts[w])[:2])


def test_words_of_removed_files_are_not_suggested_and_lost_words_come_back() -> None:
    before = sample_briefing()
    BriefingIndex.open(before).close()
    mideast, _ = before.documents
    after = Briefing("notes", ("notes",), (mideast,), before.quotes, before.actors[:2])
    with BriefingIndex.open(after) as index:
        assert index.search("Clintn").suggestion is None  # only the campaign note had it
        assert index.search("Hezbolah").suggestion == "hezbollah"
        assert index.search("preserv*").total == 1
    (index_folder(after) / bindex.WORDS).unlink()
    with BriefingIndex.open(after) as index:
        assert index.search("preserv*").total == 1 and index.search("Hezbolah").suggestion
