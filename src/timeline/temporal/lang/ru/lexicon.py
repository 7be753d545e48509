"""Russian words for the Russian rules: month and weekday names, unit forms, number
roots and relative day words from dateparser's Russian locale data, completed by
``words.toml`` (seasons, parts of day, relative adjectives, edges, the forms
dateparser lacks). Patterns are built here from those tables, nowhere else."""

from __future__ import annotations

import os
import re

from dateparser.data.date_translation_data.ru import info as _DATEPARSER_RU

from timeline.temporal.words import alternation, load_words

__all__ = [
    "ADJECTIVE_ENDINGS", "CLOCK_HALVES", "DAY_OFFSETS", "EDGE", "EDGE_BEFORE", "EDGES", "EDGE_ENDINGS", "MONTH_ENDINGS", "RELATIVE_WORD",
    "SEASON_ENDINGS", "WEEKDAY_ENDINGS", "edge_of", "forms", "inflected", "relative_of", "MONTH", "MONTH_STEMS", "NUMBER", "PARTS_OF_DAY", "RELATIVE",
    "SEASON", "SEASON_STEMS", "SETS", "UNIT", "UNITS", "VAGUE", "VAGUE_AFTER_PREPOSITION", "WEEKDAY", "WEEKDAY_STEMS", "WHOLE",
    "WORDS", "month_of", "parse_number", "season_of_word", "unit_of", "weekday_of",
]  # fmt: skip

WORDS = load_words("ru")
_EXTRA = WORDS.extra
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_WEEKDAY_NAMES = "monday tuesday wednesday thursday friday saturday sunday".split()


def _stem(forms: list[str]) -> str:
    """Common beginning of a name's full forms ("январь", "января" -> "январ")."""
    lower = [f.lower() for f in forms]
    # The nominative and its genitive ("май"/"мая", "март"/"марта"), not "мар", "ноя".
    pairs = [(f, f[:-1] + "я") for f in lower if f[-1] in "ьй"] + [(f, f + "а") for f in lower]
    full = [form for pair in pairs if pair[1] in lower for form in pair]
    return os.path.commonprefix(full)


# Month: stem -> number; any case ("апрель", "апреля", "апреле", "апрелем").
MONTH_STEMS = {_stem(_DATEPARSER_RU[name]): i + 1 for i, name in enumerate(_MONTH_NAMES)}


def forms(stems: object, endings: str) -> frozenset[str]:
    """Every stem with every ending ("" allowed): the trigger words of a pattern."""
    return frozenset(f"{stem}{end}" for stem in stems for end in endings.split("|"))  # type: ignore[attr-defined]


def inflected(stems: object, endings: str) -> str:
    """Regex: one of ``stems`` with one of the ``|``-separated ``endings``."""
    return rf"(?:(?:{alternation(stems)})(?:{endings}))"


MONTH_ENDINGS = "ь|я|ю|е|ем|ём|а|у|ом|й|"
MONTH = inflected(MONTH_STEMS, MONTH_ENDINGS)

# Weekday: stem -> Monday = 0 ("пятница", "пятницу", "в среду", "во вторник").
WEEKDAY_STEMS = {
    os.path.commonprefix([f.lower() for f in _DATEPARSER_RU[name] if len(f) > 3]): i
    for i, name in enumerate(_WEEKDAY_NAMES)
}
WEEKDAY_ENDINGS = "ье|ья|ью|ие|ия|ии|а|у|ы|е|ой|ом|"
WEEKDAY = inflected(WEEKDAY_STEMS, WEEKDAY_ENDINGS)

SEASON_STEMS = WORDS.seasons
SEASON_ENDINGS = "ом|ой|ою|ью|о|а|ы|у|е|ь|и"  # never bare: "лет" is years, "лето" summer
SEASON = inflected(SEASON_STEMS, SEASON_ENDINGS)
PARTS_OF_DAY = WORDS.parts_of_day

# Units: every form dateparser knows, and the ones words.toml adds.
UNITS = {
    form.lower(): key
    for key in ("year", "month", "week", "day", "hour", "minute", "second")
    for form in _DATEPARSER_RU[key]
    if len(form) > 2 and not form.endswith(".")
} | dict(WORDS.units)
UNIT = rf"(?:{alternation(UNITS)})"

