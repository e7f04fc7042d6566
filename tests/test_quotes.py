"""The quote engine, rule by rule, on short sentences of the kind news is written in."""

from __future__ import annotations

import time

from briefer.analysis.lexicon import REPORTING_PARTICIPLES, REPORTING_VERBS
from briefer.analysis.quotes import find_quotes
from briefer.ingest.markdown import read_markdown
from briefer.ingest.plaintext import read_plaintext
from briefer.model import Actor, Mention, Quote


def quotes_of(text: str, actors: tuple[Actor, ...] = ()) -> list[Quote]:
    return list(find_quotes(read_plaintext("story.txt", text), actors))


def speakers(text: str, actors: tuple[Actor, ...] = ()) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in quotes_of(text, actors)]


def actor(text: str, name: str, kind: str, *written: str) -> Actor:
    """An actor as the actor engine reports it, mentioned at each of `written` in `text`."""
    mentions = tuple(
        Mention("story.txt", text.index(w), text.index(w) + len(w), w) for w in written
    )
    return Actor(name, kind, mentions=mentions)  # type: ignore[arg-type]


def spoken_at(text: str, quote: Quote) -> str | None:
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    return text[quote.speaker_start : quote.speaker_end]


# Pairing marks


def test_offsets_include_the_marks_and_text_leaves_them_out() -> None:
    text = "“We will win this fight,” the mayor said.\n"
    [quote] = quotes_of(text)
    assert text[quote.start : quote.end] == "“We will win this fight,”"
    assert quote.text == "We will win this fight,"


def test_straight_quotes_pair_like_curly_ones() -> None:
    text = '"We are not going anywhere," Smith said. "This is our home."\n'
    assert speakers(text) == [
        ("We are not going anywhere,", "Smith"),
        ("This is our home.", "Smith"),
    ]


def test_a_closing_mark_can_open_a_quote() -> None:
    text = "”There are ideological differences,” Firas Maksad told The Daily Beast.\n"
    [quote] = quotes_of(text)
    assert quote.text == "There are ideological differences,"
    assert quote.speaker == "Firas Maksad"


def test_ptb_marks_pair_backticks_with_apostrophes() -> None:
    text = "``The economy is strong,'' he said on Tuesday.\n"
    [quote] = quotes_of(text)
    assert quote.text == "The economy is strong,"
    assert spoken_at(text, quote) == "he"


def test_a_nested_single_quote_stays_inside_its_quote() -> None:
    text = "“They told me, ‘Go home now,’ and I refused,” Ms. Lee said.\n"
    [quote] = quotes_of(text)
    assert quote.text == "They told me, ‘Go home now,’ and I refused,"
    assert quote.speaker == "Lee"


def test_apostrophes_are_never_quote_marks() -> None:
    text = "“It’s the voters’ choice, and they’ve made it,” Smith said.\n"
    [quote] = quotes_of(text)
    assert quote.text == "It’s the voters’ choice, and they’ve made it,"


def test_three_apostrophes_close_a_nested_quote_and_the_quote() -> None:
    text = "''I tell them, 'The Fed does not care about you at all,''' said Mr. Meyer.\n"
    [quote] = quotes_of(text)
    assert quote.text == "I tell them, 'The Fed does not care about you at all,'"
    assert quote.speaker == "Meyer"


# What is not a quote


def test_scare_quotes_are_not_quotes() -> None:
    text = (
        "Hamas and Hezbollah are part of what Iran calls the “Axis of Resistance,” an "
        "interwoven set of groups. The rebels are tied into the so-called “Axis of "
        "Resistance” as well.\n"
    )
    assert quotes_of(text) == []


def test_a_short_answer_with_a_cue_is_a_quote() -> None:
    assert speakers("“No,” he said.\n") == [("No,", "he")]


def test_titles_of_works_are_not_quotes() -> None:
    text = (
        "Mr. Trump's own manifesto, “Crippled America: How to Make America Great Again,” "
        "has sold 235,000 copies. Sanders is scheduled to appear on “The Late Show With "
        "Stephen Colbert” this week.\n\n"
        "“That’s Jeb Bush and Marco Rubio.”\n"
    )
    assert [q.text for q in quotes_of(text)] == ["That’s Jeb Bush and Marco Rubio."]


