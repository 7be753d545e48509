"""Actors: people, countries, organisations and locations, and their aliases.

Recognition is rule-based and fast. Countries, their demonyms and capitals come from
the ``countryinfo`` dataset ("Iranian" -> Iran, "Moscow" -> location); person titles,
organisation head words and well-known organisations from ``data/actor_patterns.json``.
A person is a capitalised name after a title ("Foreign Minister Abbas Araguchi"), a
name of two to four capitalised words, or a single capitalised word used as a subject
("Peskov said") or possessor ("Putin's plans"). Titles are kept in ``title``, never in
the name.

:func:`merge_aliases` groups the surface forms of one actor, within an article and
across a corpus, with rapidfuzz; its rules and thresholds are in ``aliases``.

Modules: ``gazetteer`` (mentions, tokens, the datasets), ``scanner`` (:func:`find_actors`)
and ``aliases`` (:func:`merge_aliases`, :class:`AliasTable`).
"""

from timeline.entities.aliases import AliasTable, merge_aliases
from timeline.entities.gazetteer import ActorMention
from timeline.entities.scanner import find_actors

__all__ = ["ActorMention", "AliasTable", "find_actors", "merge_aliases"]
