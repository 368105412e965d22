"""Tolls of short event descriptions, in the register of coded attack datasets: sentences
written for these tests, with the counts a coder takes from them."""

from __future__ import annotations

import pytest

from tally.extract import extract
from tally.extract.victims import count_victims
from tally.models import Document, Figure, Statement
from tally.reconcile import reconcile
from tally.totals import totals


def _figures(text: str) -> list[Figure]:
    return extract(Document(id="t", text=text, kind="text", name="t.txt"))


def _killed(figures: list[Figure], role: str = "victim") -> int:
    return max((f.value for f in figures if f.category == "killed" and f.role == role), default=0)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Gunmen shot dead a police officer outside his home in the provincial capital.", 1),
        ("Militants assassinated a tribal elder as he left the mosque on Friday.", 1),
        ("A roadside bomb killed a shopkeeper near the bus station.", 1),
        ("A member of the district council was assassinated on Tuesday evening.", 1),
        ("A contractor and an engineer employed by the ministry were killed.", 2),
        ("A policeman and his son were shot dead at a checkpoint.", 2),
        ("Suspected rebels beheaded a village chief and a teacher.", 2),
        ("Unknown attackers hacked a farmer to death in his field.", 1),
        ("A mob lynched a suspected thief in the market.", 1),
        ("A car bomb killed one soldier and wounded four others near the base.", 1),
        ("Two militants killed a trader in the bazaar.", 1),
        ("The journalist was shot and killed by two unidentified gunmen.", 1),
        ("A shopkeeper was abducted, tortured and killed by the gang last week.", 1),
        ("A village headman was shot at and killed outside his house.", 1),
        ("A young trader was chopped to death by unknown attackers at the bazaar.", 1),
        ("A lawyer representing the opposition senator is assassinated in the capital.", 1),
        ("Bandits kill herder in cattle raid", 1),
        ("A shopkeeper was gunned down outside the market on Sunday.", 1),
        ("A district official is gunned down by unknown men in the capital.", 1),
        # a pluperfect tells a belief or an earlier event, not this one's toll
        ("The wounded teen told police he thought he had been gunned down by a rival.", 0),
        ("A mob of youths attack and kill a polling clerk.", 1),
        ("The bullet-riddled body of a policeman was recovered from a canal.", 1),
        ("Gunmen kidnapped a local councillor on Sunday. His body was found on Tuesday.", 1),
        ("A woman went missing from the market. Her body was later found in a ravine.", 1),
        ("2 die in clashes between rival militias over grazing land.", 2),
        ("A deputy police commissioner was killed when gunmen fired on his car.", 1),
        ("Insurgents killed a village schoolteacher outside the district office.", 1),
        ("Raiders shot dead an army reservist and wounded two herders at the well.", 1),
        ("A human rights defender was shot and killed by masked men near her home.", 1),
        ("A shopkeeper was decapitated by militants who accused him of spying.", 1),
        ("A local party organiser is lynched by a crowd in the market town.", 1),
        ("An officer in the provincial intelligence unit was killed in a bombing.", 1),
        ("Two foreign engineers were assassinated on the airport road.", 2),
        ("A crowd killed three suspected extortionists at the bus park.", 3),
        ("Gunmen gunned down four pastoralists near the river crossing.", 4),
        ("Gunmen seized eleven travellers from a minibus. They later killed six of them.", 6),
        ("Gunmen shot dead a well-known cleric and administrator of the seminary on Friday.", 1),
        ("Bandits killed a trader, his wife and son on the highway.", 3),
        ("A farmer who was wounded in the raid later passed away in hospital.", 1),
        ("Soldiers killed two smugglers and three tailors in the night raid.", 3),
        # a title of role words before a name, as subject or object
        ("Police Major Omar Farid was killed by gunmen in the city centre.", 1),
        ("Police Captain Omar Farid was assassinated by unidentified gunmen.", 1),
        ("Gunmen killed provincial police officer Omar Farid Saleh near his house.", 1),
        ("The blast killed police Sergeant Anan Boonmee and wounded two railway workers.", 1),
        ("Unknown men killed Radio Sawt reporter Lina Haddad on her way to work.", 1),
        # a dotted abbreviation among a noun's modifiers
        ("A retired U.S. Army sergeant was assassinated by guerrillas in the hills.", 1),
        ("The U.N. envoy was shot dead outside the hotel.", 1),
        # found in the state a killing left ("found decapitated", "found stabbed to death")
        ("A Dutch diplomat was found stabbed to death in a hotel room.", 1),
        ("A farm manager was found with his throat slit near the river.", 1),
        ("Omar Farid was found decapitated beside a canal.", 1),
        ("The assembly speaker was assassinated outside parliament.", 1),
        # the manner of the killing told before its object ("beat to death two herders")
        ("A crowd beat to death a suspected pickpocket at the bus stand.", 1),
        ("Youths stoned to death two cattle dealers on the ring road.", 2),
        ("Raiders burnt alive three farmhands in their hut.", 3),
        ("Unknown men hacked to death a tailor and his nephew.", 2),
        # a long relative clause set off by commas between the subject and its death
        (
            "A van driver, who suffered burns when attackers threw a firebomb at his vehicle on"
            " the coastal highway near the old ferry terminal late on Monday night (12/03), died"
            " in hospital on Tuesday.",
            1,
        ),
        ("A porter, who was hurt in the blast at the depot, finally succumbed on Friday.", 1),
        # a body found, told actively ("police found his body")
        ("Gunmen abducted a bank clerk on Friday. On Sunday police found his body in a field.", 1),
        # a death reported ("was reported dead")
        ("One mission official was reported dead after the raid on the compound.", 1),
        ("A ferry hand was reported dead on Monday.", 1),
        # the whole of a count ("killed all 6 of the passengers")
        ("Rebels stopped the minibus and killed all 6 of the passengers.", 6),
        ("The landslide killed all twelve on board the bus.", 12),
        # a place or a time after the count, with a noun of things in it
        ("Raiders kill 14 during cattle raid in the hills.", 14),
        ("Gunmen killed 3 near the goat market.", 3),
        ("Police killed three youth at a checkpoint on Monday.", 3),
        ("2 local administrators were killed and 2 clerks were abducted.", 2),
        ("Party representative killed at his home in the hills.", 1),
        (
            "Three gunmen were killed in an exchange of fire with troops. One soldier was also"
            " martyred and another wounded in the exchange.",
            1,
        ),
        # a headline's bare noun killed, then a clause or the killers
        ("Police reservist killed when bandits attack", 1),
        ("Herder killed by raiders near the river", 1),
        ("Trader killed as gunmen raid market", 1),
        # a military rank as the victim's noun
        ("Insurgents killed a police intelligence major in the capital.", 1),
        ("A corporal was shot dead at the checkpoint.", 1),
    ],
)
def test_victims_named_without_a_toll_are_counted(text: str, killed: int) -> None:
    assert _killed(_figures(text)) == killed


