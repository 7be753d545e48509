"""timeline.tag never raises on a str, stays fast on hostile text, and rejects a bad dct."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from typing import Any

import pytest

import timeline
from timeline import InputError, TimelineError, tag

DCT = dt.date(2025, 4, 29)
# A safety bound against catastrophic regex backtracking, not a speed benchmark. It is
# checked on CPU time so that other work on a shared machine cannot make it flaky.
TIME_LIMIT_S = 10.0

NEWS_SENTENCES = [
    "In April, President Putin and Pezeshkian signed a 20-year agreement, originally inked "
    "in January.",
    "The minister said on Friday that talks would resume next week.",
    "Exports rose 12 percent in the third quarter of 2024, the ministry said yesterday.",
    "The central bank cut rates earlier this month and will meet again in June.",
    "Protesters have gathered every week for the past three years.",
    "The company, founded in the 1990s, employs 5,000 people and is worth $20 million.",
    "Officials may meet on 18/04/2025 or on April 21, 2025, a spokesman said.",
    "Two days later, the delegations returned to Moscow.",
]


def _news_text(size: int) -> str:
    rng = random.Random(20250429)
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = rng.choice(NEWS_SENTENCES)
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)[:size]


def _random_bytes_text() -> str:
    raw = random.Random(7).randbytes(20_000)
    return raw.decode("utf-8", errors="surrogateescape")


def _timed_tag(text: str, lang: str = "en") -> tuple[list[Any], float, float]:
    """tag(text) with the CPU and wall-clock seconds it took."""
    cpu, wall = time.process_time(), time.perf_counter()
    found = tag(text, dct=DCT, lang=lang)
    return found, time.process_time() - cpu, time.perf_counter() - wall


HOSTILE_INPUTS = {
    "empty": "",
    "whitespace": " \t\n\r\x0b\x0c\u00a0\u2003\u2028\u3000 " * 50,
    "latin1-bytes": bytes(range(256)).decode("latin-1") * 40,
    "random-bytes-surrogate-escaped": _random_bytes_text(),
    "lone-surrogates-around-a-date": "\ud800 April 21, 2025 \udcff\udfff",
    "nul-characters": "\x00signed\x00on\x00April 21, 2025\x00" * 100,
    "question-marks-100k": "?" * 100_000,
    "digits-5000": "0123456789" * 500,
    "digit-commas": "1, " * 5_000,
    "slash-digits": "12/12/" * 2_000,
    "dash-digits": "2025-" * 2_000,
    "colon-digits": "12:" * 3_000,
    "repeated-last": "last " * 10_000 + "week",
    "repeated-early": "early " * 5_000 + "May",
    "repeated-months": "April May June " * 3_000,
    "repeated-abbreviations": "Jan. " * 5_000,
    "repeated-the-past": "the past " * 5_000 + "three years",
    "repeated-every": "every " * 5_000 + "Friday",
    "repeated-ago": "two days ago " * 3_000,
    "mixed-scripts": (
        "Президент подписал указ April 21, 2025 в Москве. 北京 2025年4月21日 会谈。 "
        "وقّع الطرفان الاتفاق في ٢١ أبريل ٢٠٢٥ . Ελλάδα 21/04/2025 עברית"
    ),
    "arabic-indic-digits": "\u0662\u0660\u0662\u0665-\u0660\u0664-\u0662\u0661",
    "fullwidth-digits": "\uff12\uff10\uff12\uff15\u5e74\uff14\u6708\uff12\uff11\u65e5",
    "emoji-and-combining": "🗓️ A\u0301pril 2\u03025, 2025 👍🏽 " * 200,
    "year-99999": "The treaty lasts until the year 99999.",
    "year-0000": "The year 0000 and the year 0 are not years of the calendar.",
    "february-31st": "The meeting was held on the 31st of February.",
    "february-30": "The vote took place on February 30, 2025.",
    "april-31": "The vote took place on April 31, 2025.",
    "february-29-non-leap": "The vote took place on 29 February 2023.",
    "iso-out-of-range": "Filed on 2025-13-45 and on 2025-00-00.",
    "slash-out-of-range": "Dated 32/13/2025 and 00/00/0000.",
    "week-54": "The shipment arrived in 2025-W54.",
    "huge-number-ago": "The empire fell 99999999999999999999 years ago.",
    "huge-number-later": "Signed in 2020. 99999999999999999999 days later, it ended.",
    "huge-duration": "A 999999999999-year lease was signed.",
}


@pytest.mark.parametrize("text", HOSTILE_INPUTS.values(), ids=HOSTILE_INPUTS.keys())
def test_hostile_text_gives_well_formed_result_in_bounded_time(text: str, well_formed: Any) -> None:
    found, cpu, wall = _timed_tag(text)
    well_formed(text, found)
    assert cpu < TIME_LIMIT_S, f"tag took {cpu:.1f} s CPU ({wall:.1f} s) on {text[:60]!r}..."


HOSTILE_RUSSIAN = {
    "repeated-months": "апреля мая июня " * 5000,
    "repeated-relative": "в прошлом " * 10000,
    "repeated-ranges": "1990-" * 10000,
    "repeated-edges": "в начале в конце " * 5000,
    "nested-ahead": "через " * 10000 + "год",
    "impossible-dates": "31 февраля 2025 года, 30.02.2025, 1999-00 годов, в 0 веке. " * 500,
}


@pytest.mark.parametrize("text", HOSTILE_RUSSIAN.values(), ids=HOSTILE_RUSSIAN.keys())
def test_hostile_russian_text_is_tagged_in_bounded_time(text: str, well_formed: Any) -> None:
    found, cpu, wall = _timed_tag(text, lang="ru")
    well_formed(text, found)
    assert cpu < TIME_LIMIT_S, f"tag took {cpu:.1f} s CPU ({wall:.1f} s) on {text[:60]!r}..."


def test_one_megabyte_of_news_is_tagged_in_bounded_time(well_formed: Any) -> None:
    text = _news_text(1_000_000)
    found, cpu, wall = _timed_tag(text)
    well_formed(text, found)
    assert cpu < TIME_LIMIT_S, f"1 MB took {cpu:.1f} s CPU ({wall:.1f} s wall)"
    # Each sentence of the mix holds at least one expression.
    assert len(found) >= text.count(". "), "expressions were lost in the long text"


def test_date_inside_mixed_scripts_is_still_found() -> None:
    text = "Президент подписал указ April 21, 2025 в Москве; 北京 会谈。"
    values = [e.value for e in tag(text, dct=DCT)]
    assert "2025-04-21" in values


@pytest.mark.parametrize(
    "text",
    ["The vote took place on February 30, 2025.", "The meeting was held on the 31st of February."],
)
def test_impossible_day_never_becomes_a_day_value(text: str) -> None:
    for expr in tag(text, dct=DCT):
        assert not expr.value.startswith(("2025-02-30", "2025-02-31")), expr


@pytest.mark.parametrize(
    "dct",
    ["2025-04-29", None, 20250429, 1.5, dt.time(12, 0), dt.timedelta(days=1), b"2025-04-29"],
    ids=["iso-string", "none", "int", "float", "time", "timedelta", "bytes"],
)
def test_bad_dct_raises_timeline_error_naming_dct(dct: object) -> None:
    with pytest.raises(TimelineError, match="dct") as info:
        tag("The deal was signed in April.", dct=dct)  # type: ignore[arg-type]
    assert isinstance(info.value, InputError)


def test_dct_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        tag("The deal was signed in April.", DCT)  # type: ignore[misc]


@pytest.mark.parametrize(
    "dct",
    [
        dt.datetime(2025, 4, 29, 0, 0),
        dt.datetime(2025, 4, 29, 23, 59, 59),
        dt.datetime(2025, 4, 29, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=13))),
        dt.datetime(2025, 4, 29, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=-11))),
    ],
    ids=["midnight", "end-of-day", "aware-plus-13", "aware-minus-11"],
)
def test_datetime_dct_is_accepted_as_its_date(dct: dt.datetime) -> None:
    text = "The minister said yesterday that talks would resume next week."
    assert tag(text, dct=dct) == tag(text, dct=DCT)
    assert [e.value for e in tag(text, dct=dct)] == ["2025-04-28", "2025-W19"]


_TZ_SCRIPT = """
import datetime, json, sys, timeline
text = sys.stdin.read()
found = timeline.tag(text, dct=datetime.date(2025, 4, 29))
print(json.dumps([e.to_dict() for e in found]))
"""


def _tag_in_subprocess(text: str, tz: str) -> list[dict[str, Any]]:
    env = {**os.environ, "TZ": tz}
    done = subprocess.run(
        [sys.executable, "-c", _TZ_SCRIPT],
        input=text,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_result_does_not_depend_on_time_zone() -> None:
    text = " ".join(NEWS_SENTENCES) + " Today, tonight and this morning. It is now 3 p.m."
    in_auckland = _tag_in_subprocess(text, "Pacific/Auckland")
    in_utc = _tag_in_subprocess(text, "UTC")
    in_honolulu = _tag_in_subprocess(text, "Pacific/Honolulu")
    assert in_auckland, "the text holds time expressions"
    assert in_auckland == in_utc == in_honolulu


def test_package_exports_tag() -> None:
    assert "tag" in timeline.__all__
    assert timeline.tag is tag