def test_markup_attributes_are_not_quotes() -> None:
    text = (
        '<tweet tweet-author="@tedcruz" tweet-date="January 19, 2016\n">I love '
        "@SarahPalinUSA Without her support, I would not be in the Senate.<tweet/>\n\n"
        '<tweet tweet-author="just look at Western Europe" tweet-date="May 2, 2016">\n'
    )
    assert quotes_of(text) == []


def test_a_headline_with_its_byline_is_not_a_quote() -> None:
    text = (
        "FAREWELL—“The Living Room to close at the end of December,” by Times' Ben "
        "Sisario: “The nightclub will close after 18 years in Manhattan.”\n"
    )
    assert [q.text for q in quotes_of(text)] == [
        "The nightclub will close after 18 years in Manhattan."
    ]


# Cues


def test_name_after_the_quote() -> None:
    text = "Doug London was a CIA officer.\n\n“It is a marriage of convenience,” London said.\n"
    [quote] = quotes_of(text)
    assert quote.speaker == "Doug London"
    assert spoken_at(text, quote) == "London"


def test_verb_before_the_name() -> None:
    text = "“It would take but one missile to start a war,” said Maksad.\n"
    [quote] = quotes_of(text)
    assert spoken_at(text, quote) == "Maksad"


def test_appositive_between_name_and_verb() -> None:
    text = (
        "“Hamas, Hezbollah, and Iran… it’s a marriage of convenience,” Doug London, a former "
        "CIA chief of station who served throughout the Middle East, told The Daily Beast.\n"
    )
    [quote] = quotes_of(text)
    assert quote.speaker == "Doug London"
    assert spoken_at(text, quote) == "Doug London"


def test_present_tense_and_other_verbs() -> None:
    for verb in ("says", "added", "wrote", "explained", "argued", "warned", "insisted", "noted"):
        text = f"“We need a plan for the border now,” Rubio {verb}.\n"
        assert speakers(text) == [("We need a plan for the border now,", "Rubio")], verb


def test_tweeted_posted_and_continued() -> None:
    for verb in ("tweeted", "posted", "continued", "asked"):
        text = f"“Is this really the best we can do?” Trump {verb} on Sunday.\n"
        assert speakers(text) == [("Is this really the best we can do?", "Trump")], verb


def test_verb_before_a_name_with_a_description_around_it() -> None:
    text = (
        "Paul Manafort called it absurd.\n\n"
        "“There’s just a passion for Donald,” said Robert Antonacci of the New York "
        "delegation.\n\n"
        "“The distraction gets you off message a little,” said Republican party boss Reince "
        "Priebus, though he added that he expected the flap to fade quickly.\n"
    )
    assert [s for _, s in speakers(text)] == ["Robert Antonacci", "Reince Priebus"]


def test_a_name_set_off_after_a_description_is_the_speaker() -> None:
    text = (
        "“The pope said what we all know,” the Vatican spokesman, Federico Lombardi, told "
        "Vatican Radio.\n\n"
        "After winning Ohio in the Republican primary, Gov. John Kasich (R-OH), said, "
        "“I’m getting ready to rent a covered wagon.”\n\n"
        "Transcript as follows:\n\n"
        '"Tonight we arrived in Cleveland, and we are going all the way."\n'
    )
    assert [s for _, s in speakers(text)] == [
        "Federico Lombardi",
        "John Kasich",
        "John Kasich",
    ]


def test_a_name_set_off_after_the_description_after_the_verb() -> None:
    text = (
        "“We have no comment at this time,” said the White House spokesman, Josh Earnest.\n\n"
        "“We have nothing more to add,” said a spokesman for the campaign, which declined "
        "further comment.\n"
    )
    assert [s for _, s in speakers(text)] == ["Josh Earnest", "a spokesman for the campaign"]


def test_an_aside_with_commas_of_its_own_is_stepped_over() -> None:
    text = (
        "Hillary Clinton spoke in Ohio.\n\n"
        "Clinton, during a town hall meeting in Columbus, Ohio, said she was “going to put a "
        "lot of coal miners and coal companies out of business.”\n\n"
        "“I just don't think she's been completely truthful,” Cecelia Purner, 67, a retired "
        "customer service representative in Allentown, Pa., said in an interview.\n"
    )
    assert [s for _, s in speakers(text)] == ["Hillary Clinton", "Cecelia Purner"]


