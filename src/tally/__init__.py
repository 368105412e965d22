"""tally: a sourced, cross-checked ledger of casualty figures from news reports."""

from tally.cache import install as _install_pattern_cache

_install_pattern_cache()
