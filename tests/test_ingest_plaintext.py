"""Plain text: the two paragraph conventions, headings, boilerplate and titles."""

from __future__ import annotations

import re

import pytest

from briefer.ingest import read_plaintext
from briefer.ingest.boilerplate import PATTERNS, is_boilerplate

WIRE_STORY = """\
Senate leaders reach deal on stopgap spending bill

WASHINGTON (AP) — Senate leaders agreed on Tuesday to a stopgap
spending bill that would keep the government open through mid-December,
averting a shutdown that had seemed likely only days ago.

"We have a path forward," Senate Majority Leader Mitch McConnell told
reporters after a closed-door lunch. "It is not perfect, but it keeps
the lights on."

Negotiations
The agreement followed a week of talks between the two parties, with
Democrats pressing for disaster aid and Republicans insisting on a
shorter timeline.
Democrats said they would support the measure if the aid stayed in.

What comes next

The House is expected to take up the bill on Thursday, when members
return from a weeklong recess, and the president has said he will sign
it.
"""

WEB_PAGE = "\n".join(
    [
        "Ceasefire talks resume in Cairo as pressure mounts",
        "By Sarah Mitchell",
        "November 12, 2023 10:45 a.m. EST",
        "Negotiators from Israel and Hamas returned to Cairo on Sunday for a new round of "
        "indirect talks, Egyptian officials said.",
        "ADVERTISEMENT",
        "“We are closer than we have been in weeks,” said one Egyptian official, who asked "
        "not to be named.",
        "Story continues below advertisement",
        "The talks are mediated by Egypt and Qatar, with the United States pressing both sides.",
        "Background",
        "The last truce collapsed on Dec. 1 after seven days, when fighting resumed in the "
        "south of Gaza.",
        "Read more: How the last truce fell apart",
        "Families of hostages have staged daily protests in Tel Aviv.",
        "Updated 11:30 a.m.",
    ]
)


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def sections(document) -> list[tuple[str | None, list[str]]]:
    return [
        (s.title, [document.paragraphs[i].text[:30] for i in s.paragraphs])
        for s in document.sections
    ]


def test_wrapped_lines_join_into_paragraphs_split_at_blank_lines(assert_maps_to_source) -> None:
    document = read_plaintext("wire.txt", WIRE_STORY)
    assert texts(document)[1] == (
        "WASHINGTON (AP) — Senate leaders agreed on Tuesday to a stopgap spending bill that "
        "would keep the government open through mid-December, averting a shutdown that had "
        "seemed likely only days ago."
    )
    assert texts(document)[2].endswith('it keeps the lights on."')
    assert all("\n" not in t for t in texts(document))
    assert_maps_to_source(document, WIRE_STORY)


def test_wrapped_text_headings_with_or_without_a_blank_line_below() -> None:
    document = read_plaintext("wire.txt", WIRE_STORY)
    assert sections(document) == [
        (
            None,
            [
                "Senate leaders reach deal on s",
                "WASHINGTON (AP) — Senate leade",
                '"We have a path forward," Sena',
            ],
        ),
        (
            "Negotiations",
            ["The agreement followed a week ", "Democrats said they would supp"],
        ),
        ("What comes next", ["The House is expected to take "]),
    ]


def test_list_items_in_wrapped_text_are_paragraphs_of_their_own() -> None:
    text = (
        "The envoy listed three demands in a letter sent to the mediators on\n"
        "Sunday evening, according to two officials who have seen it:\n"
        "- a full ceasefire that would hold for at least six weeks and cover\n"
        "  the south of the territory as well as the north;\n"
        "• the release of prisoners held without charge;\n"
        "3. guarantees from Egypt and Qatar.\n"
    )
    assert [p.text[:12] for p in read_plaintext("t.txt", text).paragraphs] == [
        "The envoy li",
        "- a full cea",
        "• the releas",
        "3. guarantee",
    ]


def test_one_paragraph_per_line(assert_maps_to_source) -> None:
    document = read_plaintext("cairo.txt", WEB_PAGE)
    assert texts(document)[3] == (
        "Negotiators from Israel and Hamas returned to Cairo on Sunday for a new round of "
        "indirect talks, Egyptian officials said."
    )
    assert len(document.paragraphs) == 9  # three boilerplate lines and a heading less
    assert_maps_to_source(document, WEB_PAGE)


def test_one_paragraph_per_line_with_blank_lines_between() -> None:
    spaced = WEB_PAGE.replace("\n", "\n\n")
    assert texts(read_plaintext("cairo.txt", spaced)) == texts(
        read_plaintext("cairo.txt", WEB_PAGE)
    )


