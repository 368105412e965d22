"""Extract: every casualty figure a document states, with its quote and offsets."""

from tally.extract.figures import extract

__all__ = ["extract"]