@pytest.mark.parametrize(
    "text",
    [
        "Traders blocked the highway to protest the death of a porter who was reportedly killed"
        " by a stray bullet.",
        "Riders marched to protest the death of one of them who died in police custody.",
        "Protesters demand justice for the death of a boy who was shot by police",
    ],
)
def test_the_death_an_event_answers_is_not_its_toll(text: str) -> None:
    """The victim whose death a protest answers, told in a relative clause, is another
    event's: as the death noun itself is."""
    assert _killed(_figures(text)) == 0


@pytest.mark.parametrize(
    ("text", "victims", "perpetrators"),
    [
        ("A bomber blew himself up at the gate, killing two guards.", 2, 1),
        ("The attacker detonated his vest, killing himself and four soldiers.", 4, 1),
        ("Police said three attackers were killed in the exchange of fire.", 0, 3),
        ("Troops shot dead two insurgents near the border.", 0, 2),
        ("Six suspected Somali pirates were killed in a gun battle with the navy.", 0, 6),
    ],
)
def test_attackers_who_died_are_perpetrators(text: str, victims: int, perpetrators: int) -> None:
    figures = _figures(text)
    assert _killed(figures) == victims
    assert _killed(figures, "perpetrator") == perpetrators
    assert all(f.group == "combatants" for f in figures if f.role == "perpetrator")


