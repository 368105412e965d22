"""The English extractor's vocabulary, read once from the data files in `tally/lang/en/`.

The data files hold the word lists (`numeric.toml`: nouns, groups, qualifiers, cues;
`harm.toml`: harm verbs; ...); this module turns them into the frozen sets, maps
and patterns the extractor uses, and the keyword prefilters of those patterns, so
that a pattern and its prefilter cannot drift apart.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tally.keywords import word_alternation

_DATA = Path(__file__).resolve().parents[1] / "lang" / "en"


@dataclass(frozen=True)
class Vocabulary:
    """Word lists of one language for numeric figures, compiled."""

    harm_nouns: dict[str, str]
    status_nouns: frozenset[str]
    act_nouns: frozenset[str]
    act_qualifiers: frozenset[str]
    total_nouns: dict[str, str]
    group_nouns: dict[str, str]
    self_killing: tuple[str, ...]
    reflexives: tuple[str, ...]
    modifier_groups: dict[str, str]
    things: frozenset[str]
    bare_number_words: frozenset[str]
    months: tuple[str, ...]
    month_common_words: frozenset[str]
    not_count_before: tuple[str, ...]
    cues: tuple[tuple[str, str], ...]
    """(category, pattern) harm cues, most specific first."""
    qualifiers: tuple[tuple[str, str], ...]
    """(qualifier, pattern) words before a number, in the order they are tried."""
    reporting_verbs: tuple[str, ...]
    source_intro: tuple[str, ...]
    verbs_before: tuple[tuple[str, str], ...]
    """(category, pattern) harm verbs that take the count after them as object, in order."""
    fate_verbs_before: tuple[str, ...]
    """Verbs whose object's harm is told after it ("left two men dead"), as patterns."""
    role_nouns: frozenset[str]
    attacker_nouns: tuple[str, ...]
    part_after: tuple[str, ...]
    part_condition: tuple[str, ...]
    police_agents: tuple[str, ...]
    attacker_died: tuple[str, ...]
    not_count_after: tuple[str, ...]
    """Patterns right after a number that make it no count of people (ages, units, times)."""
    phone_numbers: frozenset[str]
    """Emergency telephone numbers as written ("911"): no count before a word of the line."""
    phone_after: str
    """The words after such a number that make it the telephone line ("operators", "call")."""
    not_harmed_before: tuple[str, ...]
    conditional: tuple[str, ...]
    shot_fired: tuple[str, ...]
    shot_fired_before: tuple[str, ...]
    """The verbs whose object "shot" is a gunshot ("fired a second shot"), as patterns."""
    """What after "one shot" makes it a gunshot fired, not a person shot, as patterns."""
    """Words opening a clause of condition or any occasion ("if", "whenever"), as patterns."""
    not_harmed_after: tuple[str, ...]
    suspects_after: tuple[str, ...]
    """What after a count, before any harm word, makes its people the suspects (patterns)."""
    speaks_before: tuple[str, ...]
    speaks: tuple[str, ...]
    toll_nouns: tuple[str, ...]
    report_nouns: str
    toll_not_harm: tuple[str, ...]
    ordinals: tuple[str, ...]
    """Ordinal words from "second" on, in order."""
    according_nouns: tuple[str, ...]
    according_links: tuple[str, ...]
    by_agent: tuple[str, ...]
    predicate_block: frozenset[str]
    """Other fates and negations that end the search for a harm predicate after a count."""
    window_block: tuple[str, ...]
    victim_nouns: dict[str, tuple[str, tuple[str, ...]]]
    """The victims reader's people nouns by list (men, ..., attackers): (group, words), in order."""
    victim_sources: dict[str, tuple[str, ...]]
    """The victims reader's sources: `nouns`, `verbs_before` and `verbs_after` them (patterns)."""
    victim_negation: tuple[str, ...]
    not_names: tuple[str, ...]
    """Capitalised words that are no victim's name, besides weekdays and months."""
    victim_hypothetical: tuple[str, ...]
    death_as_cause: tuple[str, ...]
    """Words before "the death of X" that make that death the cause of the event told
    ("students protesting the death of a classmate"), not a harm of it: patterns."""
    name_titles: tuple[str, ...]
    """Abbreviated titles before a person's name ("Col.", "Lt.-Gen.", "Dr."), without the dot."""
    deed_charged: tuple[str, ...]
    """Words before a killing that make it what someone harmed in the event was charged with
    ("lynched a man accused of killing two herders"), an earlier event: patterns."""
    projectiles: tuple[str, ...]
    """Nouns for what a gun fires ("bullet", "gunfire"): the subject of "struck" or "hit"
    whose object was shot ("a stray bullet struck a girl")."""
    body_parts: tuple[str, ...]
    """Nouns for parts of the body: after a possessive object ("struck her son's leg") the
    person is the one harmed, not a thing of theirs ("struck the family's home")."""
    clause_openers: tuple[str, ...]
    """Words that open a clause or phrase after a harm verb ("killed when ...", "killed by
    ..."), never a modifier of its object's noun."""
    acts_beside_killing: tuple[str, ...]
    """Deeds joined after a verb of killing and done to its object ("lynched and burned a
    thief"): patterns."""
    deaths_among_shot: tuple[str, ...]
    """Participles after a count of people shot saying how many of them died: patterns."""
    captives_dead: tuple[str, ...]
    """What, after a count of people taken, tells they were found dead or killed ("their bodies
    were found"): patterns."""
    official_sources: tuple[str, ...]
    """Sources that are authorities (`word_pattern` forms; `*` marks a stem)."""
    source_stop: frozenset[str]
    """Words that tell no source from another ("the", "officials", "latest")."""
    run_joiners: tuple[str, ...]
    """Patterns joining the counts of one toll ("and", "as well as": `extract.runs`)."""
    run_breaks: frozenset[str]
    """Words between two counts that end a run."""
    run_parts_before: tuple[str, ...]
    """Patterns before a count that make the counts after it parts of a total ("including")."""
    run_companions: tuple[str, ...]
    """Patterns naming a victim's companions ("along with")."""

    @property
    def verbs_before_pattern(self) -> str:
        """`verbs_before` as one pattern anchored at the end; the group's name is the category."""
        named = "|".join(f"(?P<{c}>{p})" for c, p in self.verbs_before)
        selves = "|".join(self.reflexives)  # "killing himself and two guards": two killed
        owner = r"(?:\s+(?:a|an|the)\s+family\s+of)?"  # "killed a family of seven"
        quote = r"(?:\s+[\"“])?"  # killing "nearly 50 people": a count quoted from a source
        more = r"(?:\s+(?:another|a\s+further|an\s+additional|all))?"  # "wounded another seven"
        return rf"\b(?:{named})(?:\s+(?:{selves})\s*,?\s+and)?{owner}{more}{quote}\s*$"

    @property
    def month_words(self) -> frozenset[str]:
        """The words a date pattern built from `months` can end on."""
        return frozenset(self.months)

    @property
    def month_pattern(self) -> str:
        """An alternation of month names, case-insensitive but for those that are common words."""
        plain = [m for m in self.months if m not in self.month_common_words]
        common = [m.capitalize() for m in self.months if m in self.month_common_words]
        return f"(?i:{self.alternation(tuple(plain))})|{self.alternation(tuple(common))}"

    def alternation(self, words: tuple[str, ...] | frozenset[str]) -> str:
        """A regex alternation of `words`, longest first, spaces matching any whitespace."""
        return word_alternation(words, space=r"\s+")

    def first_words(self, phrases: tuple[str, ...]) -> frozenset[str]:
        """The lower-cased first word of each phrase (keys of a prefilter for their pattern)."""
        return frozenset(p.split()[0].lower() for p in phrases)

    def last_words(self, phrases: tuple[str, ...]) -> frozenset[str]:
        """The lower-cased last word of each phrase that ends on a letter (prefilter keys)."""
        ends = {p.split()[-1].lower() for p in phrases}
        return frozenset(e for e in ends if e[-1:].isalpha())


