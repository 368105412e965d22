"""Attackers who died by their own attack, for `victims.py`: the suicide bomber.

Coders of attack datasets (GTD, RAND) count a suicide attacker among the
killed, and so do the spec's totals, though a description rarely says he
died: "a suicide bomber detonated his vest at the gate, killing four guards"
is five dead. A suicide attacker said to have struck is read as killed, a
perpetrator apart from his victims, unless the sentence says the attack failed
or the attacker was caught.
"""

from __future__ import annotations

from tally.extract import victims_lexicon as lex
from tally.extract.victims_resolve import Mention


def suicide_attackers(sentence: str, offset: int, found: list[Mention]) -> list[Mention]:
    """A killed-perpetrator mention for each suicide attacker the sentence says struck."""
    if "suicide" not in sentence.lower() or lex.SUICIDE_SPARED.search(sentence):
        return []
    out = []
    for m in lex.SUICIDE_ATTACKER.finditer(sentence):
        start, end = offset + m.start(), offset + m.end()
        if any(f.attacker and f.start < end and start < f.end for f in found):
            continue
        det = (m.group("n") or "a").lower()
        count = 1 if det in {"a", "an", "the"} else lex.count_of(det) or 1
        plural = m.group(0).lower().endswith("s")
        if plural and count == 1 and det not in {"one"}:
            continue
        out.append(
            Mention(
                start,
                end,
                "killed",
                count,
                "plural" if count > 1 else "def" if det == "the" else "indef",
                "combatants",
                attacker=True,
                apart=True,
                text=m.group(0),
                head="bomber",
                rule="victim.suicide_attacker",
            )
        )
    return out
