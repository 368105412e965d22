"""Within a document: the main incident, background incidents, and what the lead says."""

from __future__ import annotations

import pytest

from tally.link.within import MAIN, link_within
from tally.models import Document, text_hash
from tests.conftest import figure_at

HEAD = "Gunmen kill villagers in Burkina Faso\n\n"


def doc(body: str, published: str = "2021-06-06") -> Document:
    text = HEAD + body
    return Document(id=text_hash(text), text=text, kind="text", name="x.txt", published=published)


fig = figure_at


LEAD = (
    "Gunmen stormed the village of Solhan in north-eastern Burkina Faso on Saturday, "
    "killing 132 people, the government said. "
)


@pytest.mark.parametrize(
    ("sentence", "quote", "value", "background"),
    [
        (
            "Violence by jihadist groups has killed 1,400 people since 2015.",
            "killed 1,400",
            1400,
            True,
        ),
        ("The insurgency has left 36,000 dead in a decade.", "36,000 dead", 36000, True),
        (
            "At the height of the fighting, 2,000 people fled their homes.",
            "2,000 people fled",
            2000,
            True,
        ),
        (
            "It was the deadliest since December 2012, when a gunman killed 26 people at a school.",
            "killed 26 people",
            26,
            True,
        ),
        (
            "In March last year, a suicide attack on a mosque in the city killed 62 people.",
            "killed 62 people",
            62,
            True,
        ),
        (
            "The raid came three days after a bombing at the market killed 13 people.",
            "killed 13 people",
            13,
            True,
        ),
        (
            "Hours before the attack, gunmen also killed 14 people in the village of Tadaryat.",
            "killed 14 people",
            14,
            True,
        ),
        ("Residents buried 160 bodies on Sunday.", "160 bodies", 160, False),
        (
            "It was the deadliest attack since 2015, and 40 people were wounded.",
            "40 people were wounded",
            40,
            False,
        ),
        ("The army was fighting back when 12 soldiers died.", "12 soldiers died", 12, False),
        (
            "The toll has risen to 138 since Saturday, local sources said.",
            "risen to 138",
            138,
            False,
        ),
        (
            "Several hours after the shooting, two men were found dead behind the house.",
            "two men were found dead",
            2,
            False,
        ),
        (
            "The man who is accused of killing three people was arrested.",
            "killing three people",
            3,
            False,
        ),
        (
            "At least 21 people were shot in separate incidents across the five boroughs.",
            "21 people were shot",
            21,
            True,
        ),
        (
            "More than 700 people have been shot in the city this year, police data show.",
            "700 people have been shot",
            700,
            True,
        ),
        (
            "The group has been accused of killing thousands of civilians in the region.",
            "killing thousands",
            1000,
            True,
        ),
        (
            "The UN said 4,800 civilians had been killed across Sudan since the war began.",
            "4,800 civilians had been killed",
            4800,
            True,
        ),
        (
            "The battle for the eastern districts has killed 900 fighters, monitors say.",
            "killed 900 fighters",
            900,
            True,
        ),
        (
            "The town has been cut off by the rebels for more than two months, and 300 people "
            "have died of hunger.",
            "300 people have died",
            300,
            True,
        ),
        (
            "Across the street, a second gunman killed 4 people outside a bar.",
            "killed 4 people",
            4,
            False,
        ),
        (
            "Strikes across Ukraine have killed 310 civilians this spring, the UN said.",
            "killed 310 civilians",
            310,
            True,
        ),
        (
            "More than 40 injured people were being treated in hospitals across Kerala.",
            "40 injured people",
            40,
            False,
        ),
    ],
)
def test_background_or_main(sentence: str, quote: str, value: int, background: bool) -> None:
    d = doc(LEAD + sentence)
    figures, incidents = link_within(d, [fig(d, "killing 132 people", 132), fig(d, quote, value)])
    assert figures[0].incident == MAIN
    assert (figures[1].incident != MAIN) is background
    by_key = {li.key: li for li in incidents}
    assert by_key[figures[1].incident].background is background


def test_the_first_sentence_states_the_main_incident() -> None:
    d = doc(
        "The courthouse remained closed on Wednesday, two days after a gunman killed two "
        "people and then himself in its lobby. A later sentence says police found 30 shell casings."
    )
    figures, _ = link_within(d, [fig(d, "killed two", 2)])
    assert figures[0].incident == MAIN


def test_continuation_of_a_background_sentence() -> None:
    d = doc(
        LEAD + "The conflict drew attention in April 2014, when fighters abducted 276 schoolgirls. "
        "More than 100 of them are still missing."
    )
    figs = [fig(d, "abducted 276", 276, "captured"), fig(d, "100 of them", 100, "missing")]
    out, _ = link_within(d, figs)
    assert out[0].incident != MAIN
    assert out[1].incident == out[0].incident