def test_a_town_and_its_state_after_a_name_are_not_the_speaker() -> None:
    text = (
        "“Both Donald Trump and Ted Cruz scare me,” Harry Bond, 30, of Raleigh, N.C., who "
        "was among those polled, said in a follow-up interview.\n\n"
        "Stacy Baker of Columbia, South Carolina says she thinks Cruz can “pull off a win "
        "in the state.”\n"
    )
    assert [s for _, s in speakers(text)] == ["Harry Bond", "Stacy Baker"]


def test_a_capitalised_pronoun_after_an_exclamation_opens_a_new_sentence() -> None:
    text = (
        "Jennifer Palmieri wrote first. In June 2009, David Axelrod emailed Clinton, telling "
        "her, “you are an all-star player and we need you for the long run!” She replied to "
        "him that it was an honor.\n\n"
        "“Why now?” Mills asked.\n"
    )
    assert [s for _, s in speakers(text)] == ["David Axelrod", "Mills"]


def test_verb_with_a_time_after_it() -> None:
    text = "“We hope that this happens, but the decision is theirs,” Mashal said in October.\n"
    assert speakers(text)[0][1] == "Mashal"


def test_according_to() -> None:
    text = "“The talks have collapsed entirely,” according to a senior diplomat.\n"
    [quote] = quotes_of(text)
    assert quote.speaker == "a senior diplomat"
    assert spoken_at(text, quote) == "a senior diplomat"


def test_according_to_before_the_quote() -> None:
    text = "According to Senator Warren, “the rules were written by the banks.”\n"
    assert speakers(text)[0][1] == "Warren"


def test_colon_form() -> None:
    text = "The senator said: “We will not back down on this bill.”\n"
    [quote] = quotes_of(text)
    assert spoken_at(text, quote) == "The senator"


def test_a_description_opening_a_sentence_reads_as_it_does_mid_sentence() -> None:
    text = (
        "The senator said: “We will not back down on this bill.”\n\n"
        "“We have the votes to pass it next week,” the senator said.\n\n"
        "It said: “The ministry has no comment on the matter at this time.”\n"
    )
    assert [s for _, s in speakers(text)] == ["the senator", "the senator", "it"]


def test_colon_after_a_name_alone() -> None:
    text = "Rep. Trey Gowdy (R-S.C.): “I have not heard anyone else cite that figure.”\n"
    [quote] = quotes_of(text)
    assert spoken_at(text, quote) == "Trey Gowdy"


def test_a_heading_name_before_the_colon_wins_over_an_earlier_verb() -> None:
    text = (
        "Pollsters agree - Carl Bialik: “One of the biggest lessons was a simple one: keep "
        "contacting voters.”\n\n"
        "What that means - More from Jeffrey Jones: “The partisanship of the state is a "
        "starting point.”\n"
    )
    assert [s for _, s in speakers(text)] == ["Carl Bialik", "Jeffrey Jones"]


def test_a_place_after_from_is_no_heading() -> None:
    text = (
        "Donald Trump spoke in San Diego, where he suggested Curiel was from Mexico: “The "
        "judge, who happens to be, we believe, Mexican, which is great.”\n"
    )
    assert speakers(text)[0][1] != "Mexico"


def test_a_sentence_opening_with_said_has_its_subject_after_the_verb() -> None:
    text = (
        "The home was renovated. Said Dorothy Poynter, who grew up with Ali in the "
        "neighborhood, “We were all so proud of him.”\n"
    )
    assert speakers(text)[0][1] == "Dorothy Poynter"


def test_an_aside_after_the_subject_is_not_the_speaker() -> None:
    text = (
        "Bernie Sanders has no endorsements in the Senate.\n\n"
        "Sanders, meanwhile, who sits at zero such endorsements, said that fact shows who "
        "is “prepared to take on the establishment.”\n\n"
        "Hillary Clinton spoke in Ohio.\n\n"
        "She, too, is a pragmatic internationalist, cautioning that the turmoil underscores "
        "a need for “calm, steady, experienced leadership in the White House.”\n"
    )
    assert [s for _, s in speakers(text)] == ["Bernie Sanders", "Hillary Clinton"]


