"""Commands for people who would rather look: `serve` and `report` (see tally.web)."""
