"""The entry point: an article's agreements from its mentions, stages, parties and areas."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.agreements.areas import _classify_sentences
from timeline.agreements.mentions import _assign_segments, _group_mentions, _mentions
from timeline.agreements.parties import _name, _parties, _parties_before
from timeline.agreements.stages import _duration, _Positions, _stages
from timeline.agreements.taxonomy import Taxonomy, _default_taxonomy
from timeline.models import (
    Agreement,
    Article,
    Entity,
    TimeExpression,
)
from timeline.sentences import Span, is_headline, split_sentences


def find_agreements(
    article: Article,
    times: Sequence[TimeExpression],
    entities: Sequence[Entity] = (),
    *,
    taxonomy: Taxonomy | None = None,
    spans: Sequence[Span] | None = None,
) -> list[Agreement]:
    """The agreements ``article`` reports, one per agreement however often it is mentioned.

    ``times`` are the article's time expressions (``timeline.tag(article.text,
    dct=article.published)``); ``entities`` the canonical actors with their aliases;
    ``spans`` its sentences (``split_sentences(article.text)``), split here when not given.
    """
    taxonomy = taxonomy or _default_taxonomy()
    text = article.text
    spans = split_sentences(text) if spans is None else spans
    sentences = [(s.start, s.end) for s in spans]
    headline = 0 if spans and is_headline(text, spans[0]) else None
    groups = _group_mentions(_mentions(text, sentences, headline=headline))
    _assign_segments(groups, sentences, text)
    agreements = []
    index = _Positions(times, lambda t: (t.start, t.end))
    for number, group in enumerate(groups, start=1):
        first = group.mentions[0]
        # the group's own times: each group costs its segments, not the article's length
        own = list(dict.fromkeys(t for _, s, e in group.segments for t in index.within(s, e)))
        parties = _parties(text, group, entities, group.prefixes) or _parties_before(
            text, group, entities, sentences
        )
        agreements.append(
            Agreement(
                id=f"{article.id}:agreement:{number}",
                article_id=article.id,
                name=_name(group, parties),
                kind=first.kind,
                parties=parties,
                duration=_duration(text, group, own),
                stages=tuple(
                    _stages(
                        text,
                        group.segments,
                        own,
                        group.prefixes,
                        [(m.start, m.head_end) for m in group.mentions],
                    )
                ),
                areas=tuple(
                    _classify_sentences([text[s:e] for _, s, e in group.segments], taxonomy)
                ),
                evidence=text[slice(*sentences[first.sentence])],
                sources=(article.id,),
            )
        )
    return agreements
