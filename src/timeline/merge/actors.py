"""Actors across ingests: a batch's names that name an actor stored by an earlier one.

:func:`timeline.entities.merge_aliases` groups the forms of one actor within a batch.
A later batch that names a stored person by a shorter or misspelt form ("Araghchi",
"Abbas Araguchi" after "Abbas Araghchi") would keep it apart; :func:`stored_names`
maps such a batch name to the stored one, by the same rules
(:mod:`timeline.entities.aliases`), comparing it only with the stored actors of its
blocking key (:func:`name_block`: the first letters of a person's surname, an
organisation's last word), and :func:`rename_actors` rewrites the batch with it.

A batch name joins a stored actor whose name is at least as complete (as many words);
a stored actor is never renamed, so its events keep their actors (a batch naming the
stored "Araghchi" "Abbas Araghchi" stays apart, as before).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence

from rapidfuzz import fuzz, process

from timeline.entities.aliases import ORG_RATIO, SURNAME_RATIO, _fold, _given_ok
from timeline.models import Entity, Extraction

#: Letters of a folded surname that block people (fuzzy surnames share their start).
BLOCK_LETTERS = 3


def name_block(name: str, kind: str) -> str | None:
    """The blocking key of an actor's name: people by the start of the surname,
    organisations by their last word, others by none (their names match exactly)."""
    words = name.split()
    if not words:
        return None
    if kind == "person":
        return f"person:{_fold(words[-1])[:BLOCK_LETTERS]}"
    if kind == "organisation":
        return f"organisation:{_fold(words[-1])}"
    return None


def stored_names(
    entities: Sequence[Entity], lookup: Callable[[Iterable[str]], Sequence[Entity]]
) -> dict[str, str]:
    """Batch name -> stored name, for the batch actors that name one stored actor.

    ``lookup(blocks)`` gives the stored entities of those blocking keys."""
    blocks = {b for e in entities if (b := name_block(e.name, e.kind))}
    if not blocks:
        return {}
    names = {e.name for e in entities}
    stored: dict[str, _Block] = {}
    for entity in lookup(sorted(blocks)):
        if entity.name not in names:
            block = stored.setdefault(name_block(entity.name, entity.kind) or "", _Block())
            block.add(entity)
    mapping = {}
    for entity in entities:
        block = stored.get(name_block(entity.name, entity.kind) or "")
        match = None if block is None else block.match(entity)
        if match is not None:
            mapping[entity.name] = match.name
    return mapping


class _Block:
    """The stored actors of one blocking key, their surnames and given names worked out
    once: a batch name is compared with those of its surname whose given names can be
    compatible (missing, or sharing an initial: a dict lookup), then with the close
    surnames (rapidfuzz over the distinct ones), as within a batch."""

    def __init__(self) -> None:
        # folded surname -> given-name initial ("" for none) -> (entity, given names)
        self.people: dict[str, dict[str, list[tuple[Entity, list[str]]]]] = {}
        self.organisations: list[Entity] = []
        self._folded: list[str] = []  # the organisations' folded names, in their order
        self._long: list[str] | None = None

    def add(self, entity: Entity) -> None:
        if entity.kind == "organisation":
            self.organisations.append(entity)
            self._folded.append(_fold(entity.name))
            return
        surname, given = _parts(entity)
        initials = self.people.setdefault(surname, {})
        for initial in {g[:1] for g in given} or {""}:
            initials.setdefault(initial, []).append((entity, given))

    def match(self, entity: Entity) -> Entity | None:
        """The one stored actor ``entity`` names (as complete or more), else None."""
        words = len(entity.name.split())
        if entity.kind == "organisation":  # names folded once, compared by rapidfuzz in C
            close = process.extract(_fold(entity.name), self._folded, scorer=fuzz.token_set_ratio,
                                    score_cutoff=ORG_RATIO, limit=None)  # fmt: skip
            found = [
                s for _, _, i in close if len((s := self.organisations[i]).name.split()) >= words
            ]
            return found[0] if len(found) == 1 else None
        surname, given = _parts(entity)
        found = self._fits(surname, entity, given)
        if not found and given and len(surname) >= 5:
            if self._long is None:
                self._long = [n for n in self.people if len(n) >= 5]
            close = process.extract(
                surname, self._long, scorer=fuzz.ratio, score_cutoff=SURNAME_RATIO, limit=None
            )
            found = {n: f for c, _, _ in close for n, f in self._fits(c, entity, given).items()}
        return next(iter(found.values())) if len(found) == 1 else None

    def _fits(self, surname: str, entity: Entity, given: list[str]) -> dict[str, Entity]:
        """The stored people of ``surname`` that ``entity`` can name, by name."""
        initials = self.people.get(surname, {})
        keys = [""] + sorted({g[:1] for g in given}) if given else list(initials)
        words = len(entity.name.split())
        return {
            s.name: s
            for key in keys
            for s, have in initials.get(key, ())
            if s.kind == entity.kind and len(s.name.split()) >= words and _given_ok(have, given)
        }


def _parts(entity: Entity) -> tuple[str, list[str]]:
    """Folded surname of the canonical name, and the given names of every form."""
    forms = (entity.name, *entity.aliases)
    return _fold(entity.name.split()[-1]), [_fold(w) for f in forms for w in f.split()[:-1]]


def rename_actors(extraction: Extraction, mapping: Mapping[str, str]) -> Extraction:
    """``extraction`` with each actor name in ``mapping`` replaced (events, agreements'
    parties, entities, mention counts); renamed entities become aliases."""
    if not mapping:
        return extraction

    def names(values: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(mapping.get(v, v) for v in values))

    entities: dict[str, Entity] = {}
    for e in extraction.entities:
        name = mapping.get(e.name, e.name)
        aliases = {*e.aliases, e.name} - {name}
        if name in entities:
            have = entities[name]
            aliases |= set(have.aliases)
            e = dataclasses.replace(have, mentions=have.mentions + e.mentions)
        entities[name] = dataclasses.replace(e, name=name, aliases=tuple(sorted(aliases)))
    mentions = {}
    for article, counts in extraction.mentions.items():
        mentions[article] = summed = {}
        for n, c in counts.items():
            summed[mapping.get(n, n)] = summed.get(mapping.get(n, n), 0) + c
    return dataclasses.replace(
        extraction,
        events=tuple(
            dataclasses.replace(e, actors=names(e.actors)) if mapping.keys() & set(e.actors) else e
            for e in extraction.events
        ),
        agreements=tuple(
            dataclasses.replace(g, parties=names(g.parties))
            if mapping.keys() & set(g.parties)
            else g
            for g in extraction.agreements
        ),  # fmt: skip
        entities=tuple(entities.values()),
        mentions=mentions,
    )
