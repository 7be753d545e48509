"""Agreements in an article: name, kind, parties, duration, dated stages, areas.

Mentions are the nouns treaty, agreement, memorandum (of understanding), MoU,
accord, pact, deal and contract, read as nouns only (not "a great deal of", "to deal
with", "in agreement with"). Within one article a definite mention ("the treaty",
"the comprehensive agreement", "the contract") refers to the latest agreement whose
topic words do not conflict; an indefinite one of another kind or topic ("a trade
deal" beside "a defence pact") starts a new agreement.

Stages: each stage verb (proposed, signed, ratified, in force) takes the DATE time
expression nearest to it among those nearer to it than to any other stage verb, so
"signed ... in April, originally inked in January" gives two ``signed`` stages,
2025-04 and 2025-01, as the text says them (the earlier one is the original inking).
A stage whose verb is modal or future ("will sign") has status ``planned``.

Parties are the country and organisation entities named in the agreement's clauses;
a person counts through a country named in their title ("Russian President" ->
Russia); people are parties only when no country or organisation is named. Without
entities, countries and demonyms are found with the countryinfo dataset.

Areas come from the taxonomy (a TOML data file, :func:`load_taxonomy`); provisions
are the phrases after a provision cue ("provisions ... focus on", "envisages",
"provides for", "commits ... to", "includes") split at coordination. A provision that
names no area is not reported, since areas carry the provisions.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from countryinfo import all_countries

from timeline.errors import InputError
from timeline.models import (
    Agreement,
    AgreementStage,
    Area,
    Article,
    Entity,
    TimeExpression,
    TimexType,
)
from timeline.sentences import Span, split_sentences

__all__ = ["Taxonomy", "classify_areas", "find_agreements", "load_taxonomy"]

# --------------------------------------------------------------------------- taxonomy


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """Area name -> terms (and excluded phrases), with one compiled pattern per area.

    :meth:`find` tries an area's pattern only where a word starts with the stem of one
    of its terms' first words (``_stem``), found by one dictionary lookup per word and
    stem length, instead of scanning each sentence once per area. Words that are not
    ASCII (where case-insensitive matching is more than ``str.lower``) are tried
    against every area, so the hits are exactly those of a scan per area.
    """

    terms: Mapping[str, tuple[str, ...]]
    excludes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    _patterns: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _stems: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _shape: list[tuple[int, ...]] = field(default_factory=list, compare=False, repr=False)

    def __post_init__(self) -> None:
        stems: dict[str, dict[str, list[str]]] = {}
        for area, terms in self.terms.items():
            excluded = self.excludes.get(area, ())
            self._patterns[area] = (
                _terms_pattern(terms),
                _terms_pattern(excluded) if excluded else None,
            )
            for term in terms:
                stem = _stem(term)
                areas = stems.setdefault(stem[:_KEY], {}).setdefault(stem, [])
                if area not in areas:
                    areas.append(area)
        for key, by_stem in stems.items():
            self._stems[key] = tuple((stem, tuple(areas)) for stem, areas in by_stem.items())
        widest = max((len(stem) for by in stems.values() for stem in by), default=0)
        self._shape[:] = [tuple(sorted({len(key) for key in stems})), (widest,)]

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """Every (area, start, end) where a term of an area occurs in ``text``."""
        hits = []
        for area, starts in self._candidates(text).items():
            pattern, exclude = self._patterns[area]
            found, end = [], 0
            for start in starts:
                match = pattern.match(text, start) if start >= end else None
                if match is not None:
                    found.append(match.span())
                    end = match.end()
            blocked = [m.span() for m in exclude.finditer(text)] if exclude and found else []
            hits += [
                (area, s, e) for s, e in found if not any(bs < e and s < be for bs, be in blocked)
            ]
        return sorted(hits, key=lambda h: h[1])

    def _candidates(self, text: str) -> dict[str, list[int]]:
        """Area -> the positions where one of its terms may start, in area order."""
        if "" in self._stems:  # a term with an empty stem may start anywhere
            return {area: [m.start() for m in _WORD_START.finditer(text)] for area in self.terms}
        lengths, (widest,) = self._shape
        by_area: dict[str, set[int]] = {}
        for m in _WORD_START.finditer(text):
            start = m.start()
            word = text[start : start + widest]
            if word.isascii():
                word = word.lower()
                areas = [
                    area
                    for n in lengths
                    for stem, areas in self._stems.get(word[:n], ())
                    if word.startswith(stem)
                    for area in areas
                ]
            else:
                areas = list(self.terms)
            for area in areas:
                by_area.setdefault(area, set()).add(start)
        return {area: sorted(by_area[area]) for area in self.terms if area in by_area}


_KEY = 3  # stems are looked up by their first three letters (or all of a shorter one)
_WORD_START = re.compile(r"(?<![\w&])\S")


def _stem(term: str) -> str:
    """The lower-case prefix that every match of ``term`` starts with."""
    first = next((w for w in re.split(r"[\s-]+", term.strip().lower()) if w), "")
    if first.endswith("*") or re.search(r"[^aeiou]y$", first) or first.endswith("e"):
        return first[:-1]  # "financ*", "energ(y|ies)", "trad(e|es|ing)"
    return first


def _word_pattern(word: str) -> str:
    """A word with simple inflections: plural, -ies, -ing, -ed, -er(s); '*' = any ending."""
    if word.endswith("*"):
        return re.escape(word[:-1]) + r"\w*"
    if re.search(r"[^aeiou]y$", word):
        return re.escape(word[:-1]) + "(?:y|ies|ied|ying)"
    if word.endswith("e"):
        return re.escape(word) + "(?:s|d|r|rs)?|" + re.escape(word[:-1]) + "ing"
    if not word[-1].isalpha():
        return re.escape(word)
    return re.escape(word) + f"(?:{re.escape(word[-1])}?(?:es|ed|ing|er|ers)|s)?"


def _terms_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    alternatives = []
    for term in sorted(terms, key=len, reverse=True):
        words = re.split(r"[\s-]+", term.strip().lower())
        alternatives.append(r"[\s-]+".join(f"(?:{_word_pattern(w)})" for w in words if w))
    return re.compile(r"(?<![\w&])(?:" + "|".join(alternatives) + r")(?![\w&])", re.IGNORECASE)


_TAXONOMY_HELP = (
    'expected TOML (or JSON) with tables [areas."<name>"] holding terms = ["word", ...] '
    "(a non-empty list of strings) and optionally exclude = [...] and replace = true"
)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The packaged area taxonomy, extended (or partly replaced) by the file at ``path``."""
    packaged = resources.files("timeline").joinpath("data/areas.toml").read_text("utf-8")
    terms, excludes = _parse_taxonomy(packaged, "timeline/data/areas.toml", {}, {})
    if path is not None:
        try:
            text = Path(path).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(
                f"cannot read taxonomy file {str(path)!r}: {exc}", source=str(path)
            ) from exc
        terms, excludes = _parse_taxonomy(text, str(path), terms, excludes)
    return Taxonomy(terms, excludes)


