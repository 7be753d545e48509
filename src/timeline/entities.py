"""Actors: people, countries, organisations and locations, and their aliases.

Recognition is rule-based and fast. Countries, their demonyms and capitals come from
the ``countryinfo`` dataset ("Iranian" -> Iran, "Moscow" -> location); person titles,
organisation head words and well-known organisations from ``data/actor_patterns.json``.
A person is a capitalised name after a title ("Foreign Minister Abbas Araguchi"), a
name of two to four capitalised words, or a single capitalised word used as a subject
("Peskov said") or possessor ("Putin's plans"). Titles are kept in ``title``, never in
the name.

:func:`merge_aliases` groups the surface forms of one actor, within an article and
across a corpus, with rapidfuzz. The thresholds were chosen on ``tests/test_entities.py``:

* surnames match when equal (ignoring case and accents) or, for surnames of five or
  more letters, when ``fuzz.ratio >= SURNAME_RATIO`` (Mohajelani/Mohajerani 90,
  Mokhajelani/Mohajerani 86, Araguchi/Araghchi 87.5; Lavrov/Ivanov 67, Putin/Pezeshkian
  and Johnson/Jonas stay apart);
* given names are compatible when one is missing, when they share a word, or when two
  words share an initial and ``fuzz.ratio >= GIVEN_RATIO`` (Ari/Ali 67; Hillary/Bill and
  Mojtaba/Ali stay apart). A fuzzy surname match needs compatible given names;
* a surname alone joins the one full name with that surname (exact match preferred
  over fuzzy, and a name in the same article over one elsewhere); with no full name
  it stays as it is, and with several equally good ones it stays apart.

The canonical name of a group is its most complete form, then its most frequent.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import NamedTuple

from rapidfuzz import fuzz

from timeline.models import Entity
from timeline.sentences import Span

__all__ = ["ActorMention", "AliasTable", "find_actors", "merge_aliases"]

SURNAME_RATIO = 84.0
GIVEN_RATIO = 60.0
ORG_RATIO = 95.0

# Initials ("U.S."), a word before a possessive 's ("Putin" of "Putin's"), the 's, a word
# with inner apostrophes, dots or hyphens, or one other character. The two word forms
# share their first \w+ so a word is scanned once (six times faster than two branches).
_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|\w+(?:(?:-\w+)*(?=['\u2019]s\b)|(?:['\u2019.\-]\w+)*)|['\u2019]s\b|\S"
)
_MONTHS = frozenset(
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
_SUBJECT_GAP = frozenset(
    "also has had have will would could may might then later again reportedly".split()
)
_VERB_ENDINGS = ("ed", "es")
_MODALS = frozenset("will would could may might".split())
_LOCATION_PREPOSITIONS = frozenset("in at near outside inside".split())


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One occurrence of an actor: ``text == source[start:end]``, ``name`` normalised."""

    text: str
    start: int
    end: int
    kind: str  # person | country | organisation | location
    name: str
    title: str | None = None
    form: str = "name"  # name | demonym | code | capital | title-only
    article_id: str = ""


class _Token(NamedTuple):
    text: str
    start: int
    end: int
    capitalised: bool
    index: int


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    countries: dict[str, str]  # lower-case surface -> country name
    demonyms: dict[str, str]
    capitals: dict[str, str]  # lower-case capital -> capital as written
    titles: dict[str, tuple[tuple[str, ...], ...]]  # first word -> titles, longest first
    org_heads: frozenset[str]
    known_orgs: dict[str, str]
    not_name: frozenset[str]
    particles: frozenset[str]
    max_words: int = 4
    multiword_starts: frozenset[str] = frozenset()  # first words of multi-word names


