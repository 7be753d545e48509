"""The field of the story types a verb that news of several fields share: "won 157
seats" is an election, "won the title" sport; "an earthquake struck, killing 820
people" is a disaster, "gunmen killed" an attack; "the mission was launched" science.

The lexicon lists these verbs (``domain_verbs``) and the nouns that say the field
(``domain_nouns``). A verb takes the type of the nearest such noun in its clause, or,
when it is a participle opening its clause ("..., killing 820 people"), in the clause
before; without one it keeps the type its lemma has.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from timeline.events.lexicon import Lexicon
from timeline.events.mentions import Mention, clause_numbers
from timeline.events.tokens import Tok
from timeline.models import EventType

__all__ = ["retype"]

_NOUNS = frozenset({"NOUN", "PROPN"})


def retype(found: Sequence[Mention], tokens: Sequence[Tok], lex: Lexicon) -> list[Mention]:
    """``found`` with each domain verb typed by the field its clause names."""
    if not any(not m.noun and m.lemma in lex.domain_verbs for m in found):
        return list(found)
    clauses = clause_numbers(tokens)
    out = []
    for m in found:
        etype = (
            None if m.noun or m.lemma not in lex.domain_verbs else _field(m, tokens, clauses, lex)
        )
        out.append(m if etype is None or etype is m.type else replace(m, type=etype))
    return out


def _field(m: Mention, tokens: Sequence[Tok], clauses: list[int], lex: Lexicon) -> EventType | None:
    own = {m.clause}
    if _participle_clause(m.clause, tokens, clauses):
        own.add(m.clause - 1)
    near = sorted(
        (abs(k - m.index), lex.domain_nouns[t.lemma])
        for k, t in enumerate(tokens)
        if clauses[k] in own
        and t.pos in _NOUNS
        and (not t.in_name or k == 0)  # "Revenue rose": a capital opening the sentence
        and t.lemma in lex.domain_nouns
    )
    return near[0][1] if near else None


def _participle_clause(clause: int, tokens: Sequence[Tok], clauses: list[int]) -> bool:
    """True when the clause's first word is a participle: ", killing 820 people and
    injuring 672 others" hangs on the clause before it."""
    first = next(
        (t for t, c in zip(tokens, clauses, strict=True) if c == clause and t.text.isalnum()), None
    )
    return first is not None and first.tag == "VBG"
