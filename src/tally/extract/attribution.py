"""Who a figure comes from, in the text's words: "according to X", "X said", "said X".

Rules over one sentence, with a document-level memory so that a pronoun
("he said") resolves to the name or title it stands for. Agentless passives
("had been put at 288") and the document's own voice give None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tally.extract.vocab import english
from tally.keywords import lowered, quick_start

_EN = english()
_VERBS = "|".join(_EN.reporting_verbs)
_VERB_RE = quick_start(re.compile(rf"\b(?:{_VERBS})\b", re.I))
_VERB_SET = frozenset(_VERBS.split("|"))
_WORD = re.compile(r"[A-Za-z]+")
_PARTICIPLE = {"saying", "telling", "adding", "putting", "giving", "reporting"}
_ACCORDING = re.compile(
    rf"\baccording\s+to\s+(?:(?:{'|'.join(_EN.according_nouns)})\s+"
    rf"(?:{'|'.join(_EN.according_links)})\s+)?(?P<src>[^,;:()]+)",
    re.I,
)
_BY_AGENT = quick_start(
    re.compile(rf"\b(?:{'|'.join(_EN.by_agent)})(?:\s+\w+ly)?\s+by\s+(?P<src>[^,;:()]+)", re.I)
)
_REPORT_NOUN = re.compile(
    r"(?P<src>\b(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}(?:reports?|estimates?|accounts?|claims?"
    r"|statements?)(?:\s+(?:from|by)\s+[\w' -]{2,40}?\s+(?=of\s)|\s+(?=that\s)))(?:that|of)\s+",
    re.I,
)
_INVERTED = re.compile(
    r",[\"”’']?\s*(?P<verb>said|says|added|explained|noted|told\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)\s+"
    r"(?P<src>(?:the\s+|a\s+|an\s+)?[A-Z][^,.;:]{1,60}?)\s*(?=[,.;:]|$)"
)
_ATTRIBUTING = re.compile(
    r"\b(?:attribut(?:ing|ed|es)|credit(?:ing|ed|s))\s+(?:it|them|this|that|these|those"
    r"|both(?:\s+(?:numbers|figures|counts|tolls))?|the\s+(?:\w+\s+)?(?:figures?|numbers?|tolls?"
    r"|counts?|estimates?))\s+to\s+(?P<src>[^,;.()]+)",
    re.I,
)
_REPORT_KEY = re.compile(
    r"\b(?:reports?|estimates?|accounts?|claims?|statements?)\s+(?:that|from|by)\b"
)
_ACC = "\x00"
"""Marks an "according to" source inside `sources` (stripped before it is returned)."""
_PASSIVE = re.compile(r"\b(?:been|was|were|is|are|be|being)\s+(?:\w+ly\s+)?$", re.I)
_TOLL_NOUN_AFTER = re.compile(
    r"\s+(?:death\s+)?(?:tolls?|figures?|counts?|numbers?|tall(?:y|ies)|estimates?)\b", re.I
)
"""A toll noun after a participle: "the widely reported toll" names no source."""
_HARM_AFTER = re.compile(r"\s+(?:dead|killed|missing|injured|wounded|deaths)\b", re.I)
"""A harm word after the verb: "people confirmed dead" reports nothing."""
_NOUN_AFTER = re.compile(r"\s+(?:that|of|from|by)\b")
_NOT_A_VERB_AFTER = re.compile(
    r"\b(?:an?|the|to|not|be|of|for|in|with|by|from|as|ever|yet|if|once|unless)\s+$", re.I
)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "this"}
_POSSESSIVES = {"its", "his", "her", "their", "our"}
_VERBISH = re.compile(
    r"\b(?:is|was|were|are|had|has|have|could|would|will|may|might|can|should|must|did|does"
    r"|rise|rose|remained|began|been)\b",
    re.I,
)
_TRAIL = re.compile(
    r"(?:\s+(?:had|has|have|also|earlier|later|first|initially|now|then|still|already|officially"
    r"|separately|previously|subsequently|yesterday|today|tonight|reportedly|was|were|is|are"
    r"|would|could|may|might|will|themselves|itself|alone|too"
    r"|on\s+\w+(?:\s+(?!(?:it|he|she|they|we|i)\b)\w+)?"
    r"|in\s+a\s+statement|late\s+\w+|at\s+one\s+point|at\s+first|by\s+\w+\s+\w+"
    r"|(?:later|earlier)?\s*(?:that|this|last|the\s+next|the\s+same)\s+(?:day|week|month|year"
    r"|morning|afternoon|evening|night)))+$",
    re.I,
)
_ADVERB_SEG = re.compile(
    r"^(?:however|meanwhile|though|too|also|in\s+turn|for\s+its\s+part|separately|in\s+all"
    r"|overall|earlier|later|then|now|instead)$",
    re.I,
)
_ADVERBIAL = re.compile(
    r"^(?:on|in|at|by|as\s+of|late|early|earlier|later|after|before|during|since|speaking|citing"
    r"|according|who|which|whose|writing|appearing|relayed|quoted|correcting|unlike|like|with"
    r"|until|when|while|as)\b",
    re.I,
)
_SUBORDINATE = quick_start(
    re.compile(
        r"\b(?:that|while|whereas|but|after|when|because|as|if|though|although|since|before"
        r"|until|where)\s+",
        re.I,
    )
)
_NAME_START = re.compile(
    r"^((?:[A-Z][\w.'’-]+\s+){1,4}[A-Z][\w'’-]+"
    r"|(?:The|A|An)\s+(?:[a-z]+\s+){0,2}(?:mayor|governor|minister|spokes(?:man|woman|person)"
    r"|official|chief|president|commander|director|sheriff|coroner|army|police|agency|ministry"
    r"|government|military|hospital))(?=,|\s+[a-z])"
)

_COMMA_BEFORE = re.compile(r",\s*$")
_AND_BEFORE = re.compile(r"\band\s+$")
_SEGMENT_BREAK = re.compile(r"[;—–\"“”]|(?<!\d)[:,]|[:,](?!\d)")
_DEFINITE_AT_END = re.compile(
    r"\s((?:the|a|an|its|their|his|her)\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3})$"
    r"|\s((?:(?:[A-Z][\w.'’&-]*|hospital|health|security|police|military|government|medical|rescue"
    r"|ministry|army|local|civil\s+defen[cs]e)\s+){1,4}(?:officials|authorities|sources|police"
    r"|officers|spokes(?:man|woman|person)|teams|workers|crews|residents|witnesses|medics|doctors))$"
)
_TIME_WORDS = re.compile(
    r"^(?:(?:early|late|mid|January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|morning"
    r"|afternoon|evening|night|\d+)\s+)+"
)
"""A source named in lower case after an opening phrase ("In its update the health service")."""
_RELATIVE_THAT = re.compile(r"\bthat\s+[a-z]+(?<!ss)s\s+[^,]*$")
"""A relative clause closing a segment ("the administration that controls the east")."""
_LEAD_TIME = re.compile(r"^\d[\d:.]*\s+")
_CITING = re.compile(r"^(?:citing|quoting)\s+(.+)$", re.I)
"""A report that cites a source gives that source's count ("Its report, citing the WHO, says")."""
_RELATIVE = re.compile(r"^(?:who|which|whose)\b", re.I)
_REPORTING_ASIDE = re.compile(r"^(?:speaking|citing|writing|appearing|relayed|quoted)\b", re.I)
_CONJUNCTION = re.compile(r"^(?:and|but|so)\s+")
_SAYS = re.compile(r"\b(?:said|says|say|told|tells)\b")


