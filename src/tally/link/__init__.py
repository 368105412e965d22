"""Link: which incident each figure counts, within a document and across documents."""

from tally.link.across import link_across
from tally.link.within import link_within

__all__ = ["link_across", "link_within"]