def test_a_stray_break_mid_sentence_does_not_split_a_paragraph() -> None:
    text = (
        "Rubio said the plan would cost too much.\n\n"
        "“Supporters of other candidates have focused on paid advertising that has a limited\n"
        "effect on getting them to participate personally,” Blackwell added.\n\n"
        "The campaign declined to comment.\n"
    )
    assert texts(read_plaintext("break.txt", text)) == [
        "Rubio said the plan would cost too much.",
        "“Supporters of other candidates have focused on paid advertising that has a limited "
        "effect on getting them to participate personally,” Blackwell added.",
        "The campaign declined to comment.",
    ]


def test_numbered_lists_and_bracketed_sources_stay_one_per_line() -> None:
    text = (
        "THE WEEKEND’S POLLS\n"
        "Donald Trump leads Ted Cruz in Indiana. [NBC/WSJ/Marist]\n"
        "One poll shows Ted Cruz 16 points ahead of Trump in Indiana. [IPFW]\n"
        "Hillary Clinton leads Bernie Sanders in Indiana. [ARG]\n"
        "\n"
        "1\n"
        "John Leguizamo on how history makes Latinos feel invisible\n"
    )
    assert len(read_plaintext("polls.txt", text).paragraphs) == 6


def test_headings_in_the_sample(seed) -> None:
    document = read_plaintext(seed.name, seed.read_text(encoding="utf-8"))
    assert [s.title for s in document.sections] == [None, "Detachment", "Tension"]
    assert [len(s.paragraphs) for s in document.sections] == [9, 11, 8]
    assert len(document.paragraphs) == 28
    assert "ADVERTISEMENT" not in texts(document)
    assert texts(document)[0].startswith("Leaders from Hamas and Hezbollah")


def test_dates_bylines_and_the_title_line_are_not_headings() -> None:
    document = read_plaintext("cairo.txt", WEB_PAGE)
    assert [s.title for s in document.sections] == [None, "Background"]
    for line in ("By Sarah Mitchell", "November 12, 2023 10:45 a.m. EST", "Updated 11:30 a.m."):
        assert line in texts(document)


@pytest.mark.parametrize(
    "line",
    [
        "Nov. 3, 2015",
        "Tuesday, March 1, 2016 5:42 p.m. EST",
        "12 March 2024",
        "2024-03-12",
        "10:30 a.m. ET",
        "March 2016",
        "Reporting by Tom Perry",
        "Published 6:00 AM",
    ],
)
def test_date_and_byline_lines_are_not_headings(line: str) -> None:
    text = f"A headline about the talks\n{line}\nThe talks resumed on Sunday.\nThey ended late.\n"
    assert [s.title for s in read_plaintext("t.txt", text).sections] == [None]


BOILERPLATE_LINES = [
    "ADVERTISEMENT",
    "Advertisement",
    "Sponsored content",
    "Story continues below",
    "Story continues below advertisement",
    "Article continues after this advertisement",
    "Continue reading the main story",
    "Read more: Iran’s proxies and the war in Gaza",
    "See also: How the Axis of Resistance works",
    "Related coverage",
    "Sign up for our morning newsletter",
    "Subscribe now for unlimited access.",
    "Share this article",
    "Share on Facebook",
    "Click here to get the latest updates.",
    "Follow us on Twitter",
    "Photo: Ahmad Gharabli/AFP via Getty Images",
    "Image credit: Reuters",
    "(Photo by Spencer Platt)",
    "Jim Urquhart / Reuters.",
    "Getty Images",
    "AP Photo/Evan Vucci",
    '<tweet tweet-id="773113752271060992"><tweet/>.',
]


@pytest.mark.parametrize("line", BOILERPLATE_LINES)
def test_boilerplate_lines_are_dropped(line: str) -> None:
    assert is_boilerplate(line)
    text = f"Talks resume in Cairo\nThe talks resumed on Sunday.\n{line}\nThey ended late.\n"
    assert texts(read_plaintext("t.txt", text)) == [
        "Talks resume in Cairo",
        "The talks resumed on Sunday.",
        "They ended late.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Advertisements for the campaign ran in Iowa for weeks.",
        "Share prices fell 5 percent on Monday after the announcement.",
        "Related to the dispute, the senator said he would not vote for the bill.",
        "Reuters reported that the talks had stalled.",
        "Photo opportunities were limited, aides said.",
        "Read the fine print, the lawyer told the committee.",
        "Subscribers to the newsletter were told of the change on Friday.",
        "Follow-up talks are expected next week in Doha.",
        "See you in court, the governor told reporters.",
    ],
)
def test_real_sentences_survive_the_boilerplate_list(sentence: str) -> None:
    assert not is_boilerplate(sentence)