@pytest.mark.parametrize(
    "text",
    [
        "The attack on the substation left a million residents without power.",
        "The raiders burned twelve houses and killed the livestock of the village.",
        "Rebels kidnapped two engineers working on the road.",
        "Police arrested three suspects after the attack on the bank.",
        "Two gunmen opened fire on a bus but no one was hurt.",
        "The rebels threatened to kill a chief who refused to pay.",
        "Militants vowed to kill any soldier who entered the valley.",
        "Traders closed the market to protest the killing of a colleague by police.",
        "Students marched against the death of a classmate in a road accident.",
        "Herders raided the camp to avenge the killing of a herdsman last month.",
        "Police later recovered two landmines and left three checkpoints on the road.",
        "A father of four was wounded when gunmen fired on the bus.",
    ],
)
def test_no_killed_figure_where_nobody_died(text: str) -> None:
    assert not [f for f in _figures(text) if f.category == "killed"]


def test_kidnapped_people_are_captured_not_killed() -> None:
    figures = _figures("Gunmen kidnapped four aid workers on the highway.")
    assert {(f.category, f.value) for f in figures} == {("captured", 4)}


def test_the_object_of_a_kill_verb_is_killed_whatever_verb_follows() -> None:
    text = "The bomber struck the gate, killing himself and three guards, and wounding nine people."
    figures = _figures(text)
    assert ("killed", 3) in {(f.category, f.value) for f in figures}
    assert ("injured", 3) not in {(f.category, f.value) for f in figures}


@pytest.mark.parametrize(
    "text",
    [
        "A policeman and his son were shot dead at a checkpoint. Three other men were wounded.",
        "A bomber blew himself up at the gate, killing a guard.",
        "Militants assassinated a tribal elder in the village.",
    ],
)
def test_every_victim_figure_names_its_rule(text: str) -> None:
    figures = count_victims(Document(id="t", text=text, kind="text", name="t.txt"))
    assert figures
    assert all(f.rule and f.rule.startswith("victim.") for f in figures)
    assert all(text[f.start : f.end] == f.quote for f in figures)


def test_a_glued_paragraph_is_two_sentences() -> None:
    text = (
        "A man was wounded on Elm Avenue.Residents said a similar attack killed a woman last year."
    )
    figures = _figures(text)
    assert [(f.category, f.value) for f in figures] == [("injured", 1)]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        (
            "The toll rose to 272, the agency said, after the body of a 64-year-old woman was"
            " pulled from the rubble.",
            272,
        ),
        ("The body of a missing soldier was found by residents on 12 May.", 1),
    ],
)
def test_a_body_beside_a_stated_toll_is_one_of_it(text: str, killed: int) -> None:
    assert sorted(f.value for f in _figures(text) if f.category == "killed") == [killed]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Two unidentified gunmen on a motorcycle shot and killed a village guard.", 1),
        ("Four militants armed with rifles fired upon party officials, killing one person.", 1),
        ("Three men in a pickup truck abducted and killed a teacher.", 1),
        ("Five people in a car were killed when gunmen opened fire.", 5),
        ("Three soldiers on patrol were killed when a bomb exploded.", 3),
    ],
)
def test_attackers_named_as_the_subject_of_the_deed_are_not_its_dead(
    text: str, killed: int
) -> None:
    figures = _figures(text)
    assert max(f.value for f in figures if f.category == "killed") == killed
    assert not [f for f in figures if f.category == "killed" and f.role == "perpetrator"]


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        ("A suicide bomber detonated his vest at the checkpoint. Four soldiers were killed.", 4),
        ("A suicide car bomber rammed his vehicle into the gate, killing three guards.", 3),
        ("A suicide bomber blew himself up in the market. Twelve people were killed.", 12),
    ],
)
def test_a_suicide_bomber_who_set_off_his_charge_is_a_dead_perpetrator_apart(
    text: str, victims: int
) -> None:
    figures = _figures(text)
    assert _killed(figures) == victims
    apart = [f for f in figures if f.role == "perpetrator" and f.category == "killed"]
    assert [(f.value, f.rule) for f in apart] == [(1, "victim.attacker_apart")]


