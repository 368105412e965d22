"""Scale out: the per-document stage on a Ray cluster (the only package that imports Ray)."""

from tally.scale.raycluster import ray_runner

__all__ = ["ray_runner"]
