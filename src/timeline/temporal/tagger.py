"""Find every time expression in a text and resolve it: candidates from all rules,
longest non-overlapping ones kept, then resolved left to right so that anaphoric
expressions ("two days later") anchor on the previous dated one."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from timeline.errors import InputError
from timeline.models import Granularity, TimeExpression, TimexType
from timeline.sentences import split_sentences
from timeline.temporal.calendar import Unresolvable
from timeline.temporal.context import Context, Resolved, Rule
from timeline.temporal.joins import join_adjacent
from timeline.temporal.lang import Language, language

__all__ = ["TIMEX3_VALUE", "find_unanchored", "tag"]

TIMEX3_VALUE = re.compile(
    r"^(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|(?:\d{4}|XXXX)(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-(?:[1-7]|WE))?|-Q[1-4X]"
    r"|-H[12]|-(?:SP|SU|FA|WI))?(?:T(?:\d{2}:\d{2}|MO|AF|EV|NI))?"
    r"|\d{2,3}"
    r"|P(?:(?:\d+|X)(?:Y|M|W|D|DE|CE|Q|WE))+|PT(?:(?:\d+|X)[HMS])+"
    r"|P(?:\d+|X)Y(?:\d+M)?)$"
)
_STRIP = " \t\r\n,.;:!?\"'()[]\u201c\u201d\u2018\u2019"
_UNRESOLVED = "unresolved: no publish date"


def _check_dct(dct: object) -> dt.date:
    if isinstance(dct, dt.datetime):
        return dct.date()
    if isinstance(dct, dt.date):
        return dct
    raise InputError(
        f"dct must be a datetime.date (the publish date), got {type(dct).__name__}: {dct!r}",
        field="dct",
    )


def tag(text: str, *, dct: dt.date, lang: str = "en") -> list[TimeExpression]:
    """Find and resolve every time expression in ``text`` (written in ``lang``, "en" or
    "ru") against the publish date ``dct``.

    Results are sorted by position and never overlap; ``text == source[start:end]``.
    Never raises on any ``str``; raises :class:`InputError` when ``dct`` is not a date
    or ``lang`` is not a known language.
    """
    if not isinstance(text, str):
        raise InputError(f"text must be a str, got {type(text).__name__}", field="text")
    return _run(text, _check_dct(dct), language(lang))


def find_unanchored(text: str, *, lang: str = "en") -> list[TimeExpression]:
    """Tag ``text`` with no publish date: absolute dates resolve, relative ones are kept
    with an ``XXXX`` value and the rule ``"unresolved: no publish date"``."""
    if not isinstance(text, str):
        raise InputError(f"text must be a str, got {type(text).__name__}", field="text")
    return _run(text, None, language(lang))


def _run(text: str, dct: dt.date | None, lang: Language) -> list[TimeExpression]:
    if not text.strip():
        return []
    candidates = _candidates(text, lang)
    if not candidates:
        return []
    ctx = Context(text=text, dct=dct, sentences=split_sentences(text), reader=lang.tense)
    out: list[TimeExpression] = []
    chosen = _select(list(candidates), ctx)
    ctx.taken = [(start, end) for start, end, _, _ in chosen]
    _resolve_all(chosen, candidates, ctx, out)
    return join_adjacent(text, out)


def _resolve_all(
    chosen: list[Candidate], pool: list[Candidate], ctx: Context, out: list[TimeExpression]
) -> None:
    """Resolve left to right; where a chosen candidate cannot be resolved, the best
    candidates inside its span get their turn ("in three days" in a past clause is
    no date, but "three days" is still a duration)."""
    for cand in chosen:
        start, end, rule, match = cand
        resolved = _resolve(rule, match, ctx)
        if resolved is None and ctx.dct is None:
            resolved = Resolved(TimexType.DATE, "XXXX-XX-XX", _UNRESOLVED)
        expr = None if resolved is None else _expression(ctx.text, start, end, resolved, rule)
        if resolved is None or expr is None:
            inner = [c for c in pool if start <= c[0] and c[1] <= end and c is not cand]
            if inner:
                _resolve_all(_select(list(inner), ctx), inner, ctx, out)
            continue
        out.append(expr)
        if resolved.when is not None and resolved.anchors_next:
            ctx.anchor, ctx.anchor_text = resolved.when, expr.text


Candidate = tuple[int, int, Rule, re.Match[str]]


_TOKEN = re.compile(r"\w+")
_DIGITS = frozenset("0123456789")


def _candidates(text: str, lang: Language) -> list[Candidate]:
    """Try each rule's pattern at the tokens just before its trigger words."""
    by_word = lang.by_word
    lowered = _TOKEN.findall(text.lower())
    hits = _trigger_indices(lowered, by_word)
    if not hits:
        return []
    starts = [m.start() for m in _TOKEN.finditer(text)]
    if len(starts) != len(lowered):  # lower() changed the tokenisation (rare scripts)
        lowered = [t.lower() for t in _TOKEN.findall(text)]
        hits = _trigger_indices(lowered, by_word)
    found: dict[tuple[str, int], Candidate] = {}
    for i in hits:
        tok = lowered[i]
        rules = by_word.get(tok, ())
        if tok[0] in _DIGITS or tok[-1] in _DIGITS:
            rules = rules + tuple(r for r in lang.numeric if r.numeric.fullmatch(tok))  # type: ignore[union-attr]
        for rule in rules:
            _try_rule(text, rule, starts, i, found)
    return list(found.values())


