"""Read TimeML (``.tml``) documents: the DCT, the plain text and the gold TIMEX3s.

The TempEval-3 training data (TBAQ-cleaned: TimeBank + AQUAINT) comes as one XML
file per news document. Only what a temporal tagger is scored on is kept: the
document creation time (the ``TIMEX3`` inside ``<DCT>``), the content of ``<TEXT>``
with every tag removed and entities decoded, and the ``TIMEX3`` elements inside
``<TEXT>`` with character offsets into that plain text.

The corpus itself is licensed (LDC) and never copied into the project: callers
pass its path.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Document",
    "GoldEvent",
    "Timex",
    "TLink",
    "TimeMLError",
    "load_corpus",
    "parse_timeml",
    "read_timeml",
    "sample_documents",
]


class TimeMLError(ValueError):
    """A file is not TimeML this reader understands (says which file and why)."""


@dataclass(frozen=True, slots=True)
class Timex:
    """One TIMEX3: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    tid: str = ""


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One EVENT with its first MAKEINSTANCE: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str
    eid: str
    eiid: str
    cls: str  # TimeML class: OCCURRENCE, REPORTING, STATE, I_ACTION, I_STATE, ASPECTUAL, PERCEPTION
    tense: str = ""
    polarity: str = "POS"
    modality: str = ""


@dataclass(frozen=True, slots=True)
class TLink:
    """A TLINK from an event instance to a time (``tid``, ``t0`` is the DCT) or an event
    instance (``eiid``); exactly one of ``to_time`` and ``to_event`` is set."""

    event: str  # eiid
    rel: str
    to_time: str = ""
    to_event: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """One TimeML document; ``corpus`` is the sub-corpus (the parent folder's name)."""

    name: str
    corpus: str
    dct: dt.date
    text: str
    timexes: tuple[Timex, ...]
    events: tuple[GoldEvent, ...] = ()
    tlinks: tuple[TLink, ...] = ()
    dct_tid: str = "t0"


def parse_timeml(xml: str | bytes, *, name: str = "<string>", corpus: str = "") -> Document:
    """Parse the XML of one TimeML document."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise TimeMLError(f"{name}: not well-formed XML ({exc})") from exc
    text_element = root.find("TEXT")
    if text_element is None:
        raise TimeMLError(f"{name}: no <TEXT> element; TimeML documents hold their text in one")
    walker = _TextWalker()
    walker.walk(text_element)
    text = "".join(walker.pieces)
    spans = sorted(walker.spans, key=lambda span: (span[1], -span[2]))
    timexes = tuple(
        _make_timex(element, text, start, end)
        for element, start, end in spans
        if element.tag == "TIMEX3"
    )
    dct = root.find("DCT/TIMEX3")
    return Document(
        name=name,
        corpus=corpus,
        dct=_read_dct(root, name),
        text=text,
        timexes=timexes,
        events=_events(root, walker.spans, text),
        tlinks=_tlinks(root),
        dct_tid=(dct.get("tid") or "t0") if dct is not None else "t0",
    )


def read_timeml(path: str | Path) -> Document:
    """Read one ``.tml`` file; the sub-corpus is the name of the folder it is in."""
    path = Path(path)
    return parse_timeml(path.read_bytes(), name=path.stem, corpus=path.parent.name)


def load_corpus(gold_dir: str | Path) -> list[Document]:
    """Read every ``.tml`` file under ``gold_dir`` (recursively), sorted by sub-corpus and name.

    macOS resource-fork files (``._*``) are skipped.
    """
    root = Path(gold_dir)
    if not root.is_dir():
        raise TimeMLError(f"{root}: not a directory; give the folder holding the .tml files")
    paths = sorted(p for p in root.rglob("*.tml") if not p.name.startswith("._"))
    if not paths:
        raise TimeMLError(f"{root}: no .tml files found (looked recursively)")
    return sorted((read_timeml(p) for p in paths), key=lambda d: (d.corpus, d.name))


def sample_documents(documents: Sequence[Document], limit: int | None) -> list[Document]:
    """``limit`` documents spread evenly over ``documents`` (all of them if limit is None).

    Evenly spread rather than the first N, so a small sample still covers every
    sub-corpus in proportion.
    """
    count = len(documents)
    if limit is None or limit >= count:
        return list(documents)
    if limit < 1:
        return []
    return [documents[i * count // limit] for i in range(limit)]


def _read_dct(root: ET.Element, name: str) -> dt.date:
    timex = root.find("DCT/TIMEX3")
    if timex is None:
        raise TimeMLError(f"{name}: no <DCT><TIMEX3 .../></DCT>; the creation time is required")
    value = timex.get("value", "")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as exc:
        raise TimeMLError(f"{name}: DCT value {value!r} does not start with YYYY-MM-DD") from exc


class _TextWalker:
    """Collects an element's text content and the offsets of every TIMEX3 inside it."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.offset = 0
        self.spans: list[tuple[ET.Element, int, int]] = []

    def walk(self, element: ET.Element) -> None:
        start = self.offset
        self._write(element.text)
        for child in element:
            self.walk(child)
            self._write(child.tail)
        if element.tag in ("TIMEX3", "EVENT"):
            self.spans.append((element, start, self.offset))

    def _write(self, text: str | None) -> None:
        if text:
            self.pieces.append(text)
            self.offset += len(text)


