"""Imported by the process that forks ``timeline ingest --jobs N``'s workers (the
forkserver, see :mod:`timeline.scale.parallel`): runs the pipeline once on a short text,
so that what it loads on first use (the tagger's model, lemminflect's and countryinfo's
data, the lexicons, the gazetteer, the rules) is in memory before any worker is forked.
Each worker then starts with it, shared, instead of loading it again: about a second of
CPU per worker. The warm-up's own results are dropped; caches hold nothing that changes
what an article gives (``tests/test_parallel_ingest.py`` compares whole stores).
"""

from __future__ import annotations

import datetime as dt

from timeline.pipeline import extract

WARM_UP_TEXT = (
    "MOSCOW, Jan. 5 (Reuters) - Acme Motors Corp said on Monday that it signed a $2 billion "
    "deal with Russia's Finance Ministry. Development Minister Anna Petrova said the "
    "agreement on trade and energy would take effect next month, two days after talks."
)

extract(WARM_UP_TEXT, published=dt.date(2024, 1, 10))