def test_every_boilerplate_pattern_is_exercised() -> None:
    """The list is small and data-driven; each entry must earn its place in a test above."""
    for pattern in PATTERNS:
        alone = re.compile(rf"\s*(?:{pattern})[\s.:!]*", re.IGNORECASE)
        assert any(alone.fullmatch(line) for line in BOILERPLATE_LINES), pattern


def test_title_is_a_headline_first_line() -> None:
    assert read_plaintext("wire.txt", WIRE_STORY).title == (
        "Senate leaders reach deal on stopgap spending bill"
    )
    assert read_plaintext("cairo.txt", WEB_PAGE).title == (
        "Ceasefire talks resume in Cairo as pressure mounts"
    )


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("Clinton takes Pa., Md. and Del.; most delegates locked up;", None),
        (
            "Trump says praise from Putin helps the U.S.;",
            "Trump says praise from Putin helps the U.S.",
        ),
        ("Republicans Finally Confirmed A Judge. Is This Obama’s Last One?", None),
        ("Clinton to Planned Parenthood: Trump will reverse Roe v. Wade.", None),
        ("Superdelegates? Dems have too many, the GOP too few.", None),
    ],
)
def test_headline_conventions_of_news_feeds(first_line: str, title: str | None) -> None:
    """A headline set apart by a blank line may hold two sentences; a trailing ';' or '.'
    is the feed's, not the headline's, unless it ends an abbreviation."""
    text = f"{first_line}\n\nThe suburb has put out the welcome mat for years.\n\nBody text.\n"
    assert read_plaintext("t.txt", text).title == (title or first_line.rstrip(";."))


def test_headline_with_its_deck_on_the_next_line() -> None:
    text = (
        "Syrians find a home in Clarkston, Ga.;\n"
        "For years, the Atlanta suburb has put out the welcome mat.\n\n"
        "CLARKSTON, Ga. — The refugees began arriving in the spring.\n"
    )
    document = read_plaintext("t.txt", text)
    assert document.title == "Syrians find a home in Clarkston, Ga."
    assert len(document.paragraphs) == 3


def test_a_title_cased_first_line_is_a_headline_even_with_a_full_stop() -> None:
    text = "Bernie Sanders Suffered A Big Blow. Here’s His Plan.\nSanders lost Michigan.\n"
    assert (
        read_plaintext("t.txt", text).title == "Bernie Sanders Suffered A Big Blow. Here’s His Plan"
    )


def test_title_is_the_first_sentence_shortened_when_the_first_line_is_a_paragraph(seed) -> None:
    document = read_plaintext(seed.name, seed.read_text(encoding="utf-8"))
    assert document.title.startswith("Leaders from Hamas and Hezbollah have been meeting")
    assert len(document.title) <= 81 and document.title.endswith("…")


def test_title_first_sentence_respects_abbreviations() -> None:
    text = (
        "Sen. Elizabeth Warren of Massachusetts told reporters on Capitol Hill on Tuesday that "
        "the U.S. would not back down. She did not elaborate on what that would mean.\n"
    )
    title = read_plaintext("t.txt", text).title
    assert title.startswith("Sen. Elizabeth Warren of Massachusetts")
    assert "She did not" not in title


@pytest.mark.parametrize("name", ["cf13c56e70b3d794.txt", "000_cf13c56e70b3d794.txt", "9f8e.txt"])
def test_title_is_never_a_hash_like_file_name(name: str) -> None:
    document = read_plaintext(name, "Notes on the Cairo talks\nTalks resumed on Sunday.\n")
    assert document.title == "Notes on the Cairo talks"


def test_polnear_articles_segment_cleanly(polnear_text) -> None:
    """Every article: paragraphs, no blank line inside one, a title that is not its file name."""
    for path in sorted(polnear_text.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        document = read_plaintext(path.name, text)
        assert document.paragraphs, path.name
        assert all("\n" not in p.text for p in document.paragraphs), path.name
        assert document.title and path.stem not in document.title, path.name
        assert not document.title.endswith((";", ":", ",")), document.title


def test_a_handful_of_polnear_articles_in_detail(polnear_text, assert_maps_to_source) -> None:
    chosen = sorted(polnear_text.glob("*.txt"))[::120]  # one per outlet
    assert len(chosen) == 7
    for path in chosen:
        text = path.read_text(encoding="utf-8")
        document = read_plaintext(path.name, text)
        blocks = [b for b in text.split("\n\n") if b.strip()]
        # One paragraph per blank-line block, less boilerplate, give or take a heading.
        assert len(blocks) - 3 <= len(document.paragraphs) <= len(blocks) + 3, path.name
        headline = text.split("\n", 1)[0].strip()
        assert headline.startswith(document.title), path.name
        assert len(document.title) >= len(headline) - 1, path.name
        assert_maps_to_source(document, text)