def test_a_subordinating_word_opening_a_sentence_is_no_name() -> None:
    text = (
        "“It's an enormous moment,” said Steve Schmidt, a Republican strategist. Unless "
        "further rivals quit the race, “it's very difficult to see how he is stopped.”\n"
    )
    assert [s for _, s in speakers(text)] == ["Steve Schmidt", "Steve Schmidt"]


def test_colon_after_a_verb_the_lexicon_lacks() -> None:
    text = "Rubio fired back forcefully: “If they sue us in Miami, they are going to lose.”\n"
    assert speakers(text)[0][1] == "Rubio"


def test_a_nominal_speaker_is_kept_as_written() -> None:
    text = "“We are reviewing the letter carefully,” a spokesman for the campaign said.\n"
    [quote] = quotes_of(text)
    assert quote.speaker == "a spokesman for the campaign"


def test_pronoun_speaker_points_at_the_pronoun_and_resolves() -> None:
    text = (
        "Firas Maksad is a senior fellow at the Middle East Institute.\n\n"
        "“We generally kind of refer to this axis with a broad brush,” he said.\n"
    )
    [quote] = quotes_of(text)
    assert spoken_at(text, quote) == "he"
    assert quote.speaker == "Firas Maksad"


def test_she_skips_a_man_named_since() -> None:
    text = (
        "Elizabeth Warren spoke first at the rally in Boston.\n\n"
        "“We will fight for every vote,” Bernie Sanders said.\n\n"
        "“This is our moment to build a movement,” she said.\n"
    )
    assert [s for _, s in speakers(text)] == ["Bernie Sanders", "Elizabeth Warren"]


def test_mrs_says_who_she_is() -> None:
    text = (
        "Mrs. Clinton held a rally in Ohio.\n\n"
        "“We are going to win this state,” Gov. John Kasich said.\n\n"
        "“I know what this state needs,” she said.\n"
    )
    assert speakers(text)[1][1] == "Clinton"


def test_participle_takes_the_subject_of_its_sentence() -> None:
    text = (
        "Here in Columbia, Sanders stepped up his emphasis on criminal justice, saying, "
        "“We have got to achieve the day when young people can walk the streets.”\n"
    )
    assert speakers(text)[0][1] == "Sanders"


def test_second_quote_after_he_said_takes_the_paragraph_speaker() -> None:
    text = (
        "Firas Maksad spoke to reporters.\n\n"
        "“They are not all one thing,” he said. “There are clearly some very important "
        "differences there.”\n"
    )
    first, second = quotes_of(text)
    assert first.speaker == second.speaker == "Firas Maksad"
    assert spoken_at(text, second) == "he"


def test_interrupted_quote_takes_the_cue_in_the_middle() -> None:
    text = "“We will win,” she said, “and we will win big in November this year.”\n"
    assert [s for _, s in speakers(text)] == ["she", "she"]


def test_mixed_quote_after_adding_that() -> None:
    text = (
        "“It is the regime’s line of deterrence,” Maksad said, adding that Iran “doesn’t "
        "want to see Hezbollah spent in this side war for Hamas.”\n"
    )
    _, second = quotes_of(text)
    assert second.text.startswith("doesn’t want to see Hezbollah spent")
    assert second.speaker == "Maksad"


def test_partial_quote_inside_reported_speech() -> None:
    text = "Rubio said the United States “must increase our efforts at home and abroad.”\n"
    assert speakers(text)[0][1] == "Rubio"


def test_cue_later_in_the_same_sentence() -> None:
    text = (
        "Clinton “drew quite well from white, working-class Democrats” in the 2008 primary, "
        "said Ohio State University professor Paul Beck.\n"
    )
    [quote] = quotes_of(text)
    assert spoken_at(text, quote) == "Paul Beck"


def test_words_before_a_new_quote_belong_to_it() -> None:
    text = (
        "“He respects her and always has respected her.” He adds, “In a campaign things "
        "get heated up.”\n"
    )
    _, second = quotes_of(text)
    assert spoken_at(text, second) == "He"


# Continuing quotes across paragraphs


def test_a_quote_only_paragraph_continues_the_previous_speaker() -> None:
    text = (
        "Doug London served in the CIA for decades.\n\n"
        "“Iran has not been reckless,” London said.\n\n"
        "“It would take but one of the many missiles to slip through.”\n"
    )
    first, second = quotes_of(text)
    assert first.speaker == second.speaker == "Doug London"
    assert second.speaker_start is None and second.speaker_end is None


