"""Areas and provisions: the taxonomy areas a text names and the provisions that carry them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline.agreements.taxonomy import Taxonomy, _default_taxonomy
from timeline.models import (
    Area,
)
from timeline.sentences import split_sentences

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
