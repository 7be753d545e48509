"""Actors: people, countries, organisations and locations, and their aliases.

Recognition is rule-based and fast. Countries, their demonyms and capitals come from
the ``countryinfo`` dataset ("Iranian" -> Iran, "Moscow" -> location); person titles,
organisation head words and well-known organisations from ``data/actor_patterns.json``.
A person is a capitalised name after a title ("Foreign Minister Abbas Araguchi"), a
name of two to four capitalised words, or a single capitalised word used as a subject
("Peskov said") or possessor ("Putin's plans"). Titles are kept in ``title``, never in
the name.

:func:`merge_aliases` groups the surface forms of one actor, within an article and
across a corpus, with rapidfuzz. The thresholds were chosen on ``tests/test_entities.py``:

* surnames match when equal (ignoring case and accents) or, for surnames of five or
  more letters, when ``fuzz.ratio >= SURNAME_RATIO`` (Mohajelani/Mohajerani 90,
  Mokhajelani/Mohajerani 86, Araguchi/Araghchi 87.5; Lavrov/Ivanov 67, Putin/Pezeshkian
  and Johnson/Jonas stay apart);
* given names are compatible when one is missing, when they share a word, or when two
  words share an initial and ``fuzz.ratio >= GIVEN_RATIO`` (Ari/Ali 67; Hillary/Bill and
  Mojtaba/Ali stay apart). A fuzzy surname match needs compatible given names;
* a surname alone joins the one full name with that surname (exact match preferred
  over fuzzy, and a name in the same article over one elsewhere); with no full name
  it stays as it is, and with several equally good ones it stays apart.

The canonical name of a group is its most complete form, then its most frequent.

Modules: ``gazetteer`` (mentions, tokens, the datasets), ``scanner`` (:func:`find_actors`)
and ``aliases`` (:func:`merge_aliases`, :class:`AliasTable`).
"""

from timeline.entities.aliases import AliasTable, merge_aliases
from timeline.entities.gazetteer import ActorMention
from timeline.entities.scanner import find_actors

__all__ = ["ActorMention", "AliasTable", "find_actors", "merge_aliases"]