def test_a_quote_running_over_paragraphs_keeps_its_speaker() -> None:
    text = (
        "“We will rebuild the roads and the bridges,” the governor said. “We will hire "
        "thousands of workers.\n\n"
        "“And we will finish the job before the next election.”\n"
    )
    quotes = quotes_of(text)
    assert [q.speaker for q in quotes] == ["the governor"] * 3
    assert quotes[1].end <= text.index("\n\n")


def test_a_dash_line_under_a_quote_signs_it() -> None:
    text = (
        "Hillary Clinton and Bernie Sanders debated on Thursday.\n\n"
        '"Boeing and GE and other multinationals pay zero taxes."\n\n'
        "- Sanders.\n\n"
        '"I will look into it. I don\'t know the status, but I will look into it."\n\n'
        "-Hillary Clinton, on her paid speeches.\n\n"
        '"If my son were still in Iraq, the threat has gone up," Sanders said.\n\n'
        '"We will not let that happen to our troops."\n\n'
        "– Country less safe –.\n"
    )
    assert [s for _, s in speakers(text)] == [
        "Bernie Sanders",
        "Hillary Clinton",
        "Bernie Sanders",
        "Bernie Sanders",
    ]


def test_a_cue_paragraph_ending_in_a_colon_introduces_the_next() -> None:
    text = (
        "In a statement on Tuesday, the White House said:\n\n"
        "“The president has full confidence in the secretary and her team.”\n"
    )
    [quote] = quotes_of(text)
    assert quote.speaker == "White House"
    assert spoken_at(text, quote) == "White House"


# Names


def test_a_missing_space_after_a_full_stop_does_not_glue_the_speaker_to_the_next_word() -> None:
    text = (
        "Donald Trump spoke at the debate.\n\n"
        "“The Chinese have complete control over North Korea,” Trump said.Trump claimed "
        "that he learned this from Chinese officials.\n"
    )
    [quote] = quotes_of(text)
    assert (quote.speaker, spoken_at(text, quote)) == ("Donald Trump", "Trump")


def test_surname_resolves_to_the_full_name_written_earlier() -> None:
    text = (
        "Firas Maksad, a senior fellow at the Middle East Institute, spoke at length.\n\n"
        "“From an Iran perspective, they have invested tens of billions,” Maksad said.\n"
    )
    assert speakers(text)[0][1] == "Firas Maksad"


def test_title_and_surname_resolve_to_the_full_name() -> None:
    text = (
        "Donald Trump held a rally in Iowa on Monday.\n\n"
        "“We are going to win so much,” Mr. Trump said.\n"
    )
    assert speakers(text)[0][1] == "Donald Trump"


def test_speaker_takes_the_actor_name_covering_the_cue() -> None:
    text = "“They push the envelope, but they’ve not been reckless,” London said.\n"
    start = text.index("London")
    london = Actor(
        "Doug London",
        "person",
        aliases=("London",),
        mentions=(Mention("story.txt", start, start + 6, "London", 0),),
    )
    [quote] = quotes_of(text, (london,))
    assert quote.speaker == "Doug London"


def test_a_person_wins_over_the_place_in_the_same_name() -> None:
    text = (
        "“We should get rid of superdelegates entirely,” said Sen. Jeff Merkley of Oregon, "
        "who endorsed Sanders.\n"
    )
    actors = (
        actor(text, "Jeff Merkley", "person", "Jeff Merkley"),
        actor(text, "Oregon", "place", "Oregon"),
    )
    assert speakers(text, actors)[0][1] == "Jeff Merkley"


def test_the_relative_pronoun_cue_takes_the_actor_named_before_it() -> None:
    text = (
        "The inquiry has provided fodder to GOP candidates such as Sen. Marco Rubio of "
        "Florida, who said in Thursday night's debate that Clinton was “disqualified from "
        "being the commander in chief.”\n"
    )
    actors = (
        actor(text, "Marco Rubio", "person", "Marco Rubio"),
        actor(text, "Florida", "place", "Florida"),
    )
    [quote] = quotes_of(text, actors)
    assert (quote.speaker, spoken_at(text, quote)) == ("Marco Rubio", "who")


