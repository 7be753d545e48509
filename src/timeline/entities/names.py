"""Actor mentions bounded by the language layer's names, so an actor is never a piece of
a name ("Motors") nor several names run together with their titles."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Sequence

from timeline.entities.gazetteer import ActorMention
from timeline.language import Name
from timeline.language.lexicon import english
from timeline.language.places import places

_KINDS = frozenset({"person", "organisation", "country", "location"})


def bound_by_names(
    text: str,
    mentions: Sequence[ActorMention],
    names: Sequence[Name],
    article_id: str,
    nouns: Collection[int] = (),
) -> list[ActorMention]:
    """``mentions`` with each one inside a longer name widened to it and each one holding
    two or more names split into them; the scanner's kind stands where the name's kind
    is "other" (the layer does not know it). ``nouns``: starts of the tokens the layer
    reads as common nouns; a lone capitalised word the scanner took for a person there,
    with no name around it, is a word that opens a sentence ("Oil prices climbed",
    "Turnout reached", "Engineers said"), not an actor."""
    out: list[ActorMention] = []
    # Only names overlapping a mention can hold it or be held: those start at most the
    # longest name's length before it, so each mention looks at a window, not every name.
    names = sorted(names, key=lambda n: n.start)
    starts = [n.start for n in names]
    longest = max((n.end - n.start for n in names), default=0)
    for m in mentions:
        near = names[bisect_left(starts, m.start - longest) : bisect_right(starts, m.end)]
        around = [n for n in near if n.start <= m.start and m.end <= n.end]
        wider = [n for n in around if n.end - n.start > m.end - m.start and _widens(n, m)]
        held = [n for n in near if m.start <= n.start and n.end <= m.end]
        if not around and not held and _common_word(m, nouns):
            continue
        if wider:
            out.append(_from_name(wider[0], m, article_id, m.title))
        elif around and _title_in_name(m, around[0]):
            out.append(_from_name(around[0], m, article_id, None))  # "General Motors"
        elif around and _title_of_organisation(text, m, around[0]):
            start = around[0].start - len(m.title or "") - 1
            whole = text[start : around[0].end]  # "General" + "Motors": one company
            out.append(ActorMention(whole, start, around[0].end, "organisation", whole,
                                    article_id=article_id))  # fmt: skip
        elif len(held) >= 2:
            out.extend(_from_name(n, m, article_id, None) for n in held)
        elif held and _described(text, m, held[0]):
            out.append(_from_name(held[0], m, article_id, None))  # "Carmaker General Motors"
        else:
            out.append(m)
    return out


def _common_word(mention: ActorMention, nouns: Collection[int]) -> bool:
    return (
        mention.kind == "person"
        and mention.title is None
        and mention.start in nouns
        and " " not in mention.text
    )


def _title_in_name(mention: ActorMention, name: Name) -> bool:
    """True when the scanner read part of a name as a title ("General" of "General
    Motors") and the layer, which found no title there, knows the whole name."""
    return (
        name.title is None
        and mention.title is not None
        and mention.name != name.text
        and mention.title in name.text
    )


def _title_of_organisation(text: str, mention: ActorMention, name: Name) -> bool:
    """True when a title word the scanner split off starts an organisation's name: a
    title comes before a person, so "General Motors" is one company, not Motors."""
    if mention.title is None or name.kind != "organisation" or " " in mention.title:
        return False
    before = text[max(0, name.start - len(mention.title) - 1) : name.start]
    return before == f"{mention.title} "


def _described(text: str, mention: ActorMention, name: Name) -> bool:
    """True when the mention is the name with descriptions before it ("Carmaker General
    Motors", "US carmaker General Motors"): the actor is the name, not the phrase."""
    extra = text[mention.start : name.start].split()
    return (
        name.end == mention.end
        and bool(extra)
        and all(w.lower() in english().actor_descriptions for w in extra)
    )


def _widens(name: Name, mention: ActorMention) -> bool:
    """False when the name only adds a demonym before the mention ("Russian RIA"): the
    agency is RIA, Russian says where it is from."""
    extra = name.text[: mention.start - name.start].split()
    return not any(word.lower() in places().demonyms for word in extra)


def _from_name(
    name: Name, mention: ActorMention, article_id: str, title: str | None
) -> ActorMention:
    kind = name.kind if name.kind in _KINDS else mention.kind
    if name.kind not in _KINDS and name.title is not None:
        kind = "person"  # "CEO Brian Moynihan"
    own_title = name.title.text if name.title is not None else title
    return ActorMention(
        name.text, name.start, name.end, kind, name.text, title=own_title,
        form=name.form if name.form in ("name", "demonym", "code", "capital") else mention.form,
        article_id=article_id,
    )  # fmt: skip