@pytest.mark.parametrize(
    "text",
    [
        "Police detonated the suspect's bomb in a controlled explosion.",
        "A man detonated his car alarm by mistake outside the suicide prevention office.",
    ],
)
def test_no_suicide_attacker_without_one(text: str) -> None:
    assert not [f for f in _figures(text) if f.role == "perpetrator"]


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Gunmen killed Yusuf al-Tamimi near the market in the old city.", 1),
        ("Omar bin Salem was shot dead outside his shop.", 1),
        # a name's apposition is the same person, and a list may go on after it
        ("Gunmen killed Karim al-Zaidi, a senior judge of the appeals court in the capital.", 1),
        (
            "Assailants killed Hadi Nasser, deputy head of the college, and Sami Aziz, its bursar.",
            2,
        ),
        ("The blast killed Faris Haddad, the district governor, and 12 other people.", 13),
    ],
)
def test_a_named_victim_with_a_particle_or_an_apposition_is_one_person(
    text: str, killed: int
) -> None:
    doc = Document(id="t", text=text, kind="text", name="t.txt")
    rows = reconcile([Statement(f, "2024-05-01", None, "t.txt") for f in extract(doc)])
    assert totals(rows).get("killed", 0) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        # a headline's bare object with a modifier a coder's summary gives it
        ("Mob kills suspected livestock raider", 1),
        ("Youths kill alleged robber near the bus stage", 1),
        ("Militia members shoot and kill unarmed herder.", 1),
        ("Residents lynch a suspected burglar.", 1),
        # a count whose noun is the harm, told with "reported" after it
        ("Clashes broke out at the market. Four deaths reported.", 4),
        ("Raiders struck the village at dawn. Six herders reported dead.", 6),
        # a motive told as an old grudge does not place the killing elsewhere
        ("A trader was hacked to death by rivals over a previous feud.", 1),
        # one person killed, named by a noun no people list holds
        ("An infiltrator was gunned down near the border fence on Friday.", 1),
        ("Police said a ferry stevedore was killed when the mob set fire to the depot.", 1),
        # a run of counts whose last tells they were shot
        ("Two boys and three girls were shot outside the school gate.", 0),
        # a description quoted whole is read; an acronym modifies a headline's bare noun
        ('"A night watchman was killed when raiders broke into the depot."', 1),
        ("Soldiers kill ULF fighter near the border", 1),
        # an "including" between a count and its verb
        ("Eight villagers including a 12-year-old boy were killed in the shelling.", 8),
        # a part of someone's people named with him
        ("Troops killed the commander and three of his guards in the raid.", 4),
        # one more person named as a companion of the harmed
        ("A village chief was killed along with his wife in the night attack.", 2),
        ("Gunmen killed a trader and his son, along with a pedestrian.", 3),
        ("A headman was shot dead along with his nephew and a neighbour.", 3),
        # a family counted by its size
        ("Aircraft struck the compound, killing a family of six and four fighters.", 10),
        ("Gunmen killed a family of five in their home on the hill.", 5),
        # an abbreviation in parentheses inside the noun phrase
        ("A Border Guard (BG) constable was killed when his post came under fire.", 1),
        ("Troops killed an ULFA (I) cadre in the forest on Monday.", 1),
        # a day told between the auxiliary and the participle; a date is no count
        ("Two suspected robbers were on 14/03 lynched by a crowd in the market.", 2),
        ("A herder was on Friday night shot dead near the water point.", 1),
        ("Four people were on 21/11 killed in a night raid on the village.", 4),
    ],
)
def test_coded_summaries_name_their_dead(text: str, killed: int) -> None:
    doc = Document(id="t", text=text, kind="text", name="t.txt")
    rows = reconcile([Statement(f, "2024-05-01", None, "t.txt") for f in extract(doc)])
    assert totals(rows).get("killed", 0) == killed


@pytest.mark.parametrize(
    "text",
    [
        "Two witnesses reported that the convoy had passed without incident.",
        "Three residents confirmed the road was reopened on Monday.",
    ],
)
def test_a_count_that_reports_is_no_harm(text: str) -> None:
    assert not [f for f in _figures(text) if f.category == "killed"]


@pytest.mark.parametrize(
    "text",
    [
        '"I was sure I would be killed," the driver told reporters.',
        "A goat was killed when the truck overturned.",
        "A cow was killed by a stray bullet in the raid.",
    ],
)
def test_an_animal_killed_is_no_victim(text: str) -> None:
    assert not [f for f in _figures(text) if f.category == "killed"]


def test_a_run_of_counts_shot_is_summed() -> None:
    doc = Document(
        id="t",
        text="Two boys and three girls were shot outside the school gate.",
        kind="text",
        name="t.txt",
    )
    rows = reconcile([Statement(f, "2024-05-01", None, "t.txt") for f in extract(doc)])
    assert totals(rows).get("injured", 0) == 5