def test_main_incident_attributes() -> None:
    d = doc(LEAD + "Residents buried 160 bodies.")
    _, incidents = link_within(d, [fig(d, "killing 132 people", 132)])
    main = incidents[0]
    assert (main.key, main.date, main.date_prec, main.country) == (MAIN, "2021-06-05", 1, "BF")
    assert main.place == "Solhan"  # the gazetteer lacks it: kept from the text, coarser code
    assert main.where_prec is not None and main.where_prec > 1
    assert main.type in {"shooting", "attack", "massacre"}
    assert "fig:killed:people:132" in main.cues


@pytest.mark.parametrize(
    ("headline", "lead", "place", "country", "admin1", "kind"),
    [
        (
            "Suicide bomber kills 80 at Peshawar mosque",
            "A suicide bomber struck a mosque inside a police compound in Peshawar on Monday.",
            "Peshawar",
            "PK",
            None,
            "bombing",
        ),
        (
            "Teen shot at basketball court",
            "ROCKY MOUNT, N.C. — A 12-year-old was in critical condition after he and three "
            "others were shot on a basketball court on Monday evening, police said.",
            "Rocky Mount",
            "US",
            "North Carolina",
            "shooting",
        ),
        (
            "Quake kills dozens in Indonesia",
            "A magnitude 5.6 earthquake struck near Cianjur in West Java on Monday, officials said.",
            "Cianjur",
            "ID",
            None,
            "earthquake",
        ),
        (
            "Landslides hit hill villages",
            "Massive landslides tore through hill villages in Kerala's Wayanad district before "
            "dawn on Tuesday, burying homes.",
            "Wayanad",
            None,
            None,
            "landslide",
        ),
    ],
)
def test_place_and_type_of_the_lead(
    headline: str, lead: str, place: str, country: str | None, admin1: str | None, kind: str
) -> None:
    text = f"{headline}\n\n{lead}\n"
    d = Document(id=text_hash(text), text=text, kind="text", name="x", published="2023-01-31")
    _, incidents = link_within(d, [])
    main = incidents[0]
    assert (main.place, main.type) == (place, kind)
    if country:
        assert main.country == country
    if admin1:
        assert main.admin1 == admin1


@pytest.mark.parametrize(
    ("text", "name", "where_prec"),
    [
        (
            "Survivors remember\n\nSurvivors of the Wad al-Nourah attack in Sudan say they "
            "still do not know why the village was targeted.\n",
            "Wad al-Nourah attack",
            None,
        ),
        (
            "Suicide attack kills 13 at Kabul airport\n\nA suicide bomber struck the airport "
            "in Kabul on Thursday, the Pentagon said.\n",
            None,
            1,
        ),
        (
            "Dozens missing after boat sinks\n\nA boat carrying 120 migrants capsized off the "
            "coast of Libya on Tuesday, the coast guard said.\n",
            None,
            7,
        ),
    ],
)
def test_name_and_where_precision(text: str, name: str | None, where_prec: int | None) -> None:
    d = Document(id=text_hash(text), text=text, kind="text", name="x", published="2024-06-07")
    main = link_within(d, [])[1][0]
    assert main.name == name
    if where_prec is not None:
        assert main.where_prec == where_prec


@pytest.mark.parametrize(
    ("before", "sentence", "quote", "value", "background"),
    [
        (
            "After an eight-year war, much of the north is still under occupation.",
            "Around two million people in the region live as refugees.",
            "two million people",
            2_000_000,
            True,
        ),
        (
            "The city has been besieged by government forces for more than a month.",
            "Aid workers said 40,000 residents had fled by the end of the month.",
            "40,000 residents had fled",
            40_000,
            True,
        ),
        (
            "Police said the county has recorded 30 homicides so far this year.",
            "Two more people were wounded on Sunday.",
            "Two more people were wounded",
            2,
            False,
        ),
        (
            "After an eight-year war, much of the north is still under occupation.",
            "On Saturday a roadside bomb killed 9 soldiers near the border.",
            "killed 9 soldiers",
            9,
            False,
        ),
    ],
)
def test_a_war_set_out_in_the_sentence_before(
    before: str, sentence: str, quote: str, value: int, background: bool
) -> None:
    """A figure right after a sentence that sets out a war, in a sentence of no incident of
    its own, counts the war; a sentence with its own incident or no war before does not."""
    d = doc(LEAD + before + " " + sentence)
    figures, _ = link_within(d, [fig(d, "killing 132 people", 132), fig(d, quote, value)])
    assert figures[0].incident == MAIN
    assert (figures[1].incident != MAIN) is background


def test_a_siege_of_one_town_is_its_own_background() -> None:
    """The background conflict sits at the town its sentence names, so a city's siege and the
    country's war stay two background incidents across documents."""
    d = doc(
        LEAD + "Kaya, a market town, has been encircled by the militants for more than "
        "three months, and 20,000 people have fled."
    )
    _, incidents = link_within(
        d, [fig(d, "killing 132 people", 132), fig(d, "20,000 people have fled", 20000)]
    )
    war = [li for li in incidents if li.background]
    assert [(li.place, li.country) for li in war] == [("Kaya", "BF")]