def _parse_taxonomy(
    text: str, source: str, terms: dict[str, tuple[str, ...]], excludes: dict[str, tuple[str, ...]]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    data = _decode_taxonomy(text, source)
    areas = data.get("areas")
    if not isinstance(areas, dict) or not areas or set(data) - {"areas"}:
        raise InputError(
            f"taxonomy file {source!r} has no areas table; {_TAXONOMY_HELP}", source=source
        )
    terms, excludes = dict(terms), dict(excludes)
    for name, table in areas.items():
        new_terms = _string_list(table, "terms", source, name) if isinstance(table, dict) else None
        if not new_terms or set(table) - {"terms", "exclude", "replace"}:
            raise InputError(
                f"taxonomy file {source!r}: area {name!r} is not valid; {_TAXONOMY_HELP}",
                source=source,
                field=name,
            )
        key = name.strip().lower()
        keep = () if table.get("replace") is True else terms.get(key, ())
        terms[key] = tuple(dict.fromkeys((*keep, *new_terms)))
        excludes[key] = (*excludes.get(key, ()), *_string_list(table, "exclude", source, name))
    return terms, excludes


def _decode_taxonomy(text: str, source: str) -> dict[str, object]:
    try:
        if source.lower().endswith(".json"):
            import json

            data = json.loads(text)
        else:
            data = tomllib.loads(text)
    except ValueError as exc:  # TOMLDecodeError and JSONDecodeError are ValueErrors
        raise InputError(
            f"taxonomy file {source!r} cannot be parsed ({exc}); {_TAXONOMY_HELP}", source=source
        ) from exc
    if not isinstance(data, dict):
        raise InputError(
            f"taxonomy file {source!r} is not a table; {_TAXONOMY_HELP}", source=source
        )
    return data


def _string_list(table: dict[str, object], key: str, source: str, area: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(
            f"taxonomy file {source!r}: {area}.{key} must be a list of non-empty strings;"
            f" {_TAXONOMY_HELP}",
            source=source,
            field=f"{area}.{key}",
        )
    return tuple(v.strip() for v in value)


@cache
def _default_taxonomy() -> Taxonomy:
    return load_taxonomy()


# --------------------------------------------------------------------------- areas

_CUE = re.compile(
    r"\b(?:provisions?\b[^.;]*?\b(?:focus(?:es|ed)?\s+on|includ(?:e|es|ed)|cover(?:s|ed)?|are|is)"
    r"|envisag(?:e|es|ed)|provid(?:e|es|ed)\s+for|commit(?:s|ted)?\b[^.;]*?\bto|call(?:s|ed)?\s+for"
    r"|stipulat(?:e|es|ed)(?:\s+that)?|focus(?:es|ed)?\s+on|includ(?:e|es|ed|ing)|cover(?:s|ed|ing)?"
    r"|aim(?:s|ed)?\s+(?:to|at)|seeks?\s+to|sets?\s+out|outlin(?:e|es|ed)|allow(?:s|ed)?\s+for"
    r"|establish(?:es|ed)?|foresees?)\b",
    re.IGNORECASE,
)
_FRAMING = re.compile(
    r"^(?:(?:promoting|developing|expanding|boosting|strengthening|establishing|creating|enhancing"
    r"|increasing|supporting|facilitating|encouraging|fostering|deepening|improving)\s+"
    r"|(?:the\s+)?(?:creation|establishment|promotion|setting\s+up)\s+of\s+)",
    re.IGNORECASE,
)
_PURPOSE = re.compile(
    r"\s+(?:in\s+order\s+to|so\s+as\s+to|to\s+(?=(?:bypass|avoid|reduce|ensure|boost|increase|promote"
    r"|facilitate|strengthen|counter|circumvent|protect|support|expand|improve|enhance|develop|allow"
    r"|enable|help|meet|achieve|prevent|address|lower|cut|ease|secure)\b)).*$",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"\s+(?:in|between|of|for)\s+(?:both|the\s+two)\s+(?:countries|sides|parties|nations|states)$",
    re.IGNORECASE,
)


def classify_areas(text: str, taxonomy: Taxonomy | None = None) -> list[Area]:
    """The taxonomy areas ``text`` names, each with its provisions and evidence sentences."""
    return _classify_sentences(
        [s.text for s in split_sentences(text)], taxonomy or _default_taxonomy()
    )


def _classify_sentences(sentences: Sequence[str], taxonomy: Taxonomy) -> list[Area]:
    evidence: dict[str, list[str]] = {}
    provisions: dict[str, list[str]] = {}
    for sentence in sentences:
        for area, _, _ in taxonomy.find(sentence):
            evidence.setdefault(area, [])
            if sentence not in evidence[area]:
                evidence[area].append(sentence)
        for provision in _provisions(sentence, taxonomy):
            for area in dict.fromkeys(hit[0] for hit in taxonomy.find(provision)):
                if provision not in provisions.setdefault(area, []):
                    provisions[area].append(provision)
    return [Area(a, tuple(provisions.get(a, ())), tuple(ev)) for a, ev in evidence.items()]


def _provisions(sentence: str, taxonomy: Taxonomy) -> list[str]:
    cue = _CUE.search(sentence)
    if cue is None:
        return []
    tail = sentence[cue.end() :].strip().rstrip(".;:!?\"'\u201d").strip(" ,:")
    tail = re.sub(_CIRCUMSTANCE, "", tail)
    parts = [q for p in _split_conjuncts(tail) for q in _split_by_area(p, taxonomy)]
    # "areas including defense, energy and finance": labels, not provisions
    return [p for p in (_trim_provision(p) for p in parts) if p and not _is_bare_area(p, taxonomy)]


_CIRCUMSTANCE = r"\s+(?:during|amid|while|when|after|before|on\s+the\s+sidelines)\b.*$"


def _split_conjuncts(tail: str) -> list[str]:
    parts: list[str] = []
    for chunk in re.split(r";\s*", tail):
        if re.match(r"\w+ing\b", chunk):
            pieces = re.split(r",?\s+(?:and|as\s+well\s+as)\s+(?=\w+ing\b)|,\s+(?=\w+ing\b)", chunk)
        elif "," in chunk:
            *head, last = chunk.split(",")
            pieces = [*head, *re.split(r"\s+and\s+", last.strip(), maxsplit=1)]
        else:
            pieces = re.split(r"\s+and\s+(?=(?:a|an|the|new|joint)\b)", chunk)
        parts.extend(p.strip() for p in pieces if p.strip())
    return [re.sub(r"^(?:and|or)\s+", "", p) for p in parts]


def _split_by_area(text: str, taxonomy: Taxonomy) -> list[str]:
    """Split at an "and" whose sides name different areas ("nurses and scholarships")."""
    for match in re.finditer(r"\s+and\s+", text):
        left, right = text[: match.start()], text[match.end() :]
        left_areas = {a for a, _, _ in taxonomy.find(left)}
        right_areas = {a for a, _, _ in taxonomy.find(right)}
        if left_areas and right_areas and not left_areas & right_areas:
            return [left, *_split_by_area(right, taxonomy)]
    return [text]


def _is_bare_area(text: str, taxonomy: Taxonomy) -> bool:
    rest = text
    for _, start, end in reversed(taxonomy.find(text)):
        rest = rest[:start] + rest[end:]
    return not re.search(r"\w", re.sub(r"\b(?:and|or|the|a|an)\b", "", rest, flags=re.IGNORECASE))


def _trim_provision(text: str) -> str:
    stripped = _FRAMING.sub("", text, count=1)
    if len(stripped.split()) >= 2:
        text = stripped
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    text = _TRAILING.sub("", _PURPOSE.sub("", text))
    return text.strip(" ,")


# --------------------------------------------------------------------------- mentions

_HEAD = re.compile(
    r"\b(?:treat(?:y|ies)|agreements?|memorand(?:um|a)(?:\s+of\s+understanding)?|MoUs?|MOUs?"
    r"|accords?|pacts?|deals?|contracts?)\b",
    re.IGNORECASE,
)
_KINDS = {
    "trea": "treaty",
    "agre": "agreement",
    "memo": "memorandum",
    "mou": "memorandum",
    "acco": "accord",
    "pact": "pact",
    "deal": "deal",
    "cont": "contract",
}
_DETERMINERS = frozenset(
    "a an the this that these those its their his her our any each such no several many multiple"
    " various some both all than least nearly almost around about over".split()
)
_DEFINITE = frozenset("the this that these those its their his her our such".split())
_STOP = frozenset(
    """and or but of in on at to for with by from as under into over about between after before
    is are was were be been being has have had will would can could must should may might not
    i we you they he she it who which also reached struck sealed clinched approved backed""".split()
)
_AMBIGUOUS = frozenset("deal deals contract contracts accord accords".split())
_VERB_CONTEXT = frozenset(
    ["to", "will", "would", "can", "could", "must", "should", "may", "might", "not", "cannot"]
    + "also i we you they he she it who".split()
)
_SIGNING = frozenset("signed reached struck sealed clinched inked approved ratified".split())
_NOT_TOPICAL = re.compile(
    r"^(?:landmark|historic|comprehensive|long-term|major|key|new|first|final|draft|proposed|bilateral"
    r"|important|big|huge|so-called|planned|potential|possible|formal|official|interim|initial"
    r"|preliminary|multi-billion-dollar|billion|million|trillion|\$.*|\d.*|.*-year|.*-month|.*-day|.*-long|multilateral|fresh)$",
    re.IGNORECASE,
)
_NEW_REFERENT = frozenset(
    "another other separate similar second previous earlier different".split()
)
_TOKEN = re.compile(r"[\w'\u2019&$-]+|[^\w\s]")


@dataclass(slots=True)
class _Mention:
    sentence: int
    start: int  # absolute start of the noun phrase
    head_end: int
    kind: str
    premods: list[str]
    determiner: str | None
    proper: bool
    text: str  # the noun phrase as written, with "of understanding" / "on X" complements


def _mentions(text: str, sentences: Sequence[tuple[int, int]]) -> list[_Mention]:
    found = []
    for index, (s_start, s_end) in enumerate(sentences):
        sentence = text[s_start:s_end]
        for head in _HEAD.finditer(sentence):
            mention = _read_mention(sentence, head, index, s_start)
            if mention is not None:
                found.append(mention)
    return found


def _read_mention(sentence: str, head: re.Match[str], index: int, offset: int) -> _Mention | None:
    before = _TOKEN.findall(sentence[: head.start()])
    premods: list[str] = []
    determiner = None
    previous = ""
    while before and len(premods) < 6:
        token = before.pop()
        low = token.lower()
        if low in _DETERMINERS or low.endswith(("'s", "\u2019s")):
            determiner = low
            break
        if not re.match(r"[\w$]", token) or low in _STOP or low.endswith("ed") and "-" not in low:
            previous = low
            break
        premods.insert(0, token)
    word, after = head.group(), sentence[head.end() :]
    if not _is_noun_use(
        word.lower(), premods, determiner, previous, after, sentence[: head.start()]
    ):
        return None
    start = sentence.rfind(premods[0], 0, head.start()) if premods else head.start()
    at_start = not sentence[:start].strip(" \"'\u201c")
    acronym = word.lower().startswith("mou")
    proper = word[0].isupper() and not acronym and not (at_start and not premods)
    np_text = sentence[start : head.end()] + _complement(after)
    kind = _KINDS[word.lower()[:4]]
    return _Mention(
        index, offset + start, offset + head.end(), kind, premods, determiner, proper, np_text
    )


def _complement(after: str) -> str:
    """ "on health and education" / "to supply jets" after the head, up to a stop word."""
    match = re.match(r"\s+(on|for|to)\s+", after)
    if match is None:
        return ""
    words = [match.group(1)]
    for word in re.findall(r"[^\s]+", after[match.end() :])[:5]:
        bare = word.rstrip(".,;:")
        if not re.fullmatch(r"[a-z][\w-]*", bare) or bare in _STOP - {"and"}:
            break
        words.append(bare)
        if bare != word:
            break
    return " " + " ".join(words) if len(words) > 1 else ""


def _is_noun_use(
    word: str, premods: list[str], determiner: str | None, previous: str, after: str, before: str
) -> bool:
    low_before = before.lower()
    if determiner == "no" or previous == "without" or re.search(r"\bown\s+$", low_before):
        return False  # "no agreement was reached", "of their own accord"
    if word.startswith("deal") and re.search(r"\b(?:great|good|fair|big)\s+$", low_before):
        return bool(re.match(r"\s+(?:with|between)\b", after))  # "a great deal of"
    if previous == "in" and not premods and determiner is None:
        return False  # "in agreement with", "in accord with"
    if (
        word.startswith("agreement")
        and determiner is None
        and re.match(r"\s+(?:that|among)\b", after)
    ):
        return False  # "there is broad agreement that ..."
    if word in _AMBIGUOUS and determiner is None:
        if previous in _SIGNING:
            return True  # "signed trade deals with China"
        if re.match(r"\s+with\b", after):
            return False  # "to deal with", "teachers deal with"
        return bool(premods) or previous not in _VERB_CONTEXT
    if (
        word in {"deals", "contracts", "accords"}
        and premods
        and determiner in {"the", "this", "that"}
    ):
        return not re.match(r"\s+with\b", after)  # "the ministry deals with the problem"
    return True


def _topic(mention: _Mention) -> frozenset[str]:
    words = [w for w in mention.premods if not w[0].isupper() or mention.proper]
    return frozenset(w.lower() for w in words if not _NOT_TOPICAL.match(w))


# --------------------------------------------------------------------------- coreference


@dataclass(slots=True)
class _Group:
    mentions: list[_Mention]
    topic: set[str]
    segments: list[tuple[int, int, int]] = field(default_factory=list)  # sentence, start, end
    prefixes: dict[int, tuple[int, int]] = field(default_factory=dict)  # shared subject clause


def _group_mentions(mentions: Sequence[_Mention]) -> list[_Group]:
    groups: list[_Group] = []
    for mention in mentions:
        target = _referent(mention, groups)
        if target is None:
            groups.append(_Group([mention], set(_topic(mention))))
        else:
            target.mentions.append(mention)
            target.topic |= _topic(mention)
    return groups


def _referent(mention: _Mention, groups: Sequence[_Group]) -> _Group | None:
    if any(w.lower() in _NEW_REFERENT for w in mention.premods) or mention.determiner == "another":
        return None
    topic = _topic(mention)
    definite = (mention.determiner or "") in _DEFINITE or (mention.determiner or "").endswith("s")
    definite = definite or (mention.determiner is None and not mention.premods)
    for group in reversed(groups):
        names = {m.text.lower() for m in group.mentions if m.proper}
        if mention.proper and names and mention.text.lower() not in names:
            continue
        if not (topic <= group.topic or group.topic <= topic):
            continue
        if definite or mention.kind == group.mentions[0].kind or mention.text.lower() in names:
            return group
    return None


_FOLLOWER = r"(?:It|They|These|The (?:document|text|documents|deals|agreements))\b"


def _assign_segments(
    groups: Sequence[_Group], sentences: Sequence[tuple[int, int]], text: str
) -> None:
    """Give each group the clauses of the sentences that mention it (or follow it with "It")."""
    owner = {id(m): g for g in groups for m in g.mentions}
    by_sentence: dict[int, list[_Mention]] = {}
    for mention in sorted((m for g in groups for m in g.mentions), key=lambda m: m.start):
        by_sentence.setdefault(mention.sentence, []).append(mention)
    for index, (s_start, s_end) in enumerate(sentences):
        here = by_sentence.get(index)
        if here is None:
            previous = by_sentence.get(index - 1)
            if previous and re.match(_FOLLOWER, text[s_start:s_end]):
                owner[id(previous[-1])].segments.append((index, s_start, s_end))
            continue
        cuts = [
            m for i, m in enumerate(here) if i == 0 or owner[id(m)] is not owner[id(here[i - 1])]
        ]
        for i, mention in enumerate(cuts):
            start = s_start if i == 0 else mention.start
            end = cuts[i + 1].start if i + 1 < len(cuts) else s_end
            owner[id(mention)].segments.append((index, start, end))
            if i > 0:
                owner[id(mention)].prefixes[index] = (s_start, cuts[0].start)


# --------------------------------------------------------------------------- stages, duration

_LEGISLATURE = (
    r"(?:parliament|duma|majlis|senate|congress|lawmakers|legislat\w+|national\s+assembly|knesset"
    r"|bundestag|mps|deputies|(?:upper|lower)\s+house|federation\s+council)"
)
_STAGES = (
    (
        "in_force",
        re.compile(
            r"\b(?:(?:enter(?:ed|s|ing)?|c[ao]me|comes|coming|went|go|goes|going)\s+into\s+(?:force|effect)"
            r"|t(?:ook|akes?|aking)\s+effect|in\s+force|effective\s+(?:from|since|as\s+of|on))\b",
            re.I,
        ),
    ),
    (
        "ratified",
        re.compile(
            r"\bratif(?:ied|y|ies|ying|ication)\b"
            rf"|\b(?:approv(?:ed|es|e|al)|endorsed|passed)\b(?=.*\b{_LEGISLATURE}\b)"
            rf"|\b{_LEGISLATURE}\s+(?:has\s+|have\s+)?(?:approv(?:ed|es)|endorsed|passed)\b",
            re.I,
        ),
    ),
    (
        "signed",
        re.compile(
            r"\b(?:sign(?:ed|s|ing)?|ink(?:ed|s|ing)?|conclu(?:ded|des?|ding)|struck|strike|seal(?:ed|s)?"
            r"|clinch(?:ed|es)?|reach(?:ed|es)?|finali[sz]ed)\b",
            re.I,
        ),
    ),
    (
        "proposed",
        re.compile(
            r"\b(?:propos(?:ed|es|e|al)|draft(?:ed|ing|s)?|negotiat(?:ed|ing|ions?|e)|initial(?:l)?ed"
            r"|tabled)\b",
            re.I,
        ),
    ),
)
_PLANNED = re.compile(
    r"\b(?:will|would|shall|could|may|might|must|to|expected\s+to|plans?\s+to|set\s+to|due\s+to)\s+"
    r"(?:(?:be|have|been|formally|officially|soon)\s+)*$",
    re.IGNORECASE,
)
_DURATION_CONTEXT = re.compile(
    r"\b(?:for|term\s+of|period\s+of|valid\s+for|lasting|lasts|runs\s+for|span\s+of|duration\s+of)"
    r"\s+(?:a|an|the|up\s+to|another|a\s+further)?\s*$",
    re.IGNORECASE,
)
_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50}
_NUMBER_DURATION = re.compile(
    r"\b(\d+|" + "|".join(_NUMBERS) + r")[-\s](year|month|week|day)s?\b(?:-long)?", re.IGNORECASE
)


def _stages(
    text: str,
    segments: Sequence[tuple[int, int, int]],
    times: Sequence[TimeExpression],
    prefixes: Mapping[int, tuple[int, int]],
    nps: Sequence[tuple[int, int]] = (),
) -> list[AgreementStage]:
    found: dict[tuple[str, str | None, str], AgreementStage] = {}
    for index, start, end in segments:
        verbs = _stage_verbs(text, start, end) or _stage_verbs(text, *prefixes.get(index, (0, 0)))
        dated = [t for t in times if start <= t.start and t.end <= end and t.type in _DATED]
        sentence = text[min(start, prefixes.get(index, (start,))[0]) : end]
        for verb in verbs:
            own = [t for t in dated if min(verbs, key=lambda v, t=t: _gap(text, v, t, nps)) is verb]
            time = min(own, key=lambda t: _gap(text, verb, t, nps)) if own else None
            stage = _stage(verb, time, sentence, text)
            found.setdefault((stage.stage, stage.value, stage.status), stage)
    dated_names = {s.stage for s in found.values() if s.value}
    stages = [s for s in found.values() if s.value or s.stage not in dated_names]
    order = [name for name, _ in _STAGES][::-1]
    return sorted(stages, key=lambda s: (s.earliest is None, s.earliest or 0, order.index(s.stage)))


_DATED = (TimexType.DATE, TimexType.TIME)


def _stage_verbs(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for name, pattern in _STAGES:
        for m in pattern.finditer(text, start, end):
            if not any(s < m.end() and m.start() < e for _, s, e in found):
                found.append((name, m.start(), m.end()))
    return sorted(found, key=lambda v: v[1])


def _gap(
    text: str, verb: tuple[str, int, int], time: TimeExpression, nps: Sequence[tuple[int, int]]
) -> int:
    """Characters between a stage verb and a time, plus a clause penalty across a comma."""
    if time.start >= verb[2]:
        lo, hi = verb[2], time.start
    elif verb[1] >= time.end:
        lo, hi = time.end, verb[1]
    else:
        return 0
    inside = sum(max(0, min(hi, e) - max(lo, s)) for s, e in nps)  # "signed [a ... deal] in May"
    return hi - lo - inside + (60 if re.search(r"[,;(\u2013\u2014]", text[lo:hi]) else 0)


def _stage(
    verb: tuple[str, int, int], time: TimeExpression | None, sentence: str, text: str
) -> AgreementStage:
    planned = _PLANNED.search(text[max(0, verb[1] - 40) : verb[1]])
    return AgreementStage(
        stage=verb[0],
        value=time.value if time else None,
        earliest=time.earliest if time else None,
        latest=time.latest if time else None,
        time_text=time.text if time else None,
        evidence=sentence,
        status="planned" if planned else "happened",
    )


def _duration(text: str, group: _Group, times: Sequence[TimeExpression]) -> str | None:
    spans = [(m.start, m.head_end) for m in group.mentions]
    for _, start, end in group.segments:
        for t in times:
            if t.type is not TimexType.DURATION or not (start <= t.start < end):
                continue
            if any(s <= t.start < e for s, e in spans) or _DURATION_CONTEXT.search(
                text[max(0, t.start - 30) : t.start]
            ):
                return t.value
    for mention in group.mentions:
        match = _NUMBER_DURATION.search(mention.text)
        if match:
            number = match.group(1).lower()
            amount = int(number) if number.isdigit() else _NUMBERS[number]
            return f"P{amount}{match.group(2)[0].upper()}"
    return None


# --------------------------------------------------------------------------- parties, name


@cache
def _country_lexicon() -> dict[str, str]:
    """Country names, alternative spellings and demonyms (countryinfo) -> country name."""
    lexicon: dict[str, str] = {}
    for country in all_countries():
        info = country.info()
        name = info.get("name")
        if not isinstance(name, str):
            continue
        capital = info.get("capital")
        forms = [name, info.get("demonym"), *(info.get("altSpellings") or [])]
        if isinstance(capital, str):  # "Washington D.C." is also "Washington"
            forms += [capital, re.sub(r"\s+[A-Z.]+$", "", capital)]
        for form in forms:
            if (
                isinstance(form, str)
                and re.fullmatch(r"[A-Z][\w .'-]{3,}", form)
                and not form.isupper()
            ):
                if _shared_prefix(form, name) >= _shared_prefix(form, lexicon.get(form, "")):
                    lexicon[form] = name
    return lexicon | {"US": "United States", "U.S.": "United States", "UK": "United Kingdom"}


def _shared_prefix(form: str, name: str) -> int:
    """How well a demonym fits a country ("Indian": India, not British Indian Ocean Territory)."""
    if form != name and re.search(rf"\b{re.escape(form)}\b", name):
        return -1  # a territory named with the demonym
    pairs = zip(form, name, strict=False)
    return next((i for i, (x, y) in enumerate(pairs) if x != y), min(len(form), len(name)))


def _surface_pattern(forms: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted({f for f in forms if len(f) > 1}, key=len, reverse=True)
    return (
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
        if ordered
        else None
    )


def _parties(
    text: str, group: _Group, entities: Sequence[Entity], prefixes: Mapping[int, tuple[int, int]]
) -> tuple[str, ...]:
    spans = [(s, e) for _, s, e in group.segments]
    spans += [prefixes[i] for i, _, _ in group.segments if i in prefixes]
    found: list[tuple[int, Entity]] = []
    by_form = {form: e for e in entities for form in (*e.aliases, e.name)}
    pattern = _surface_pattern(by_form)
    for start, end in spans:
        found += (
            [(m.start(), by_form[m.group()]) for m in pattern.finditer(text, start, end)]
            if pattern
            else []
        )
    found.sort(key=lambda f: f[0])
    countries = [e.name for _, e in found if e.kind == "country"]
    people = [e for _, e in found if e.kind == "person"]
    countries += [c for p in people if (c := _country_of(p, entities))]
    organisations = [e.name for _, e in found if e.kind in {"organisation", "organization"}]
    if not entities:
        lexicon = _country_lexicon()
        countries = [
            lexicon[m.group()]
            for s, e in sorted(spans)
            for m in _lexicon_pattern().finditer(text, s, e)
            if not re.search(
                r"\b(?:in|at|to|from|near|via)\s+$", text[max(0, m.start() - 6) : m.start()]
            )
        ]
    chosen = countries + organisations or [p.name for p in people]
    return tuple(dict.fromkeys(chosen))


@cache
def _lexicon_pattern() -> re.Pattern[str]:
    pattern = _surface_pattern(_country_lexicon())
    assert pattern is not None  # the dataset is never empty
    return pattern


def _country_of(person: Entity, entities: Sequence[Entity]) -> str | None:
    """The country a person's title names ("Russian President" -> Russia), if any."""
    if not person.title:
        return None
    for entity in entities:
        if entity.kind == "country" and any(
            re.search(rf"(?<!\w){re.escape(f)}(?!\w)", person.title)
            for f in (entity.name, *entity.aliases)
        ):
            return entity.name
    match = _lexicon_pattern().search(person.title)
    return _country_lexicon()[match.group()] if match else None


_CALENDAR_WORD = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|\d{4}|\d{4}s)$"
)


def _name(group: _Group, parties: Sequence[str]) -> str:
    proper = [m for m in group.mentions if m.proper]
    if proper:
        return re.sub(r"^(?:the|The)\s+", "", max(proper, key=lambda m: len(m.premods)).text)
    best = max(group.mentions, key=lambda m: (len(_topic(m)), len(m.text)))
    head = (
        best.text[best.text.rfind(best.premods[-1]) + len(best.premods[-1]) :]
        if best.premods
        else best.text
    )
    words = [w for w in best.premods if not _NOT_TOPICAL.match(w) and not _CALENDAR_WORD.match(w)]
    name = " ".join([*words, head.strip()])
    if not words and " " not in head.strip() and parties:
        name = f"{'–'.join(parties[:3])} {name}"
    return name[0].upper() + name[1:]


# --------------------------------------------------------------------------- entry point


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
    sentences = [(s.start, s.end) for s in (split_sentences(text) if spans is None else spans)]
    groups = _group_mentions(_mentions(text, sentences))
    _assign_segments(groups, sentences, text)
    agreements = []
    for number, group in enumerate(groups, start=1):
        first = group.mentions[0]
        parties = _parties(text, group, entities, group.prefixes)
        agreements.append(
            Agreement(
                id=f"{article.id}:agreement:{number}",
                article_id=article.id,
                name=_name(group, parties),
                kind=first.kind,
                parties=parties,
                duration=_duration(text, group, times),
                stages=tuple(
                    _stages(
                        text,
                        group.segments,
                        times,
                        group.prefixes,
                        [(m.start, m.head_end) for m in group.mentions],
                    )
                ),
                areas=tuple(
                    _classify_sentences([text[s:e] for _, s, e in group.segments], taxonomy)
                ),
                evidence=text[slice(*sentences[first.sentence])],
            )
        )
    return agreements