@pytest.mark.parametrize(
    "text",
    [
        "A shopkeeper was shot dead outside his store. The shopkeeper's nephew was also killed.",
        "Gunmen killed a district judge as he left court. The judge's driver was also killed.",
    ],
)
def test_one_more_dead_told_with_also_is_counted_apart(text: str) -> None:
    figures = _figures(text)
    assert _killed(figures) == 2
    assert all(f.group == "people" for f in figures if f.rule == "victim.total")


def test_a_companion_who_is_the_source_is_no_victim() -> None:
    text = (
        "Soldiers attacked the hamlet, killing five of its residents, a spokesman for one of "
        "the local militias said on Friday."
    )
    assert _killed(_figures(text)) == 5


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("One guard was killed and 3 policemen and 2 drivers were wounded in the ambush.", 1, 5),
        ("Two guards were killed and 3 policemen were hurt in the blast.", 2, 3),
    ],
)
def test_a_run_after_a_death_takes_its_own_verb(text: str, killed: int, injured: int) -> None:
    doc = Document(id="t", text=text, kind="text", name="t.txt")
    rows = reconcile([Statement(f, "2024-05-01", None, "t.txt") for f in extract(doc)])
    got = totals(rows)
    assert (got.get("killed", 0), got.get("injured", 0)) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "category", "value"),
    [
        # a breakdown set off by commas between a count and its verb
        (
            "Seven migrants, three women and four boys, were killed when the boat capsized.",
            "killed",
            7,
        ),
        # a count quoted from a source after its verb
        ('A jet bombed the market, killing "nearly 40 people", the governor said.', "killed", 40),
        # the count's people taken up again by a later verb as "them"
        (
            "Militiamen took nine travellers off a lorry at the ford and shot them dead.",
            "killed",
            9,
        ),
        ("Gunmen seized three herders near the well before executing them.", "killed", 3),
        # dying of wounds, martyrdom
        ("Two porters succumbed to their injuries in hospital on Sunday.", "killed", 2),
        ("One constable was martyred in the ambush on the convoy.", "killed", 1),
        ('A village healer is "hacked to death" by unknown men.', "killed", 1),
        # a group's acronym before its people's noun, joined, parenthesised or two of them
        ("At least 12 KRF/NLA fighters were killed as jets struck their camps.", "killed", 12),
        ("Two KLF(B) cadres were killed in an encounter with troops.", "killed", 2),
        ("Nine ABM and PDF militants died in the shelling of the ridge.", "killed", 9),
        # one victim: an old verb, a death after what was done, a dash apposition, a name
        ("Unidentified assailants slew a ward councillor in the old town.", "killed", 1),
        (
            "A union secretary was beaten by three thugs and afterwards succumbed to his wounds.",
            "killed",
            1,
        ),
        ("A man - Tomas Reyes of Block 9, was beaten to death by a mob.", "killed", 1),
        ("A guard was arrested after shooting dead Tomas Reyes, a trader.", "killed", 1),
        # any adverb of manner between the auxiliary and the harm
        ("A cleaner was slightly injured when the device went off.", "injured", 1),
        ("The courier was fatally shot at the crossing.", "killed", 1),
        # one person by nationality, as subject or object
        ("A Moldovan was wounded when the patrol fired on the convoy.", "injured", 1),
        ("Settlers shot and wounded a Jordanian by the orchard.", "injured", 1),
        # a title before a name, a companion
        ("Guerrillas killed Chilean engineer Pablo Soto near the dam.", "killed", 1),
        ("The gang robbed Pablo Soto and injured his companion on the road.", "injured", 1),
        ("Ines Vidal, a notary, was beaten and choked to death at her office.", "killed", 1),
        # the count's people taken up by a participle, a part "of which"
        ("Bandits waylaid two herders near the ford, hacking them to death.", "killed", 2),
        ("The shell hit a bus, wounding five riders, two of which later died.", "killed", 2),
        # a fate verb's harm told after an adjective that names another ("homeless")
        ("The explosion left one homeless woman dead near the depot.", "killed", 1),
        # an acronym in parentheses inside the noun phrase; a lone count after another clause
        ("One African Union (AU) medic was killed and one other was wounded.", "killed", 1),
        ("One African Union (AU) medic was killed and one other was wounded.", "injured", 1),
        # taken, then killed: the death is their fate
        ("Four porters were abducted, tortured and killed near the pass.", "killed", 4),
        ("Militants kidnapped three linemen and later executed them.", "killed", 3),
        ("Rebels abducted two linemen and killed a third.", "captured", 2),
        # a headline's present tense; a party's long name before its member
        ("Herders shoot two rangers near the salt lick", "injured", 2),
        ("A local Mukti Sangram Dal leader was chopped to death by a mob.", "killed", 1),
        # a count told as more of the same after its verb
        ("Gunmen killed two guards and wounded a further five at the gate.", "injured", 5),
        ("The blast killed a driver and injured an additional six pilgrims.", "injured", 6),
        # the object of a killing, whatever participle follows it; passers-by
        ("Militiamen killed 9 road workers taken captive near the dam.", "killed", 9),
        ("The strike killed six passersby near the square.", "killed", 6),
        # a victim's origin or body between the terms of a list
        ("Militants shot dead one constable from the forest post and one guard.", "killed", 2),
        ("Gunmen killed a member of the water board and his nephew.", "killed", 2),
        # a definite victim described by a phrase set off by commas is one person
        ("He shot the clerk, a 19-year-old student, behind the counter.", "injured", 1),
        ("Raiders killed the guard, a herder, and a boy at the camp.", "killed", 3),
    ],
)
def test_harm_told_around_the_count(text: str, category: str, value: int) -> None:
    assert (category, value) in {(f.category, f.value) for f in _figures(text)}


