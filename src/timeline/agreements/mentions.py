"""Agreement mentions (treaty, agreement, memorandum, ... read as nouns) and which of them
refer to one agreement, with the clauses that speak of it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_HEAD = re.compile(
    r"\b(?:treat(?:y|ies)|agreements?|memorand(?:um|a)(?:\s+of\s+understanding)?|MoUs?|MOUs?"
    r"|accords?|pacts?|deals?|contracts?|loans?|financing|credit\s+lines?)\b",
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
    "loan": "loan",
    "fina": "financing",
    "cred": "loan",
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
_AMBIGUOUS = frozenset("deal deals contract contracts accord accords financing".split())
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


#: "agreed to cooperate in ...", "agreed on Sunday to deepen cooperation in ...": an
#: agreement told by its verb; the mention is the word "cooperation" / "cooperate".
_AGREED_TO_COOPERATE = re.compile(
    r"\bagree(?:d|s)?\b[^.;]{0,60}?\b(?P<head>cooperat(?:e|ion)|collaborat(?:e|ion)|partnership)\b",
    re.IGNORECASE,
)


def _mentions(
    text: str, sentences: Sequence[tuple[int, int]], *, headline: int | None = None
) -> list[_Mention]:
    """Every mention in ``sentences``; those of the ``headline`` sentence only when the
    story below mentions no agreement (a headline is not an agreement of its own)."""
    found = []
    for index, (s_start, s_end) in enumerate(sentences):
        sentence = text[s_start:s_end]
        here: list[_Mention] = []
        for head in _HEAD.finditer(sentence):
            if _HEAD.match(sentence, head.end() + 1):
                continue  # "a solar financing deal": the deal is the head
            mention = _read_mention(sentence, head, index, s_start)
            if mention is None:
                continue
            if (
                here
                and mention.kind in _TOPIC_KINDS
                and _of_previous(sentence, here[-1], mention, s_start)
            ):
                continue  # "a memorandum of understanding on a $500 million loan"
            here.append(mention)
        found.extend(here)
        if not any(m.sentence != headline for m in found):  # none named yet: it is new
            found.extend(_agreed(sentence, index, s_start))
    body = [m for m in found if m.sentence != headline]
    return body or found


_TOPIC_KINDS = frozenset({"loan", "financing"})


def _of_previous(sentence: str, previous: _Mention, mention: _Mention, offset: int) -> bool:
    """True when ``mention`` is the subject of ``previous`` ("an MoU on a loan")."""
    between = sentence[previous.head_end - offset : mention.start - offset]
    return len(between) <= 40 and re.match(r"\s+(?:on|for|of|to\s+provide)\b", between) is not None


def _agreed(sentence: str, index: int, offset: int) -> list[_Mention]:
    match = _AGREED_TO_COOPERATE.search(sentence)
    if match is None:
        return []
    start, end = match.start("head"), match.end("head")
    text = "cooperation" + _complement(sentence[end:])
    return [
        _Mention(
            index, offset + start, offset + end, "agreement", ["cooperation"], None, False, text
        )
    ]


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
    match = re.match(r"\s+(on|for|to|in)\s+", after)
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
    while len(words) > 1 and words[-1] in _DETERMINERS | _STOP:
        words.pop()  # "on a $500 million loan": not "on a"
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
    if word == "financing" and determiner is None:
        return False  # "to provide financing for railways": money, not an agreement
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
    sharing = [g for g in groups if topic & g.topic and (topic <= g.topic or g.topic <= topic)]
    if sharing and ((mention.determiner or "") in _DEFINITE):
        return sharing[-1]  # "the 20-year strategic cooperation agreement": the cooperation
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


_FOLLOWER = (
    r"(?:It|They|These|The (?:document|text|documents|deals|agreements)"
    r"|Under (?:its|their|the) (?:provisions|terms|deal|agreement|treaty|accord))\b"
)


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
