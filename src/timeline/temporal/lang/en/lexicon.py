"""English words as the English rules use them: the tables of ``words.toml`` and the
regex alternations built from them, longest first, so patterns never drift from the
tables; and reading English number words."""

from __future__ import annotations

from timeline.models import Granularity
from timeline.temporal.durations import UNITS
from timeline.temporal.words import alternation, load_words, words

__all__ = [
    "DAY_PART_WORDS", "MONTHS", "NUMBER", "ONES", "ORDINALS", "PARTS_OF_DAY", "SEASON_WORDS", "TENS", "UNITS",
    "UNIT_ALT", "UNIT_WORDS", "WEEKDAYS", "WEEKDAY_NAME", "WORDS", "alternation",
    "parse_number", "unit_gran", "unit_of", "words",
]  # fmt: skip

WORDS = load_words("en")
MONTHS = WORDS.months
WEEKDAYS = WORDS.weekdays
SEASON_WORDS = WORDS.seasons
PARTS_OF_DAY = WORDS.parts_of_day
ONES = WORDS.ones
TENS = WORDS.tens
ORDINALS = WORDS.ordinals
VAGUE_COUNTS = WORDS.vague_counts

# Unit words spelled out in full (no abbreviations): triggers and pattern alternation.
UNIT_WORDS = words(w for w, key in WORDS.units.items() if len(w) >= len(key))
UNIT_ALT = rf"(?:{alternation(w for w in UNIT_WORDS if not w.startswith('weekend'))})"


# Parts of day as trigger words ("morning", "overnight").
DAY_PART_WORDS = words(PARTS_OF_DAY)


def unit_gran(word: str) -> Granularity:
    """Granularity of a unit word; a weekend is counted in days. KeyError if none."""
    key = unit_of(word)
    if key is None:
        raise KeyError(word)
    return Granularity.DAY if key == "weekend" else UNITS[key][0]


def unit_of(word: str) -> str | None:
    """Normalise a unit word ("Years", "centuries", "mos") to a key of :data:`UNITS`."""
    return WORDS.units.get(word.lower().rstrip("."))


def parse_number(text: str) -> float | None:
    """A count written in digits or words: "3", "twenty-four", "a", "1.5", "half a".

    Returns None for vague counts ("several"), which become X in TIMEX3 values.
    """
    t = text.lower().replace(",", "").strip()
    if not t or t in VAGUE_COUNTS:
        return None
    try:
        return float(t)
    except ValueError:
        pass
    if t.endswith("1/2") and t[:-3].strip(" -").isdigit():  # "5 1/2"
        return int(t[:-3].strip(" -")) + 0.5
    if t in ("half a", "half an", "half"):
        return 0.5
    total = 0.0
    parts = t.replace("-", " ").replace(" and ", " ").split()
    if len(parts) > 1 and parts[0] in ("a", "an"):
        parts = parts[1:]  # "a couple of", "a dozen": the article is no count of its own
    for word in parts:
        if word in ONES:
            total += ONES[word]
        elif word in TENS:
            total += TENS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word == "thousand":
            total = max(total, 1) * 1000
        elif word == "of":
            continue
        else:
            return None
    return total or None


NUM_WORD = rf"(?:(?:{alternation(TENS)})(?:[- ](?:{alternation(ONES)}))?|{alternation(ONES)})"
NUMBER = (
    rf"(?:\d{{1,3}}[-\s]1/2|(?<![\d.])\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|{NUM_WORD}(?: (?:hundred|thousand))?"
    rf"|half an?|a couple of|a dozen|a few|several|few|many|some)"
)

# Month names as news writes them: capitalised or upper case; abbreviations only with a dot
# or where a day follows.
FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
ABBR_MONTHS = [m for m in MONTHS if m not in FULL_MONTHS]
_CAP = (
    "|".join(m.capitalize() for m in FULL_MONTHS) + "|" + "|".join(m.upper() for m in FULL_MONTHS)
)
_ABBR = (
    "|".join(m.capitalize() for m in ABBR_MONTHS) + "|" + "|".join(m.upper() for m in ABBR_MONTHS)
)
MONTH_NAME = rf"(?:{_CAP})"
MONTH_ANY = rf"(?:(?:{_CAP})|(?:{_ABBR})\.?)"  # abbreviations only where a day follows
MONTH_DOTTED = rf"(?:(?:{_CAP})|(?:{_ABBR})\.)"

# Full weekday names, capitalised as news writes them ("Friday"), for patterns.
WEEKDAY_NAME = "(?:" + "|".join(w.capitalize() for w in WEEKDAYS if w.endswith("day")) + ")"