@cache
def _gazetteer() -> _Gazetteer:
    from countryinfo import all_countries  # a data package; loaded once, on first use

    patterns = json.loads(
        resources.files("timeline.data").joinpath("actor_patterns.json").read_text("utf-8")
    )
    countries: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for country in all_countries():
        info = country.info()
        name = info.get("name")
        if not name:
            continue
        iso = info.get("ISO") or {}
        codes = {iso.get("alpha2"), iso.get("alpha3")}
        for alias in [name, *(info.get("altSpellings") or [])]:
            if alias and alias not in codes and alias.isascii():
                countries.setdefault(alias.lower(), name)
        if info.get("demonym"):
            demonyms.setdefault(info["demonym"].lower(), name)
        capital = info.get("capital") or []
        for city in [capital] if isinstance(capital, str) else capital:
            capitals.setdefault(city.lower(), city)
    for code, name in patterns["country_codes_in_prose"].items():
        countries[code.lower()] = name
    titles: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for title in sorted((tuple(t.split()) for t in patterns["titles"]), key=len, reverse=True):
        titles[title[0]].append(title)
    known_orgs = {o.lower(): o for o in patterns["known_organisations"]}
    names = (*known_orgs, *countries, *demonyms, *capitals)
    return _Gazetteer(
        countries=countries,
        demonyms=demonyms,
        capitals=capitals,
        titles={k: tuple(v) for k, v in titles.items()},
        org_heads=frozenset(patterns["organisation_heads"]),
        known_orgs=known_orgs,
        not_name=frozenset(patterns["not_name_words"]) | _MONTHS,
        particles=frozenset(patterns["name_particles"]),
        multiword_starts=frozenset(n.split(" ")[0] for n in names if " " in n),
    )


def _tokenise(text: str, offset: int) -> list[_Token]:
    new = tuple.__new__  # _Token(...) without the Python-level __new__: a third faster
    return [
        new(_Token, (word, m.start() + offset, m.end() + offset, word[:1].isupper(), i))
        for i, m in enumerate(_TOKEN.finditer(text))
        for word in (m.group(),)
    ]


def find_actors(text: str, spans: Sequence[Span], *, article_id: str = "") -> list[ActorMention]:
    """Find actor mentions in each sentence span of ``text`` (offsets into ``text``)."""
    mentions: list[ActorMention] = []
    for span in spans:
        mentions.extend(_SentenceScanner(text, _tokenise(span.text, span.start), article_id).scan())
    return mentions


