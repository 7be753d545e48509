"""Units of time and TIMEX3 duration values ("P3Y", "PT24H", "PXM") from a count and a
unit. The units are the same in every language; the words for them are each
language's data (``lang/<code>/words.toml``, table ``units``)."""

from __future__ import annotations

from timeline.models import Granularity

__all__ = ["UNITS", "duration_value"]

G = Granularity

# Unit key -> (granularity, TIMEX3 duration letter, is time-of-day unit).
UNITS = {
    "second": (G.TIME, "S", True), "minute": (G.TIME, "M", True), "hour": (G.TIME, "H", True),
    "day": (G.DAY, "D", False), "week": (G.WEEK, "W", False),
    "fortnight": (G.WEEK, "W", False), "month": (G.MONTH, "M", False),
    "quarter": (G.QUARTER, "Q", False), "year": (G.YEAR, "Y", False),
    "decade": (G.DECADE, "DE", False), "century": (G.CENTURY, "CE", False),
    "weekend": (G.DAY, "WE", False),
}  # fmt: skip

# Smaller unit to express a fraction of a bigger one without decimals.
_SPLIT = {"Y": (12, "M", False), "M": (30, "D", False), "W": (7, "D", False), "D": (24, "H", True),
          "H": (60, "M", True), "TM": (60, "S", True), "DE": (10, "Y", False),
          "CE": (100, "Y", False)}  # fmt: skip


def duration_value(number: float | None, unit_key: str) -> str:
    """TIMEX3 duration: P3Y, PT24H, PXM; decades and centuries as years; fractions split."""
    _, letter, is_time = UNITS[unit_key]
    if unit_key == "fortnight":
        number = None if number is None else number * 2
    if number is None:
        return f"PT{'X'}{letter}" if is_time else f"PX{letter}"
    if letter in ("DE", "CE"):
        number, letter = number * (10 if letter == "DE" else 100), "Y"
    if letter == "W" and number != int(number):
        number, letter = number * 7, "D"  # ISO 8601 does not mix weeks with days
    if letter == "S" and number != int(number):
        number = round(number)  # no smaller unit: whole seconds
    if letter == "Q" and number != int(number):
        number, letter = number * 3, "M"  # "1.5 quarters": four and a half months
    if number != int(number):
        factor, smaller, small_time = _SPLIT["TM" if is_time and letter == "M" else letter]
        whole, part = int(number), round((number - int(number)) * factor)
        if not whole:
            return f"P{'T' if small_time or is_time else ''}{part}{smaller}"
        head = f"P{'T' if is_time else ''}{whole}{letter}"
        return f"{head}{'T' if small_time and not is_time else ''}{part}{smaller}"
    return f"P{'T' if is_time else ''}{int(number)}{letter}"