RELATIVE = {stem: offset for stem, offset in _EXTRA["relative"].items()}
ADJECTIVE_ENDINGS = "ый|ий|ого|его|ом|ем|ой|ей|ую|юю|ая|яя|ое|ее|ые|ие|ых|их|ым|им|от|у|а|и"
RELATIVE_WORD = inflected(RELATIVE, ADJECTIVE_ENDINGS)
EDGES = dict(_EXTRA["edges"])
EDGE_ENDINGS = "о|а|е|у|ом|ой|"
EDGE = inflected(EDGES, EDGE_ENDINGS)
EDGE_BEFORE = rf"(?:(?P<edge>{EDGE})\s+)?"  # "в начале апреля", "в конце 2023 года"
VAGUE = dict(_EXTRA["vague"])
VAGUE_AFTER_PREPOSITION = dict(_EXTRA["vague_after_preposition"])
SETS = dict(_EXTRA["sets"])
WHOLE = frozenset(_EXTRA["whole"]["determiners"])
CLOCK_HALVES = dict(_EXTRA["clock_halves"])

# "вчера", "позавчера", "завтра", "послезавтра", "сегодня" -> days from the publish date.
DAY_OFFSETS: dict[str, int] = {}
for _phrase, _words in _DATEPARSER_RU["relative-type"].items():
    _m = re.fullmatch(r"(?:(?P<ago>\d+) day ago|in (?P<ahead>\d+) day)", _phrase)
    if _m:
        for _word in _words:
            DAY_OFFSETS[_word] = -int(_m["ago"]) if _m["ago"] else int(_m["ahead"])

AGO = alternation(_DATEPARSER_RU["ago"])  # "назад"
AHEAD = alternation(w for w in _DATEPARSER_RU["in"] if w != "в течение")  # "через", "спустя"

# Number words: dateparser's roots ("дв(а|е|ух...)" -> 2, also ordinals "втор..." -> 2)
# and the forms words.toml adds.
_ROOTS = [
    (re.compile(pattern), int(value))
    for item in _DATEPARSER_RU["simplifications"]
    for pattern, value in item.items()
    if value.isdigit() and "\\" not in pattern and "?" not in pattern
]
_WORD_NUMBERS = dict(WORDS.ones) | dict(WORDS.tens)
_NUMBER_WORD = rf"(?:{alternation(_WORD_NUMBERS)}|{'|'.join(p.pattern for p, _ in _ROOTS)})"
_HALF = dict(_EXTRA["fractions"])
NUMBER = (
    rf"(?:(?<![\d.,])\d{{1,3}}(?:[.,]\d{{1,2}})?(?![\d.,]\d)|(?:{alternation(WORDS.vague_counts)})"
    rf"|(?:{alternation(_HALF)})|{_NUMBER_WORD}(?:\s+{_NUMBER_WORD})?)"
)


def parse_number(text: str) -> float | None:
    """A count in digits or Russian words ("три", "двух", "двадцать пять", "полтора");
    None for a vague count ("несколько")."""
    t = text.lower().strip().replace(",", ".")
    if t in WORDS.vague_counts:
        return None
    if t in _HALF:
        return _HALF[t]
    try:
        return float(t)
    except ValueError:
        pass
    total = 0
    for word in t.split():
        value = _WORD_NUMBERS.get(word)
        if value is None:
            value = next((n for p, n in _ROOTS if p.fullmatch(word)), None)
        if value is None:
            return None
        total += value
    return float(total) or None


def unit_of(word: str) -> str | None:
    return UNITS.get(word.lower())


def _by_stem(word: str, stems: dict[str, object]) -> object | None:
    w = word.lower()
    best = max((s for s in stems if w.startswith(s)), key=len, default=None)
    return None if best is None else stems[best]


def month_of(word: str) -> int:
    return int(_by_stem(word, MONTH_STEMS))  # type: ignore[arg-type]


def weekday_of(word: str) -> int:
    return int(_by_stem(word, WEEKDAY_STEMS))  # type: ignore[arg-type]


def season_of_word(word: str) -> str:
    return str(_by_stem(word, SEASON_STEMS))


def relative_of(word: str) -> int:
    return int(_by_stem(word, RELATIVE))  # type: ignore[arg-type]


def edge_of(word: str | None) -> str | None:
    """TIMEX3 mod of an edge word ("начале" -> START), None without one."""
    return None if not word else str(_by_stem(word, EDGES))