class _SentenceScanner:
    """Left-to-right scan of one sentence's tokens."""

    def __init__(self, text: str, tokens: list[_Token], article_id: str) -> None:
        self.text = text
        self.tokens = tokens
        self.article_id = article_id
        self.gaz = _gazetteer()
        self.found: list[ActorMention] = []

    def scan(self) -> list[ActorMention]:
        titles = self.gaz.titles
        i = 0
        for tok in self.tokens:  # only capitalised words and titles can start an actor
            if tok.index >= i and (tok.capitalised or tok.text.lower() in titles):
                i = self._at(tok.index)
        return self.found

    def _at(self, i: int) -> int:
        tok = self.tokens[i]
        if not tok.capitalised and tok.text.lower() not in self.gaz.titles:
            return i + 1
        for matcher in (self._title_person, self._known, self._capitalised_run):
            nxt = matcher(i)
            if nxt > i:
                return nxt
        return i + 1

    # -- people introduced by a title -------------------------------------------------
    def _title_person(self, i: int) -> int:
        title_len = self._title_at(i)
        if not title_len:
            return i
        end = self._name_run(i + title_len)
        if end == i + title_len:
            return i
        name_tokens = self._strip_non_names(i + title_len, end)
        if not name_tokens or self._lookup(name_tokens) is not None:
            return i
        title = self._join(self.tokens[i : i + title_len])
        self._add(name_tokens, "person", " ".join(t.text for t in name_tokens), title=title)
        return end

    def _title_at(self, i: int) -> int:
        candidates = self.gaz.titles.get(self.tokens[i].text.lower())
        if not candidates:
            return 0
        words = tuple(t.text.lower() for t in self.tokens[i : i + 4])
        return next((len(t) for t in candidates if words[: len(t)] == t), 0)

    # -- countries, demonyms, capitals, organisations ---------------------------------
    def _known(self, i: int) -> int:
        if not self.tokens[i].capitalised:
            return i
        org_end = self._organisation(i)
        if org_end > i:
            return org_end
        longest = 4 if self.tokens[i].text.lower() in self.gaz.multiword_starts else 1
        for n in range(min(longest, len(self.tokens) - i), 0, -1):
            toks = self.tokens[i : i + n]
            if not all(t.capitalised or t.text.lower() == "of" for t in toks):
                continue
            hit = self._lookup(toks)
            if hit is not None:
                kind, name, form = hit
                self._add(toks, kind, name, form=form)
                return i + n
        return self._hyphenated_countries(i)

    def _lookup(self, toks: Sequence[_Token]) -> tuple[str, str, str] | None:
        key = " ".join(t.text for t in toks).lower()
        gaz = self.gaz
        if key in gaz.known_orgs:
            return "organisation", gaz.known_orgs[key], "name"
        if key in gaz.countries:
            return "country", gaz.countries[key], "code" if toks[0].text.isupper() else "name"
        if key in gaz.demonyms:
            return "country", gaz.demonyms[key], "demonym"
        if key in gaz.capitals:
            return "location", gaz.capitals[key], "capital"
        return None

    def _hyphenated_countries(self, i: int) -> int:
        tok = self.tokens[i]
        parts = tok.text.split("-")
        if len(parts) < 2 or not all(p.lower() in self.gaz.countries for p in parts):
            return i
        pos = tok.start
        for part in parts:
            name = self.gaz.countries[part.lower()]
            self.found.append(
                ActorMention(
                    part, pos, pos + len(part), "country", name, article_id=self.article_id
                )
            )
            pos += len(part) + 1
        return i + 1

    def _organisation(self, i: int) -> int:
        """``[Capitalised]* Head [of|for|on [the] Capitalised+]`` or an acronym."""
        tok = self.tokens[i]
        if _is_acronym(tok.text) and tok.text.lower() not in self.gaz.countries:
            self._add([tok], "organisation", tok.text)
            return i + 1
        j = i
        head = -1
        while j < len(self.tokens) and self.tokens[j].capitalised and j - i < 6:
            if self.tokens[j].text in self.gaz.org_heads:
                head = j
            j += 1
        if head < 0:
            return i
        end = self._org_complement(head + 1)
        toks = self.tokens[i:end]
        if toks[0].text in ("The", "A", "An"):
            toks = toks[1:]
        if len(toks) == 1 and toks[0].text in ("News", "Times", "Post", "Party", "Office"):
            return i
        self._add(toks, "organisation", self._join(toks))
        return end

    def _org_complement(self, j: int) -> int:
        toks = self.tokens
        if j < len(toks) and toks[j].text in ("of", "for", "on"):
            k = j + 1
            if k < len(toks) and toks[k].text == "the":
                k += 1
            end = k
            while end < len(toks) and (
                toks[end].capitalised or (toks[end].text == "and" and _cap(toks, end + 1))
            ):
                end += 1
            if end > k and toks[end - 1].capitalised:
                return end
        return j

    # -- other capitalised runs: people and unnamed places -----------------------------
    def _capitalised_run(self, i: int) -> int:
        if not self.tokens[i].capitalised:
            return i
        if self.tokens[i].text in self.gaz.not_name:
            return i + 1
        end = self._name_run(i)
        toks = self._strip_non_names(i, end)
        if not toks or any(t.text in self.gaz.org_heads for t in toks):
            return max(end, i + 1)
        before = self._word_before(toks[0].index)
        after = toks[-1].index + 1
        if before in ("the", "a", "an"):
            return end
        if before in _LOCATION_PREPOSITIONS and not self._acts(after):
            self._add(toks, "location", self._join(toks))
        elif len(toks) >= 2 and not any(t.text in self.gaz.not_name for t in toks):
            self._add(toks, "person", " ".join(t.text for t in toks))
        elif len(toks) == 1 and (self._acts(after) or self._coordinated(i, after)):
            self._add(toks, "person", toks[0].text)
        return end

    def _name_run(self, j: int) -> int:
        toks = self.tokens
        start = j
        while j < len(toks) and j - start < self.gaz.max_words + 1:
            if toks[j].capitalised and toks[j].text[0].isalpha():
                j += 1
            elif toks[j].text.lower() in self.gaz.particles and _cap(toks, j + 1) and j > start:
                j += 1
            else:
                break
        return j

    def _strip_non_names(self, i: int, end: int) -> list[_Token]:
        toks = [t for t in self.tokens[i:end]]
        while toks and (toks[0].text in self.gaz.not_name or self._is_sentence_opener(toks[0])):
            toks = toks[1:]
        while toks and toks[-1].text in self.gaz.not_name:
            toks = toks[:-1]
        if len(toks) > self.gaz.max_words:
            return []
        return toks

    def _is_sentence_opener(self, tok: _Token) -> bool:
        """A capitalised first word that is an ordinary word ("Describing", "Officially")."""
        first = tok is self.tokens[0] or self._word_before(tok.index) in (
            "\u201c",
            '"',
        )
        return first and tok.text.lower().endswith(("ing", "ly"))

    def _acts(self, j: int) -> bool:
        """True when the words after position ``j`` read as a verb of which it is the subject."""
        toks = self.tokens
        if j < len(toks) and toks[j].text in ("'s", "\u2019s"):
            return True
        modal = False
        while j < len(toks) and toks[j].text in _SUBJECT_GAP:
            modal = modal or toks[j].text in _MODALS
            j += 1
        if j >= len(toks):
            return False
        word = toks[j].text
        return word.islower() and (modal or word.endswith(_VERB_ENDINGS) or word in _SAID_LIKE)

    def _coordinated(self, i: int, after: int) -> bool:
        prev = self._word_before(i)
        nxt = self.tokens[after].text if after < len(self.tokens) else ""
        if prev == "and" and any(m.kind == "person" for m in self.found):
            return True  # "Putin and Pezeshkian"
        return (
            nxt == "and" and _cap(self.tokens, after + 1) and self._acts(self._name_run(after + 1))
        )

    def _word_before(self, i: int) -> str:
        return self.tokens[i - 1].text.lower() if i > 0 else ""

    def _join(self, toks: Sequence[_Token]) -> str:
        return self.text[toks[0].start : toks[-1].end]

    def _add(self, toks: Sequence[_Token], kind: str, name: str, **extra: str) -> None:
        text = self._join(toks)
        self.found.append(
            ActorMention(
                text, toks[0].start, toks[-1].end, kind, name, article_id=self.article_id, **extra
            )
        )


