"""Merging: one event per happening, one actor per name, one agreement per treaty.

Every merge of reports happens here, by one rule, wherever the reports come from:

* ``keys``: :func:`merge_keys`, THE blocking keys of an event (kind, actor, date
  bucket); two reports that can be one happening always share one. The in-batch merge
  groups by them, the store indexes them (its ``merge_keys`` table) to find stored
  twins, and a cluster job can group by them;
* ``events``: :func:`merge_events` (a batch's reports -> happenings, independent of
  their order), :func:`is_same_happening` (the pairwise test), :func:`combine_events`,
  :func:`without_source`;
* ``actors``: a batch's names of actors stored by an earlier ingest (blocking keys of
  names, the rules of :mod:`timeline.entities.aliases`);
* ``agreements``: :func:`merge_agreements`, one agreement per name and parties.

The store (``timeline.store.writes``) joins a batch's happenings to stored ones with
the same test, finding the stored candidates by these keys in SQL.
"""

from timeline.merge.agreements import merge_agreements
from timeline.merge.events import (
    combine_events,
    combine_reports,
    happenings,
    is_same_happening,
    merge_events,
    report_order,
    without_source,
)
from timeline.merge.keys import MergeKey, merge_keys

__all__ = [
    "MergeKey",
    "combine_events",
    "combine_reports",
    "happenings",
    "is_same_happening",
    "merge_agreements",
    "merge_events",
    "merge_keys",
    "report_order",
    "without_source",
]