@pytest.mark.parametrize(
    ("text", "not_harmed"),
    [
        # a verb with a count of its own names that count's harm, not an earlier one's
        ("Crowds of 300 people looted a depot after soldiers shot dead two boys.", 300),
        ("Militiamen stopped six vans and searched them before letting them go.", 6),
        ("Rebels took 12 villagers to the camp and later released them.", 12),
    ],
)
def test_a_later_harm_is_not_the_counts(text: str, not_harmed: int) -> None:
    assert not [f for f in _figures(text) if f.value == not_harmed and f.category == "killed"]


@pytest.mark.parametrize(
    "text",
    [
        "An Italian restaurant was bombed overnight.",
        "A Kenyan court sentenced the driver on Monday.",
        "Police threatened to shoot two traders who refused to pay.",
        "Three men, a teenager charged in the Elm Street killing, appeared in court.",
        "Every family there had mourned the death of a cousin, a friend or a neighbour.",
    ],
)
def test_a_nationality_before_a_noun_is_no_person(text: str) -> None:
    assert not _figures(text)


def test_a_list_and_its_victims_told_apart() -> None:
    """A run naming the attackers beside their victims counts each once: the attackers as
    perpetrators, the rest as victims, whatever qualifier opens the list; a role's count
    listed beside the attackers is all of that role who died, not a part."""
    figures = _figures("At least nine raiders and three policemen were killed in the fight.")
    assert {(f.category, f.value, f.role) for f in figures} == {
        ("killed", 9, "perpetrator"),
        ("killed", 3, "victim"),
    }
    rows = reconcile([Statement(f, "2024-05-01", None, "t.txt") for f in figures])
    assert totals(rows)["killed"] == 12


def test_a_noun_phrase_naming_its_own_harm_is_no_part_of_the_next() -> None:
    figures = _figures("Deputies found two dead men and two injured in the yard.")
    assert {(f.category, f.value) for f in figures} == {("killed", 2), ("injured", 2)}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Deputies: Boy wounded in accidental shooting near lake", "injured"),
        ("Girl struck by bullet while sitting on porch", "injured"),
        ("Hunter wounds self with shotgun in field", "injured"),
        ("Toddler in critical condition after gunshot at home", "injured"),
        # "left for dead" is said of the living
        ("Teenager shot, left for dead beside the canal", "injured"),
        ("A teenager was shot and left for dead beside the canal.", "injured"),
    ],
)
def test_a_headline_names_one_victim(text: str, category: str) -> None:
    assert {(f.category, f.value) for f in _figures(text)} == {(category, 1)}