_SAID_LIKE = frozenset(
    "said says told tells spoke speaks met meets went came was is left took gave made held flew "
    "wrote won lost sent led ran".split()
)


def _cap(toks: Sequence[_Token], j: int) -> bool:
    return j < len(toks) and toks[j].capitalised


def _is_acronym(word: str) -> bool:
    core = word.replace(".", "")
    return 2 <= len(core) <= 6 and core.isalpha() and core.isupper()


# -- alias merging ---------------------------------------------------------------------


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@dataclass
class _Group:
    kind: str
    forms: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    titles: Counter[str] = field(default_factory=Counter)

    @property
    def canonical(self) -> str:
        return max(self.forms, key=lambda f: (len(f.split()), self.forms[f], -len(f)))

    @property
    def given(self) -> list[str]:
        return [_fold(w) for form in self.forms for w in form.split()[:-1]]

    @property
    def surname(self) -> str:
        return _fold(self.canonical.split()[-1])


class AliasTable:
    """Surface form -> canonical name, and the canonical :class:`Entity` list."""

    def __init__(self, groups: Iterable[_Group]) -> None:
        self._groups = [g for g in groups if g.forms]
        self._canonical: dict[tuple[str, str], str] = {}
        self._by_form: dict[str, str] = {}
        self._kinds = {g.canonical: g.kind for g in self._groups}
        for group in self._groups:
            for form in group.forms:
                self._canonical[(group.kind, form)] = group.canonical
                self._by_form.setdefault(form, group.canonical)

    def canonical(self, name: str, kind: str | None = None) -> str:
        """The canonical name for ``name`` (itself when unknown)."""
        if kind is not None and (kind, name) in self._canonical:
            return self._canonical[(kind, name)]
        return self._by_form.get(name, name)

    def kind(self, canonical: str) -> str | None:
        """person | country | organisation | location for a canonical name, else None."""
        return self._kinds.get(canonical)

    @property
    def mapping(self) -> dict[str, str]:
        return dict(self._by_form)

    def entities(self) -> list[Entity]:
        out = []
        for g in self._groups:
            title = g.titles.most_common(1)[0][0] if g.titles else None
            aliases = tuple(sorted(f for f in g.forms if f != g.canonical))
            out.append(Entity(g.canonical, g.kind, aliases, title, sum(g.forms.values())))
        return sorted(out, key=lambda e: (-e.mentions, e.name))


