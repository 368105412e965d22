"""Small per-language hooks where grammar needs more than a table.

A language names its hook in `numbers.toml` (`hook = "de_compounds"`); the hook
takes the parsed tables and returns them extended. Nothing here holds
vocabulary that a table could.
"""

from __future__ import annotations

from collections.abc import Callable


def de_compounds(numbers: dict) -> dict:
    """German writes 21-999 as one word ("vierundzwanzig", "zweihundertvierzig").

    The forms are generated from the units, tens and the hundreds word of the
    table, so the table itself stays the list a German reader would write.
    """
    words: dict[str, list[str]] = {k: list(v) for k, v in numbers.get("words", {}).items()}
    units = {int(k): v for k, v in words.items() if 1 <= int(k) <= 9}
    tens = {int(k): v for k, v in words.items() if int(k) in range(20, 100, 10)}
    below_100: dict[int, list[str]] = {int(k): v for k, v in words.items() if int(k) < 100}
    joiner = numbers.get("compound_joiner", "und")
    for t, t_forms in tens.items():
        for u, u_forms in units.items():
            forms = [f"{u_forms[0]}{joiner}{tf}" for tf in t_forms]
            below_100.setdefault(t + u, []).extend(forms)
    hundred = numbers.get("scales", {}).get("100", [])
    out = {k: list(v) for k, v in words.items()}
    for t, forms in below_100.items():
        out.setdefault(str(t), [])
        out[str(t)] = sorted(set(out[str(t)]) | set(forms))
    for u, u_forms in units.items():
        heads = [f"{u_forms[0]}{h}" for h in hundred]
        out.setdefault(str(u * 100), []).extend(heads)
        for rest, r_forms in below_100.items():
            if rest:
                out.setdefault(str(u * 100 + rest), []).extend(
                    f"{h}{rf}" for h in heads for rf in r_forms
                )
    return {**numbers, "words": out}


HOOKS: dict[str, Callable[[dict], dict]] = {"de_compounds": de_compounds}