def _totals(text: str) -> dict[str, int]:
    doc = Document(id="t", text=text, kind="text", name="t.txt")
    return totals(reconcile([Statement(f, "2024-05-01", None, "t.txt") for f in extract(doc)]))


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Raiders shot dead a herdsman and wounded another near the well.", 1, 1),
        ("A mine hit the patrol, killing one ranger and wounding another.", 1, 1),
        ("The shelling killed two farmers and injured four more in the valley.", 2, 4),
        ("Gunmen killed a trader and wounded another, police said.", 1, 1),
    ],
)
def test_an_object_left_to_the_one_before_is_counted(text: str, killed: int, injured: int) -> None:
    got = _totals(text)
    assert (got.get("killed", 0), got.get("injured", 0)) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A schoolteacher and a village head were shot dead by insurgents.", 2),
        ("The owner of a tea stall and his helper were hacked to death.", 2),
        ("A member of the ward committee and his bodyguard were gunned down.", 2),
        ("Gunmen shot dead a village head outside the mosque.", 1),
    ],
)
def test_a_list_with_compound_or_modified_nouns_is_summed(text: str, killed: int) -> None:
    assert _totals(text).get("killed", 0) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Villagers beat a man to death after accusing him of killing two herders.", 1),
        ("A mob lynched two cattle thieves suspected of murdering a farmer.", 2),
        ("A crowd burnt a robber to death for killing a night watchman.", 1),
        ("Youths lynched a man believed to be behind the murder of three boys.", 1),
        # no harm told before the charge: the killing is the event
        ("Police arrested a man accused of killing two herders.", 2),
    ],
)
def test_a_killing_the_harmed_are_charged_with_is_another_event(text: str, killed: int) -> None:
    assert _totals(text).get("killed", 0) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Two masked men shoot and kill a shopkeeper in the bazaar.", 1),
        ("Four bandits kill a herder near the dam.", 1),
        ("Three gunmen shoot dead a shopkeeper outside his store.", 1),
    ],
)
def test_a_count_before_a_present_tense_deed_counts_the_doers(text: str, killed: int) -> None:
    assert _totals(text).get("killed", 0) == killed


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        # a count restated by its parts after a comma
        ("Two people, a nurse and a porter, were hurt when the grenade went off.", 0, 2),
        # a list opened by "including" ends at its comma: the next count is its own
        ("Nine people were killed, including two girls, and six were wounded in the raid.", 9, 6),
        ("Four guards died, including a woman and a boy, and ten others were hurt.", 4, 10),
        # a count and its names
        (
            "Gunmen shot dead a teacher and wounded two others, Bilal and Omar Ali.",
            1,
            2,
        ),
    ],
)
def test_a_count_is_not_summed_with_its_own_parts_or_names(
    text: str, killed: int, injured: int
) -> None:
    got = _totals(text)
    assert (got.get("killed", 0), got.get("injured", 0)) == (killed, injured)


@pytest.mark.parametrize(
    "text",
    [
        "Mortars were fired at the base in retaliation for the killing of four herders.",
        "Students protested over the death of two classmates last week.",
        "Activists stoned the embassy on the anniversary of the execution of 30 prisoners.",
        "Clashes over the killing of a cleric shut the market for a day.",
    ],
)
def test_deaths_the_event_answers_are_not_its_toll(text: str) -> None:
    assert _totals(text).get("killed", 0) == 0


