"""What tally knows about each language it reads, as data: one folder per language.

`load(code)` compiles a language's TOML files (`numbers.toml`, `words.toml`)
once into a `Language`: the number reader, the cue patterns and the prefilter
are all generated from the same tables. `detect(text)` names a document's
language. `lang/README.md` is the checklist for adding one.
"""

from tally.lang.detect import detect
from tally.lang.loader import SUPPORTED, Language, load

__all__ = ["SUPPORTED", "Language", "detect", "load"]
