"""Link: which incident each figure counts, within a document and across documents.

`link_within` (per document, at ingest, in the parallel stage) decides for
each figure whether it counts the article's main incident or a background
one (a wider conflict, a past or another incident), and describes each local
incident: type, name, date with UCDP's date_prec, place with where_prec from
the offline gazetteer, and the cues cross-document linking needs.
`link_across` (over the whole ledger, reading no texts) clusters the local
incidents into the ledger's incidents with stable, readable ids.
"""

from tally.link.across import link_across
from tally.link.within import link_within

__all__ = ["link_across", "link_within"]