def _trigger_indices(tokens: list[str], by_word: dict[str, tuple[Rule, ...]]) -> list[int]:
    """Positions of tokens that are a rule's trigger word or start or end with a digit."""
    return [i for i, t in enumerate(tokens) if t in by_word or t[0] in _DIGITS or t[-1] in _DIGITS]


def _try_rule(
    text: str, rule: Rule, starts: list[int], i: int, found: dict[tuple[str, int], Candidate]
) -> None:
    for j in range(max(0, i - rule.back), i + 1):
        start = starts[j]
        if (rule.name, start) in found:
            continue
        m = rule.pattern.match(text, start)
        if m is None or m.end() <= starts[i]:
            continue
        cand = _trimmed(text, rule, m)
        if cand is not None:
            found[(rule.name, start)] = cand


def _trimmed(text: str, rule: Rule, m: re.Match[str]) -> Candidate | None:
    start, end = rule.span(m)
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP and not _abbreviation_dot(text, end):
        end -= 1
    return (start, end, rule, m) if end > start else None


def _abbreviation_dot(text: str, end: int) -> bool:
    """'p.m.' and '2019 г.' keep their final dot."""
    return (
        text[end - 1] == "."
        and end >= 3
        and text[end - 2].isalpha()
        and (text[end - 3] == "." or text[end - 3].isspace())
    )


def _select(candidates: list[Candidate], ctx: Context) -> list[Candidate]:
    """Longest first (then rule priority), skipping overlaps and failed checks."""
    candidates.sort(key=lambda c: (c[0] - c[1], -c[2].priority, c[0]))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Candidate] = []
    for cand in candidates:
        start, end, rule, m = cand
        i = bisect.bisect_left(starts, start)
        if i > 0 and ends[i - 1] > start:
            continue
        if i < len(starts) and starts[i] < end:
            continue
        if _in_compound(ctx.text, start, end) or _in_title(ctx.text, start, end, rule):
            continue
        if rule.check is not None and not _safe_check(rule, m, ctx):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        kept.insert(i, cand)
    return kept


def _in_compound(text: str, start: int, end: int) -> bool:
    """'quarter-to-quarter', 'day-to-day': a comparison or manner, not a time."""
    before = text[max(0, start - 4) : start].lower()
    return text[end : end + 4].lower() == "-to-" or before == "-to-"


_TITLE_WORDS = frozenset(
    "today tonight now week weekend minute minutes hour hours noon midnight morning evening"
    " night day days month months year years".split()
)
_PREVIOUS_WORD = re.compile(r"([A-Z][\w.]*)\s+$")


def _in_title(text: str, start: int, end: int, rule: Rule) -> bool:
    """'ABC's "This Week"', '"60 Minutes"', 'VOA Today': a capitalised time word inside a
    name. Holidays ('Christmas Day') are names that are times, so they are kept."""
    if rule.name in ("holiday", "spelled-year"):
        return False
    words = text[start:end].split()
    if any(w[:1].isupper() and w.lower().strip(".,") in _TITLE_WORDS for w in words[1:]):
        return True
    if not (words and words[0][:1].isupper() and words[0].lower() in _TITLE_WORDS):
        return False
    before = _PREVIOUS_WORD.search(text, max(0, start - 30), start)
    return before is not None and not _sentence_start(text, before.start())


def _sentence_start(text: str, pos: int) -> bool:
    head = text[max(0, pos - 3) : pos].rstrip(" \"'`\u201c(")
    return not head or head[-1] in ".!?\n"


def _safe_check(rule: Rule, m: re.Match[str], ctx: Context) -> bool:
    try:
        return bool(rule.check(m, ctx)) if rule.check else True
    except Unresolvable:
        return False


def _resolve(rule: Rule, m: re.Match[str], ctx: Context) -> Resolved | None:
    """The rule's answer, or None when its words name no calendar time (a 31st of
    February, a year past 9998, no publish date: :class:`Unresolvable`) or lie past the
    ends of Python's calendar (``OverflowError`` from date arithmetic near year 1 or
    9999). Any other exception is a bug in the rule and propagates."""
    if rule.needs_dct and ctx.dct is None:
        return None
    try:
        return rule.resolve(m, ctx)
    except (Unresolvable, OverflowError):
        return None


def _expression(text: str, start: int, end: int, r: Resolved, rule: Rule) -> TimeExpression | None:
    if not TIMEX3_VALUE.match(r.value):
        return None
    earliest = latest = None
    if r.interval is not None:
        earliest, latest = r.interval
    elif r.when is not None:
        earliest, latest = r.when.interval
    gran = r.gran or (r.when.gran if r.when else Granularity.UNKNOWN)
    return TimeExpression(
        text=text[start:end], start=start, end=end, type=r.type, value=r.value, mod=r.mod,
        earliest=earliest, latest=latest, granularity=gran, rule=f"{r.rule} [{rule.name}]",
        anchor=r.anchor,
    )  # fmt: skip
