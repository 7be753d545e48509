"""Words the tagger knows: numbers, months, weekdays, units, parts of day.

Each table is paired with a regex alternation built from it, longest first, so the
patterns in :mod:`timeline.temporal.patterns` never drift from the tables.
"""

from __future__ import annotations

from timeline.models import Granularity

G = Granularity

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

SEASON_WORDS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip

ONES = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "couple": 2, "dozen": 12, "single": 1,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
VAGUE_COUNTS = frozenset({"several", "few", "many", "some", "numerous", "multiple", "the"})

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "1st": 1, "2nd": 2,
    "3rd": 3, "4th": 4, "final": -1, "last": -1,
}  # fmt: skip

# Unit word -> (granularity, TIMEX3 duration letter, is time-of-day unit).
UNITS = {
    "second": (G.TIME, "S", True), "minute": (G.TIME, "M", True), "hour": (G.TIME, "H", True),
    "day": (G.DAY, "D", False), "week": (G.WEEK, "W", False),
    "fortnight": (G.WEEK, "W", False), "month": (G.MONTH, "M", False),
    "quarter": (G.QUARTER, "Q", False), "year": (G.YEAR, "Y", False),
    "decade": (G.DECADE, "DE", False), "century": (G.CENTURY, "CE", False),
    "weekend": (G.DAY, "WE", False),
}  # fmt: skip


def unit_of(word: str) -> str | None:
    """Normalise a unit word ("Years", "centuries", "mos") to a key of :data:`UNITS`."""
    w = word.lower().rstrip(".")
    if w in UNITS:
        return w
    if w == "centuries":
        return "century"
    if w.endswith("s") and w[:-1] in UNITS:
        return w[:-1]
    return {"yr": "year", "yrs": "year", "mo": "month", "mos": "month", "hr": "hour",
            "hrs": "hour", "min": "minute", "mins": "minute"}.get(w)  # fmt: skip


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
    for word in t.replace("-", " ").replace(" and ", " ").split():
        if word in ONES:
            total += ONES[word]
        elif word in TENS:
            total += TENS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word == "thousand":
            total = max(total, 1) * 1000
        elif word in ("a", "of"):
            continue
        else:
            return None
    return total or None


def alternation(words: object) -> str:
    """Regex alternation of the given words, longest first, dots escaped."""
    return "|".join(sorted((str(w).replace(".", r"\.") for w in words), key=len, reverse=True))


NUM_WORD = rf"(?:(?:{alternation(TENS)})(?:[- ](?:{alternation(ONES)}))?|{alternation(ONES)})"
NUMBER = (
    rf"(?:\d{{1,3}}[-\s]1/2|\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|{NUM_WORD}(?: (?:hundred|thousand))?"
    rf"|half an?|a couple of|a few|several|few|many|some)"
)


def words(*groups: object) -> frozenset[str]:
    """Lower-case trigger words from tables and/or space-separated strings."""
    out: set[str] = set()
    for group in groups:
        out.update(group.split() if isinstance(group, str) else (str(w) for w in group))  # type: ignore[attr-defined]
    return frozenset(w.lower() for w in out)


UNIT_WORDS = words(
    "second seconds minute minutes hour hours day days week weeks fortnight fortnights month"
    " months quarter quarters year years decade decades century centuries weekend weekends"
)

# Full weekday names, capitalised as news writes them ("Friday"), for patterns.
WEEKDAY_NAME = "(?:" + "|".join(w.capitalize() for w in WEEKDAYS if w.endswith("day")) + ")"