@cache
def english() -> Vocabulary:
    """The English vocabulary (read and compiled on first use, then shared)."""
    data: dict = {}
    for path in sorted(_DATA.glob("*.toml")):
        with path.open("rb") as fh:
            for section, table in tomllib.load(fh).items():
                if section in data:
                    raise ValueError(f"{path.name}: section [{section}] is defined twice")
                data[section] = table
    groups = {w.lower(): g for g, words in data["groups"].items() for w in words}
    for name in ("roles", "trades", "forces"):
        for w in data["victim_nouns"][name]["words"]:
            plural = (w.endswith("s") and not w.endswith("ss")) or w.endswith("men")
            if plural and w not in groups:
                groups[w] = data["victim_nouns"][name]["group"]
    return Vocabulary(
        harm_nouns=dict(data["harm_nouns"]),
        status_nouns=frozenset(data["status_nouns"]["words"]),
        act_nouns=frozenset(data["act_nouns"]["words"]),
        act_qualifiers=frozenset(data["act_nouns"]["qualifiers"]),
        total_nouns=dict(data["total_nouns"]),
        group_nouns=groups,
        self_killing=tuple(data["perpetrators"]["self_killing"]),
        reflexives=tuple(data["perpetrators"]["reflexives"]),
        modifier_groups=dict(data["modifier_groups"]),
        things=frozenset(data["things"]["words"]),
        bare_number_words=frozenset(data["bare_number_words"]["words"]),
        months=tuple(form for forms in data["months"].values() for form in forms),
        month_common_words=frozenset(data["common_months"]["words"]),
        not_count_before=tuple(data["not_count_before"]["words"]),
        cues=tuple((c["category"], c["pattern"]) for c in data["cues"]),
        qualifiers=tuple((q["qualifier"], q["pattern"]) for q in data["qualifiers"]),
        reporting_verbs=tuple(data["reporting_verbs"]["words"]),
        source_intro=tuple(data["source_intro"]["words"]),
        verbs_before=tuple((c, "|".join(ps)) for c, ps in data["verbs_before"].items()),
        fate_verbs_before=tuple(data["fate_verbs_before"]["patterns"]),
        role_nouns=frozenset(data["role_nouns"]["words"]),
        attacker_nouns=tuple(data["attacker_nouns"]["words"]),
        part_after=tuple(data["part_after"]["patterns"]),
        part_condition=tuple(data["part_condition"]["patterns"]),
        police_agents=tuple(data["police_agents"]["patterns"]),
        attacker_died=tuple(data["attacker_died"]["patterns"]),
        not_count_after=tuple(data["not_count_after"].values()),
        phone_numbers=frozenset(data["phone_numbers"]["numbers"]),
        phone_after=data["phone_numbers"]["after"],
        not_harmed_before=tuple(data["not_harmed_before"]["patterns"]),
        conditional=tuple(data["conditional"]["openers"]),
        shot_fired=tuple(data["shot_fired"]["patterns"]),
        shot_fired_before=tuple(data["shot_fired"]["before"]),
        not_harmed_after=tuple(data["not_harmed_after"]["patterns"]),
        suspects_after=tuple(data["suspects_after"]["patterns"]),
        speaks_before=tuple(data["speaks"]["before"]),
        speaks=tuple(data["speaks"]["verbs"]),
        toll_nouns=tuple(data["toll_nouns"]["patterns"]),
        report_nouns=data["report_nouns"]["pattern"],
        toll_not_harm=tuple(data["toll_not_harm"]["patterns"]),
        ordinals=tuple(data["ordinals"]["words"]),
        according_nouns=tuple(data["according_to"]["nouns"]),
        according_links=tuple(data["according_to"]["links"]),
        by_agent=tuple(data["by_agent"]["verbs"]),
        predicate_block=frozenset(
            data["predicate_block"]["fates"] + data["predicate_block"]["negations"]
        ),
        window_block=tuple(data["window_block"]["words"]),
        victim_nouns={
            name: (t["group"], tuple(t["words"])) for name, t in data["victim_nouns"].items()
        },
        victim_sources={k: tuple(v) for k, v in data["victim_sources"].items()},
        victim_negation=tuple(data["victim_negation"]["patterns"]),
        not_names=tuple(data["not_names"]["words"]),
        victim_hypothetical=tuple(data["victim_hypothetical"]["patterns"]),
        death_as_cause=tuple(data["death_as_cause"]["patterns"]),
        deed_charged=tuple(data["deed_charged"]["patterns"]),
        name_titles=tuple(data["name_titles"]["words"]),
        projectiles=tuple(data["projectiles"]["words"]),
        body_parts=tuple(data["body_parts"]["words"]),
        clause_openers=tuple(data["clause_openers"]["words"]),
        acts_beside_killing=tuple(data["acts_beside_killing"]["patterns"]),
        deaths_among_shot=tuple(data["deaths_among_shot"]["patterns"]),
        captives_dead=tuple(data["captives_dead"]["patterns"]),
        official_sources=tuple(data["official_sources"]["words"]),
        source_stop=frozenset(data["source_key"]["stop"]),
        run_joiners=tuple(data["joiners"]["patterns"]),
        run_breaks=frozenset(data["breaks"]["words"]),
        run_parts_before=tuple(data["parts_before"]["patterns"]),
        run_companions=tuple(data["companions"]["patterns"]),
    )