def _make_timex(element: ET.Element, text: str, start: int, end: int) -> Timex:
    return Timex(
        start=start,
        end=end,
        text=text[start:end],
        type=element.get("type", ""),
        value=element.get("value", ""),
        mod=element.get("mod") or None,
        tid=element.get("tid", ""),
    )


def _events(
    root: ET.Element, spans: Sequence[tuple[ET.Element, int, int]], text: str
) -> tuple[GoldEvent, ...]:
    instances: dict[str, ET.Element] = {}
    for inst in root.iter("MAKEINSTANCE"):
        instances.setdefault(inst.get("eventID", ""), inst)
    events = []
    for element, start, end in sorted(spans, key=lambda s: s[1]):
        if element.tag != "EVENT":
            continue
        eid = element.get("eid", "")
        inst = instances.get(eid)
        get = inst.get if inst is not None else (lambda key, default="": default)
        events.append(
            GoldEvent(
                start=start,
                end=end,
                text=text[start:end],
                eid=eid,
                eiid=get("eiid", ""),
                cls=element.get("class", ""),
                tense=get("tense", ""),
                polarity=get("polarity", "POS"),
                modality=get("modality", ""),
            )
        )
    return tuple(events)


# The same relation read from its other end: "t INCLUDES e" is "e IS_INCLUDED t".
INVERSE = {
    "BEFORE": "AFTER",
    "AFTER": "BEFORE",
    "IBEFORE": "IAFTER",
    "IAFTER": "IBEFORE",
    "INCLUDES": "IS_INCLUDED",
    "IS_INCLUDED": "INCLUDES",
    "BEGINS": "BEGUN_BY",
    "BEGUN_BY": "BEGINS",
    "ENDS": "ENDED_BY",
    "ENDED_BY": "ENDS",
    "DURING": "DURING_INV",
    "DURING_INV": "DURING",
    "SIMULTANEOUS": "SIMULTANEOUS",
    "IDENTITY": "IDENTITY",
}


def _tlinks(root: ET.Element) -> tuple[TLink, ...]:
    """Every TLINK with an event at one end, read from the event: a link from a time to
    an event ("t INCLUDES e", a third of the corpus's time-event links) is turned round
    ("e IS_INCLUDED t"); links between two times are left out."""
    links = []
    for link in root.iter("TLINK"):
        rel = link.get("relType", "")
        if link.get("eventInstanceID"):
            links.append(
                TLink(
                    event=link.get("eventInstanceID", ""),
                    rel=rel,
                    to_time=link.get("relatedToTime", ""),
                    to_event=link.get("relatedToEventInstance", ""),
                )
            )
        elif link.get("timeID") and link.get("relatedToEventInstance") and rel in INVERSE:
            links.append(
                TLink(
                    event=link.get("relatedToEventInstance", ""),
                    rel=INVERSE[rel],
                    to_time=link.get("timeID", ""),
                )
            )
    return tuple(links)