def test_a_descriptive_word_before_a_name_gives_way_to_the_actor() -> None:
    text = (
        "Billionaire Mark Cuban Reveals His Pick.\n\n"
        "Dallas Mavericks owner Mark Cuban is sizing up the field.\n\n"
        "“You’ve got to be able to adapt,” Cuban said of Trump.\n"
    )
    cuban = actor(text, "Mark Cuban", "person", "Mark Cuban is")
    assert speakers(text, (cuban,))[0][1] == "Mark Cuban"


def test_a_place_describing_someone_is_not_the_speaker() -> None:
    text = "“Trump will be defeated in this process,” said a New Hampshire Republican.\n"
    place = actor(text, "New Hampshire", "place", "New Hampshire")
    [quote] = quotes_of(text, (place,))
    assert (quote.speaker, spoken_at(text, quote)) == (
        "a New Hampshire Republican",
        "a New Hampshire Republican",
    )


def test_pronoun_skips_an_organisation_for_a_person() -> None:
    text = (
        "Jane Doe runs the clinic.\n\n"
        "“We have no comment on the matter at this time,” the Health Ministry said.\n\n"
        "“The ministry never called us back, not once,” she said.\n"
    )
    start = text.index("Health Ministry")
    ministry = Actor(
        "Health Ministry",
        "organization",
        mentions=(Mention("story.txt", start, start + 15, "Health Ministry", 2),),
    )
    assert speakers(text, (ministry,))[1][1] == "Jane Doe"


# Sections and paragraphs


def test_quote_carries_its_paragraph_and_section() -> None:
    text = (
        "Leaders have been meeting in a flurry over the past weeks.\n"
        "Detachment\n"
        "“Had this really been a master plan, it would have worked,” London said.\n"
        "The talks went on for days after that.\n"
    )
    [quote] = quotes_of(text)
    assert quote.section == "Detachment"
    assert quote.paragraph == 1
    assert quote.document == "story.txt"


def test_offsets_are_source_offsets_in_markdown() -> None:
    text = (
        "# Talks\n\nSome intro text here.\n\n"
        "“We **will** win this [fight](http://x.y),” she said.\n"
    )
    [quote] = find_quotes(read_markdown("notes.md", text), ())
    assert quote.text == "We will win this fight,"
    assert text[quote.start : quote.end] == "“We **will** win this [fight](http://x.y),”"
    assert spoken_at(text, quote) == "she"


# Bad input


def test_unbalanced_marks_and_a_mark_at_the_end_do_not_crash() -> None:
    for text in ("“", "”", '"', "He said “", "“Open and never closed", "a ” b “ c ” d “\n"):
        quotes_of(text)


def test_empty_paragraphs_and_no_text() -> None:
    assert quotes_of("") == []
    assert quotes_of("\n\n\n\n") == []


def test_ten_thousand_marks_in_one_paragraph_take_linear_time() -> None:
    text = "The signs showed " + " ".join(["“yes” and"] * 5000) + " more.\n"
    begin = time.perf_counter()
    quotes = quotes_of(text)
    assert time.perf_counter() - begin < 2.0
    assert quotes == []  # one-word quoted terms, none of them speech


def test_thousands_of_quotes_in_one_sentence_take_linear_time() -> None:
    cued = " ".join(["“We will win this one again,” Smith said, and"] * 5000) + " more.\n"
    uncued = "He wrote " + " and ".join(["“we will win this one again”"] * 5000) + ".\n"
    for text in (cued, uncued):
        begin = time.perf_counter()
        quotes = quotes_of(text)
        assert time.perf_counter() - begin < 2.0
        assert len(quotes) == 5000


def test_ten_thousand_unpaired_marks_take_linear_time() -> None:
    text = "“" * 10_000 + " the end,” she said.\n"
    begin = time.perf_counter()
    quotes_of(text)
    assert time.perf_counter() - begin < 2.0


# The reporting-verb lexicon


def test_lexicon_has_every_tense_of_the_verbs_news_uses() -> None:
    for form in ("say", "says", "said", "saying", "told", "wrote", "written", "tweeted"):
        assert form in REPORTING_VERBS
    assert "pointed out" in REPORTING_VERBS
    assert {"adding", "saying", "noting"} <= REPORTING_PARTICIPLES