@pytest.mark.parametrize(
    ("sentence", "quote", "value", "tally"),
    [
        (
            "Elsewhere, eleven people were shot in four separate shootings across the city "
            "overnight, police said.",
            "eleven people were shot",
            11,
            True,
        ),
        (
            "Nine people have been killed in two separate attacks in the district since Friday.",
            "Nine people have been killed",
            9,
            True,
        ),
        (
            "The insurgency has killed 2,000 people in separate attacks since 2015.",
            "killed 2,000 people",
            2000,
            False,
        ),
        (
            "More than 2,000 people have been killed in the war since 2015.",
            "2,000 people have been killed",
            2000,
            False,
        ),
    ],
)
def test_a_tally_of_separate_incidents_is_no_wider_conflict(
    sentence: str, quote: str, value: int, tally: bool
) -> None:
    """One city's separate shootings counted together are a background of this report alone
    (`kind:tally`: linked to no other document's); a war's toll is the country's conflict."""
    d = doc(LEAD + sentence)
    figures, incidents = link_within(d, [fig(d, "killing 132 people", 132), fig(d, quote, value)])
    assert figures[1].incident != MAIN
    (background,) = [li for li in incidents if li.background]
    assert "kind:conflict" in background.cues
    assert ("kind:tally" in background.cues) is tally


@pytest.mark.parametrize(
    ("text", "recalled_quote", "background"),
    [
        (
            "Troops fired on mourners in Dori on Friday, killing 9 people, medics said. They were "
            "walking to the funeral of four farmers killed earlier in the week.",
            "four farmers killed",
            True,
        ),
        (
            "Police shot dead 9 people at a rally in Dori, medics said. The rally was held in "
            "protest against the deaths of three students who were shot dead last Friday.",
            "three students who were shot dead",
            True,
        ),
        (  # no event of the article answers them: the deaths found last week are its own
            "The 9 people found dead last week in Dori have been identified, police said. Two "
            "brothers killed last week were among them.",
            "Two brothers killed",
            False,
        ),
    ],
)
def test_deaths_an_event_answers_are_another_incident(
    text: str, recalled_quote: str, background: bool
) -> None:
    d = doc(text)
    main = next(
        q for q in ("killing 9 people", "shot dead 9 people", "9 people found dead") if q in text
    )
    figures, _ = link_within(d, [fig(d, main, 9), fig(d, recalled_quote, 4)])
    assert figures[0].incident == MAIN
    assert (figures[1].incident != MAIN) is background


def test_deaths_an_event_answers_stay_when_they_are_all_the_article_counts() -> None:
    d = doc("Hundreds attended the funeral of four farmers killed earlier in the week near Dori.")
    figures, _ = link_within(d, [fig(d, "four farmers killed", 4)])
    assert figures[0].incident == MAIN


@pytest.mark.parametrize(
    ("sentence", "background"),
    [
        ("On Monday, fighting between rebels and soldiers killed 8 people in Djibo.", False),
        ("Fighting between rebels and soldiers has killed 8 people in Djibo since March.", True),
        ("Weeks of fighting between rebels and soldiers killed 8 people in Djibo.", True),
    ],
)
def test_a_days_battle_is_an_event_a_wars_count_is_not(sentence: str, background: bool) -> None:
    d = doc(sentence)
    figures, _ = link_within(d, [fig(d, "8 people", 8)])
    assert (figures[0].incident != MAIN) is background


def test_deaths_that_set_off_the_event_are_another_incident() -> None:
    d = doc(
        "The killing of two carpenters by militants in Djibo sparked angry protests in Dori. "
        "Protesters beat 9 people, medics said."
    )
    figures, _ = link_within(d, [fig(d, "two carpenters", 2), fig(d, "9 people", 9, "injured")])
    assert figures[0].incident != MAIN
    assert figures[1].incident == MAIN


def test_deaths_caused_by_an_attack_stay_its_own() -> None:
    d = doc("Eight civilians were killed in blasts sparked by air strikes on depots near Dori.")
    figures, _ = link_within(d, [fig(d, "Eight civilians", 8)])
    assert figures[0].incident == MAIN


@pytest.mark.parametrize(
    ("sentence", "alone"),
    [
        ("On Monday 8 people were killed in clashes across the country.", True),
        ("In all 8 people were killed in protests nationwide on Friday, the ministry said.", True),
        ("On Monday 8 people were killed in clashes across Peru.", True),
        ("Clashes across the country have killed 8 people since March.", False),
        ("On Monday 8 people were shot across Dunmore.", False),
    ],
)
def test_a_toll_spread_over_a_country_alone_links_to_no_other_report(
    sentence: str, alone: bool
) -> None:
    d = doc(sentence)
    figures, locals_ = link_within(d, [fig(d, "8 people", 8)])
    own = next(li for li in locals_ if li.key == figures[0].incident)
    assert ("kind:tally" in own.cues) is alone