@dataclass
class Attributor:
    """Attribution over one document, sentence by sentence, remembering the last source named."""

    last: str | None = None
    subject_at: dict[int, int] = field(default_factory=dict)
    """Where the subject of the reporting verb at a position starts (for "..., X said")."""
    unread: list[str] = field(default_factory=list)
    """Sentences given to `remember` and not read yet: only a later `sources` needs them."""

    def sources(self, sentence: str) -> list[tuple[int, str, bool]]:
        """`(position, source, leading)` for each source phrase in `sentence`.

        `leading` is True for a source that covers what follows it: a reporting
        verb, or an "according to" that opens the sentence.
        """
        self._catch_up()
        out: list[tuple[int, str, bool]] = []
        self.subject_at = {}
        lower = sentence.lower()
        for m in _INVERTED.finditer(sentence) if "," in sentence else ():
            src = _clean(m.group("src"))
            if src:
                out.append((m.start("verb"), src, False))
                self.subject_at[m.start("verb")] = m.start("verb")
        according = list(_ACCORDING.finditer(sentence)) if "according" in lower else []
        for m in according:
            src = _clean(m.group("src"))
            if src:
                leading = not sentence[: m.start()].strip(" \"“'")
                out.append((m.start(), _ACC + src, leading))
        spans = [(m.start(), m.end()) for m in according]
        for m in _BY_AGENT.finditer(sentence) if " by " in lower else ():
            src = _clean(m.group("src"))
            if src and not any(a <= m.start() < b for a, b in spans):
                out.append((m.start(), _ACC + src, False))
        nouns = []
        for m in _REPORT_NOUN.finditer(sentence) if _REPORT_KEY.search(lower) else ():
            src = _clean(m.group("src"))
            if src:
                src = re.sub(r"^(?:correcting|citing|denying|disputing|contradicting)\s+", "", src)
            preposition = src and re.match(r"(?:in|on|at|with|by|from|for|of|to|as)\b", src, re.I)
            if src and len(src.split()) >= 2 and not preposition:
                out.append((m.end(), src, True))
                nouns.append((m.start(), m.end()))
        self._verbs(sentence, out, nouns)
        return sorted(out)

    def remember(self, sentence: str) -> None:
        """Keep the memory of the last source named up to date over a sentence without figures.

        The sentence is read when `sources` next needs the memory, so the
        sentences after a document's last figure are never read.
        """
        self.subject_at = {}
        self.unread.append(sentence)

    def _catch_up(self) -> None:
        """Read the remembered sentences, in order, into the memory of the last source named."""
        for sentence in self.unread:
            self.subject_at = {}
            self._verbs(sentence, [], [])
        self.unread.clear()

    def _verbs(
        self, sentence: str, out: list[tuple[int, str, bool]], nouns: list[tuple[int, int]]
    ) -> None:
        inverted = set(self.subject_at)
        found_any = False
        lower = lowered(sentence)
        may_report = lower is None or not _VERB_SET.isdisjoint(_WORD.findall(lower))
        for m in _WORD.finditer(sentence) if may_report else ():
            if m.group(0).lower() not in _VERB_SET:
                continue
            if m.start() in inverted or any(a <= m.start() < b for a, b in nouns):
                continue
            found = self._verb_source(sentence, m, out)
            if found:
                found_any = True
                out.append((m.start(), found, True))
                at = sentence.rfind(found, 0, m.start())
                if at < 0:
                    word = re.search(
                        r"[\w'’.-]+(?=(?:\s+(?:had|has|have|also|later))*\s*$)",
                        sentence[: m.start()],
                    )
                    at = word.start() if word else -1
                self.subject_at[m.start()] = at
        if not found_any and not out:
            named = _NAME_START.match(sentence)
            if named:
                self.last = named.group(1)

    def _verb_source(
        self, sentence: str, m: re.Match[str], so_far: list[tuple[int, str, bool]]
    ) -> str | None:
        before = sentence[: m.start()]
        verb = m.group(0).lower()
        noun = verb.endswith("s") and _NOUN_AFTER.match(sentence[m.end() :])
        if _VERB_RE.match(sentence, m.end() + 1) or noun:
            return None
        if verb.endswith("ed") and _TOLL_NOUN_AFTER.match(sentence, m.end()):
            return None
        if _HARM_AFTER.match(sentence, m.end()):
            return None
        if _NOT_A_VERB_AFTER.search(before):
            return None
        if not verb.endswith("ing") and _PASSIVE.search(before):
            return None
        earlier = [s for s in so_far if s[0] < m.start() and not s[1].startswith(_ACC)]
        agent = list(_BY_AGENT.finditer(before))
        if agent:
            gap = before[agent[-1].end() :].rstrip(" ,")
            if not _VERB_RE.search(gap) and not re.search(r"[,;:]", gap):
                return _clean(agent[-1].group("src"))
        if verb in _PARTICIPLE and _COMMA_BEFORE.search(before):
            return earlier[-1][1] if earlier else self.last
        if _AND_BEFORE.search(before) or _AND_BEFORE.search(_TRAIL.sub("", before.rstrip()) + " "):
            return earlier[-1][1] if earlier else None
        subject = _subject(before)
        if subject is None:
            return None
        first = subject.split()[0].lower()
        if subject.lower() in _PRONOUNS:
            return earlier[-1][1] if earlier else self.last
        if first in _POSSESSIVES and (earlier or len(subject.split()) < 3):
            return earlier[-1][1] if earlier else self.last
        if first in {"who", "which"}:
            head = re.search(r"([^,;:]+?)\s*,?\s*\b(?:who|which)\b[^,]*$", before)
            subject = _subject(head.group(1) + " ") if head else None
            if not subject:
                return None
        self.last = subject
        return subject

    def attribute(
        self, sentence: str, sources: list[tuple[int, str, bool]], pos: int
    ) -> str | None:
        """The source that covers a figure at `pos` among a sentence's `sources`.

        A reporting verb covers what follows it; "according to X" covers what
        precedes it, or the whole sentence when it opens it; a "..., X said"
        after the figure covers it when nothing before does.
        """
        before = [s for s in sources if s[0] <= pos and s[2]]
        after = [s for s in sources if s[0] > pos and self._clause_initial(sentence, s, pos)]
        if before:
            return before[-1][1].removeprefix(_ACC)
        return after[0][1].removeprefix(_ACC) if after else None

    def _clause_initial(self, sentence: str, source: tuple[int, str, bool], pos: int) -> bool:
        """True for "according to X" or a "..., X said" whose subject follows the figure."""
        if source[1].startswith(_ACC):
            return True
        start = self.subject_at.get(source[0], -1)
        return start > pos and bool(re.search(r"[,\"”]\s*$", sentence[:start]))