def test_a_vehicle_over_a_mine_killing_is_the_toll() -> None:
    assert _totals("A truck ran over a landmine killing one and injuring two others.") == {
        "killed": 1,
        "injured": 2,
    }


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A union organiser along with his bodyguard were shot dead outside the office.", 2),
        ("A shopkeeper as well as his nephew were hacked to death.", 2),
        ("A rebel commander, as well as three other fighters were killed in the raid.", 4),
    ],
)
def test_a_subject_joined_by_along_with_or_as_well_as_is_summed(text: str, killed: int) -> None:
    assert _totals(text).get("killed", 0) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A ward councillor was targeted by masked men and killed near his home.", 1),
        ("A cattle trader was ambushed by bandits and later killed.", 1),
        ("Raiders kill farm watchman at a depot", 1),
        ("Unknown gunmen shoot and kill bank cashier in the town", 1),
    ],
)
def test_a_victim_named_before_a_second_verb_or_bare_in_a_headline(text: str, killed: int) -> None:
    assert _totals(text).get("killed", 0) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A border clash over grazing caused the death of one.", 1),
        ("Raiders slaughtered a herdsman and his son at the well.", 2),
        ("A trader was slaughtered in his shop on Friday night.", 1),
        ("Riots spread through the town following the lynching of a bus driver.", 0),
    ],
)
def test_a_death_of_a_count_and_a_slaughter_are_killings(text: str, killed: int) -> None:
    assert _totals(text).get("killed", 0) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Gunmen assassinated Col. Karim Jaber, the deputy police chief, outside his office.", 1),
        ("Insurgents shot dead Lt.-Col. Omar Hadi near the depot.", 1),
        (
            "Rebels seized Pastor Jonah Sule on Monday. On Friday Sule's body was found in a creek.",
            1,
        ),
    ],
)
def test_a_victim_named_with_a_title_or_by_his_body_is_counted(text: str, killed: int) -> None:
    assert _totals(text).get("killed", 0) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("12 suspected LRA killed in an army raid near the border", 12),
        ("Troops said 4 ADF were killed in the forest.", 4),
    ],
)
def test_a_groups_acronym_counts_its_members(text: str, killed: int) -> None:
    assert _totals(text).get("killed", 0) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Four pilgrims were killed in the blast. A vendor was also killed.", 5),
        ("At least six guards died in the raid. A cook was also killed.", 7),
        ("Gunmen shot dead Musa Bello, a trader and a member of the market board, at dawn.", 1),
        ("Troops said 22 ZNA soldiers were killed and five rebels died.", 27),
    ],
)
def test_one_more_victim_is_added_and_a_second_role_is_the_same_man(text: str, killed: int) -> None:
    assert _totals(text).get("killed", 0) == killed


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Gunmen killed Dr. Lena Moyo, her husband Tomas, and their son.", 3),
        ("Raiders shot dead Abu Musa, his brother and a herdsman.", 3),
        ("16 YO SHOT OUTSIDE STORE", 0),
    ],
)
def test_kin_after_a_name_are_more_people(text: str, killed: int) -> None:
    assert _totals(text).get("killed", 0) == killed


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Gunfire Leaves 1 Man Dead, 4 People Hurt", 1, 4),
        ("Detectives are looking into the death of Leo Park, his neighbour's son.", 1, 0),
    ],
)
def test_a_headline_and_an_apposition_with_a_possessive_are_not_lists(
    text: str, killed: int, injured: int
) -> None:
    got = _totals(text)
    assert (got.get("killed", 0), got.get("injured", 0)) == (killed, injured)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Troops killed at least 30 people, including 12 in the northern suburbs.", 30, 0),
        ("Police killed at least 14 marchers in the region, including four in the capital.", 14, 0),
        ("At least 40 members of the sect, including two of its elders, were killed.", 40, 0),
        ("A body was found at a tea estate near the village.", 1, 0),
        ("The monitor said 23 mutilated corpses were found near the dam.", 23, 0),
        ("A farmer's body is discovered in a ditch by the road.", 1, 0),
        ("A herder was shot dead on Monday. A body was found near his camp on Tuesday.", 1, 0),
        ("Gunmen shot Ravel, a tailor, dead in his shop late last night.", 1, 0),
        ("Two officers gun down a suspected robber as he sat in a cafe.", 1, 0),
        ("A gang guns down two traders at the bus park.", 2, 0),
        ("He pointed a gun down the street and fired.", 0, 0),
        ("A herder was clobbered to death by a mob near the well.", 1, 0),
        ("A hired gunman linked to the gang was killed in a raid by the police.", 1, 0),
        ("A rebel leader identified as Kamal was killed by troops on Saturday.", 1, 0),
        ("A blogger hacked to death in the old town on Monday.", 1, 0),
        ("Shopkeeper stabbed to death in the market", 1, 0),
        ("A crowd tries to lynch a man who ran over a cyclist", 0, 0),
        ("Villagers storm the police post in a bid to lynch a suspected thief", 0, 0),
        ("Police shot dead a man who was trying to separate two rival crowds at the gate.", 1, 0),
        ("16 villagers -- the youngest a 6-month-old boy -- have been killed.", 16, 0),
        ("Nine miners – the oldest a 60-year-old foreman – were killed in the blast.", 9, 0),
        ("Eleven guards—among them a new recruit—were wounded at the gate.", 0, 11),
        ("Three porters, including a 12-year-old boy were killed and 15 others injured.", 3, 15),
    ],
)
def test_a_part_an_aside_or_an_attempt_leaves_the_whole_toll(
    text: str, killed: int, injured: int
) -> None:
    got = _totals(text)
    assert (got.get("killed", 0), got.get("injured", 0)) == (killed, injured)