def merge_aliases(mentions: Iterable[ActorMention]) -> AliasTable:
    """Group mentions naming one actor; see the module docstring for the rules."""
    by_kind: dict[str, list[ActorMention]] = defaultdict(list)
    for m in mentions:
        by_kind[m.kind].append(m)
    groups: list[_Group] = []
    groups += _merge_people(by_kind.pop("person", []))
    groups += _merge_organisations(by_kind.pop("organisation", []))
    for kind, items in by_kind.items():
        groups += _exact_groups(kind, items)
    return AliasTable(groups)


def _exact_groups(kind: str, items: Sequence[ActorMention]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for m in items:
        g = groups.setdefault(m.name, _Group(kind))
        g.forms[m.name] += 1
        g.articles.add(m.article_id)
    return list(groups.values())


def _merge_organisations(items: Sequence[ActorMention]) -> list[_Group]:
    groups: list[_Group] = []
    for form, count, articles, _ in _tally(items):
        match = next((g for g in groups if _same_org(g.canonical, form)), None)
        group = match or _Group("organisation")
        if match is None:
            groups.append(group)
        group.forms[form] += count
        group.articles |= articles
    return groups


def _same_org(a: str, b: str) -> bool:
    if a.split()[-1].lower() != b.split()[-1].lower():
        return False
    return fuzz.token_set_ratio(a, b, processor=_fold) >= ORG_RATIO


def _tally(items: Sequence[ActorMention]) -> list[tuple[str, int, set[str], Counter[str]]]:
    counts: Counter[str] = Counter(m.name for m in items)
    articles: dict[str, set[str]] = defaultdict(set)
    titles: dict[str, Counter[str]] = defaultdict(Counter)
    for m in items:
        articles[m.name].add(m.article_id)
        if m.title:
            titles[m.name][m.title] += 1
    order = sorted(counts, key=lambda f: (-len(f.split()), -counts[f], f))
    return [(f, counts[f], articles[f], titles[f]) for f in order]


def _merge_people(items: Sequence[ActorMention]) -> list[_Group]:
    full: list[_Group] = []
    single: list[_Group] = []
    for form, count, articles, titles in _tally(items):
        group = _place_person(form, articles, full, single)
        group.forms[form] += count
        group.articles |= articles
        group.titles.update(titles)
    return full + single


def _place_person(
    form: str, articles: set[str], full: list[_Group], single: list[_Group]
) -> _Group:
    words = [_fold(w) for w in form.split()]
    surname, given = words[-1], words[:-1]
    if given:
        match = _best(full, surname, given, articles)
        if match is None:
            match = _Group("person")
            full.append(match)
        return match
    match = _best(full, surname, [], articles) or _best(single, surname, [], articles)
    if match is None:
        match = _Group("person")
        single.append(match)
    return match


def _best(
    groups: Sequence[_Group], surname: str, given: list[str], articles: set[str]
) -> _Group | None:
    """The one group this name belongs to, or None when there is none or it is ambiguous."""
    exact = [g for g in groups if g.surname == surname and _given_ok(g.given, given, True)]
    candidates = exact or [
        g for g in groups if _surname_close(g.surname, surname) and _given_ok(g.given, given, False)
    ]
    if len(candidates) > 1:
        local = [g for g in candidates if g.articles & articles]
        candidates = local if local else candidates
    return candidates[0] if len(candidates) == 1 else None


def _surname_close(a: str, b: str) -> bool:
    return min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= SURNAME_RATIO


def _given_ok(have: list[str], new: list[str], surname_exact: bool) -> bool:
    if not new:
        return True  # a surname alone: joins a full name
    if not have:
        return True
    return any(_given_pair(a, b) for a in have for b in new)


def _given_pair(a: str, b: str) -> bool:
    a, b = a.rstrip("."), b.rstrip(".")
    if a == b:
        return True
    if a[:1] != b[:1]:
        return False
    if len(a) == 1 or len(b) == 1:
        return True  # an initial
    return fuzz.ratio(a, b) >= GIVEN_RATIO