def credited(sentence: str) -> tuple[int, str] | None:
    """Where a sentence credits the counts before it to another source ("attributing them to X")."""
    if "attribut" not in sentence and "credit" not in sentence:
        return None
    m = _ATTRIBUTING.search(sentence)
    src = _clean(m.group("src")) if m else None
    return (m.start(), src) if m and src else None


def _clean(src: str) -> str | None:
    src = re.split(
        r"\s+(?:on|in|at|who|which|that|as|after|before|since|when|while|to)\s+",
        src.strip(),
        maxsplit=1,
    )[0]
    src = src.strip(" \"'“”’.")
    words = src.split()
    return " ".join(words[:10]) if words else None


def _subject(before: str) -> str | None:
    """The subject phrase that ends right before a reporting verb, or None."""
    text = _TRAIL.sub("", before.rstrip(" ,")).rstrip(" ,")
    if not text:
        return None
    segs = [_LEAD_TIME.sub("", s.strip(" \"“”'’")) for s in _SEGMENT_BREAK.split(text)]
    segs = [s for s in segs if s and not _ADVERB_SEG.match(s)]
    cited = next((c for c in map(_CITING.match, segs[1:]) if c), None)
    if cited:
        return " ".join(cited.group(1).split()[:8])
    tail = ""
    while segs and _RELATIVE.match(segs[-1]) and len(segs) > 1:
        segs.pop()
    while segs:
        tail = _clause_tail(segs[-1])
        if tail and not _REPORTING_ASIDE.match(tail):
            break
        segs.pop()
        tail = ""
    if not tail:
        return None
    tail = _CONJUNCTION.sub("", tail)
    if _VERB_RE.match(tail):
        tail = _VERB_RE.sub("", tail, count=1).strip()
    words = tail.split()
    if not words:
        return None
    if words[-1].lower() in _PRONOUNS:
        return words[-1]
    if tail.lower() in {"who", "which"}:
        return tail.lower()
    if _ADVERBIAL.match(tail):
        m = re.search(r"\s((?:the\s+)?(?:[A-Z][\w.'’&-]*\s+)*[A-Z][\w.'’&-]*)$", tail)
        m = m or _DEFINITE_AT_END.search(tail)
        if not m:
            return None
        tail = _TIME_WORDS.sub("", m.group(1) or m.group(2) or "") or m.group(0).strip()
    if _VERBISH.search(tail) or _SAYS.search(tail):
        return None
    words = tail.split()
    if len(segs) >= 2 and segs[-1].startswith(tail):
        prev = segs[-2]
        desc = re.match(r"^(?:(?:a|an|the)\s+)?[a-z]", tail) and prev[:1].isupper()
        name = tail[:1].isupper() and re.match(r"^(?:a|an|the|A|An|The)\s", prev)
        plain = not re.search(r"\d|\b[a-z]\w*ed\b", prev) and not _VERBISH.search(prev)
        if (desc or name) and plain and len(prev.split()) <= 10 and not _ADVERBIAL.match(prev):
            return f"{prev}, {tail}"
    return " ".join(words[:8])


def _clause_tail(seg: str) -> str:
    """The last clause's subject part of a comma segment ("... when the governor" → "the governor")."""
    parts = _SUBORDINATE.split(seg)
    tail = parts[-1].strip()
    relative = _RELATIVE_THAT.search(seg)
    if len(parts) > 1 and (
        not tail or (tail[0].islower() and (_looks_like_clause(tail) or relative))
    ):
        tail = parts[-2].strip()
    if " and " in tail:
        head, _, rest = tail.rpartition(" and ")
        if _VERBISH.search(head) or re.search(r"\b\w+ed\b", head):
            tail = rest.strip()
    return tail


def _looks_like_clause(text: str) -> bool:
    first = text.split()[0].lower()
    return first.endswith(("ed", "ing")) or first in {"documented", "said", "had", "was", "is"}
