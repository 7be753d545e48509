"""SQLite store: the system of record for articles, extractions and user corrections.

Layout: ``schema_version`` (one row per applied migration), ``articles``,
``time_expressions``, ``events`` (+ ``event_actors`` keyed (actor, event), used to
narrow actor filters in SQL; ``event_sources`` keyed (article, event); ``merge_keys``,
the blocking keys of :func:`timeline.merge.merge_keys`, where a save finds stored twins),
``entities`` + ``aliases`` + ``entity_mentions`` (per article; ``entities.mentions`` is
their sum), ``agreements``, ``agreement_stages``, ``areas``, ``issues`` and ``corrections``.

Writes: :meth:`Store.save_extraction` writes each article with its time expressions,
events, agreements and issues inside one transaction (several articles share one, all
committed or none), so an article is either fully stored or absent, even when the
process is killed mid-ingest. Re-saving an article replaces
its extraction; its corrections are kept.

Corrections are never applied to the stored extraction. They are a log keyed by event
id (stable across re-extraction of the same text) and replayed on every read, so they
survive re-extraction and restarts and each one can be undone.

Thread-safety: every public method opens its own short-lived connection and closes it
before returning, so one :class:`Store` may be shared by Streamlit's script threads
without a lock. WAL mode lets readers proceed while a writer commits, and writers wait
(``timeout``) for each other instead of failing.

Modules: ``schema`` (tables and migrations), ``rows`` (models <-> columns), ``writes``
(one article's extraction, entities), ``queries`` (loading and filtering events),
``corrections`` (the correction log and its replay), ``files`` (recognising a store
file, read-only opening) and ``database`` (:class:`Store`).
"""

from timeline.store.corrections import CORRECTABLE_FIELDS, Correction
from timeline.store.database import Store, open_store
from timeline.store.files import APPLICATION_ID, default_db_path
from timeline.store.rows import EVENT_COLUMNS
from timeline.store.schema import MIGRATIONS, Migration

__all__ = [
    "APPLICATION_ID",
    "CORRECTABLE_FIELDS",
    "EVENT_COLUMNS",
    "MIGRATIONS",
    "Correction",
    "Migration",
    "Store",
    "default_db_path",
    "open_store",
]
