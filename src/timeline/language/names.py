"""Names: runs of proper nouns, joined by connectors ("Bank of America", "Abdel Fattah
el-Sisi", "Procter & Gamble"), with job titles kept apart ("Development Minister Svenja
Schulze" -> title "Development Minister" + person "Svenja Schulze"; "Bank of America
CEO Brian Moynihan" -> organisation "Bank of America", title "CEO", person "Brian
Moynihan"). Kinds come from the gazetteer (``places``), organisation words and titles;
a name nothing classifies is "other". Title words, modifiers and connectors are data
(``data/english.json``). A name is always a whole number of tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from timeline.language.lexicon import English, english
from timeline.language.places import Places, places

_PART_POS = frozenset({"PROPN", "NOUN", "ADJ"})  # the only tags a part of a name has
_GLUE_MAX = 2  # connector tokens between two parts of a name: "el -", "of the"?


class Found(NamedTuple):
    """A name as token indices into the sentence: [first, last); title likewise or None."""

    first: int
    last: int
    kind: str
    form: str  # name | demonym | code | capital
    title: tuple[int, int] | None


class _Sentence:
    """One sentence's words, offsets and UPOS tags, scanned left to right."""

    def __init__(self, words, starts, ends, upos) -> None:
        self.words: Sequence[str] = words
        self.starts: Sequence[int] = starts
        self.ends: Sequence[int] = ends
        self.upos: Sequence[str] = upos
        self.lower: list[str] = [w.lower() for w in words]
        self.lex: English = english()
        self.places: Places = places()
        self.found: list[Found] = []

    def part(self, j: int) -> bool:
        """A word that can be part of a name: a proper noun, or a capitalised noun or
        adjective inside the sentence ("General Motors", "Russian")."""
        if j >= len(self.words):
            return False
        pos = self.upos[j]
        word = self.words[j]
        if word.isalpha() and word.islower():
            return False  # "US carmaker General Motors": a description, not the name
        if self.ampersand_next(j):
            return True  # "AT&T": the tagger reads "AT" as the preposition
        if pos == "PROPN":
            return word[:1].isalnum()
        if pos not in ("NOUN", "ADJ") or not word[:1].isupper() or not word.isalpha():
            return False
        # A sentence's first word is capitalised anyway: a name only before a proper noun
        # ("General Motors"), or an organisation word before a connector and one ("Bank
        # of America", not "Shares of Apple").
        if j > 0 or (len(self.upos) > 1 and self.upos[1] == "PROPN"):
            return True
        if word.lower() in self.places.demonyms or word.lower() in self.places.countries:
            return True  # "American forces killed ..."
        return self.has_organisation_word(0, 1) and self.glue(1) > 0

    def ampersand_next(self, j: int) -> bool:
        """True for a word in capitals written against an "&" ("AT&T", "S&P")."""
        word = self.words[j]
        if not (word.isalpha() and word.isupper()) or j + 2 >= len(self.words):
            return False
        return self.words[j + 1] == "&" and self.starts[j + 1] == self.ends[j]

    def glue(self, j: int) -> int:
        """Number of connector tokens at ``j`` that a further part follows, else 0."""
        if self.lower[j : j + 1] == ["and"]:
            return 1 if self.joins_by_and(j) else 0
        k = j
        while k < len(self.words) and k - j < _GLUE_MAX:
            word = self.words[k]
            if word in ("-", "\u2013"):  # attached: "el-Sisi", "North\u2013South"
                if self.starts[k] != self.ends[k - 1] or self.starts[k + 1 : k + 2] != [
                    self.ends[k]
                ]:
                    return 0
            elif word.lower() not in self.lex.name_connectors or word[:1].isupper():
                break
            k += 1
        return k - j if k > j and self.part(k) and not self.title_end_at(j) else 0

    def joins_by_and(self, j: int) -> bool:
        """True for an "and" inside one organisation's name: the part after it ends in
        an organisation word or a lower-case one ("U.S. Food and Drug Administration",
        "the Law and Justice party"); "Putin and Trump", "Iran and the Russian Federation"
        are two names, and so is a first name that is an organisation itself."""
        if j == 0 or not self.part(j - 1) or self.has_organisation_word(j - 1, j):
            return False
        if self.lower[j - 1] in self.places.countries or not self.part(j + 1):
            return False
        r = j + 1
        while self.part(r):
            r += 1
        after = self.words[r] if r < len(self.words) else ""
        lower_head = after.islower() and after.capitalize() in self.places.org_heads
        return self.has_organisation_word(j + 1, r) or lower_head

    def title_end_at(self, j: int) -> bool:
        """True when "of" at ``j`` follows a title that does not go on with it: "President
        of Russia" is a title and a country, "Secretary of State" one title."""
        return (
            j > 0
            and self.words[j].lower() == "of"
            and self.words[j - 1].lower() in self.lex.title_heads
            and self.title_at(j - 1) <= 1
        )

    def title_at(self, j: int) -> int:
        """Length of the longest title phrase starting at ``j``, 0 if none."""
        heads = self.lex.title_heads.get(self.lower[j])
        if not heads:
            return 0
        window = tuple(self.lower[j : j + 4])
        return next((len(t) for t in heads if window[: len(t)] == t), 0)

    def scan(self) -> list[Found]:
        j = 0
        n = len(self.words)
        # What no part can be (a lower-case word, a verb, a determiner...), in one pass:
        # most words of a sentence, skipped without a call of ``part``.
        maybe = [
            p in _PART_POS and not (w.islower() and w.isalpha())
            for w, p in zip(self.words, self.upos, strict=True)
        ]
        for k in range(1, n):
            if self.words[k] == "&" and self.ampersand_next(k - 1):
                maybe[k - 1] = True  # "AT&T"
        while j < n:
            if not maybe[j] or not self.part(j):
                j += 1
                continue
            end = j + 1
            while True:
                if self.part(end):
                    end += 1
                    continue
                gap = self.glue(end)
                if not gap:
                    break
                end += gap
            while self.words[j].lower() in self.lex.actor_descriptions and self.part(j + 1):
                j += 1  # "Carmaker General Motors" opening a sentence: General Motors
            title = None if self.has_organisation_word(j, end) else self.title_before(j)
            self.run(j, end, title)
            j = end
        return self.found

    def title_before(self, j: int) -> tuple[int, int] | None:
        """A lower-case title right before a name: "development minister Svenja Schulze"."""
        size = self.title_ending_at(j, 0)
        return (self.modifiers_before(j - size), j) if size else None

    def title_ending_at(self, j: int, floor: int) -> int:
        """Length of the longest title phrase that ends right before ``j`` and starts at
        ``floor`` or after ("Secretary - General" before "Antonio Guterres"), else 0."""
        heads, lower = self.lex.title_heads, self.lower
        for size in range(min(4, j - floor), 0, -1):
            titles = heads.get(lower[j - size])
            if titles and tuple(lower[j - size : j]) in titles:
                return size
        return 0

    def modifiers_before(self, j: int, floor: int = 0) -> int:
        """Start of the title words before ``j``: modifiers ("Foreign", "Deputy") and
        other titles ("Emir Sheikh")."""
        lex = self.lex
        while j > floor:
            word = self.lower[j - 1]
            if word not in lex.title_modifiers and (word,) not in lex.title_heads.get(word, ()):
                break
            j -= 1
        return j

    def run(self, first: int, last: int, title: tuple[int, int] | None) -> None:
        """Split the run [first, last) at its last title that a name follows."""
        for tail in range(last - 1, first, -1):
            size = self.title_ending_at(tail, first)
            j = tail - size
            if size and self.part(tail):
                if self.has_organisation_word(tail, last):
                    break  # "General Motors": a company, not a general
                start = self.modifiers_before(j, first)
                if start == first:  # "Development Minister" opening a sentence
                    start = self.modifiers_before(first, self.floor())
                elif start > first:
                    self.run(first, start, None)
                self.add(tail, last, (start, tail))
                return
        self.add(first, last, title)

    def floor(self) -> int:
        return self.found[-1].last if self.found else 0

    def has_organisation_word(self, first: int, last: int) -> bool:
        words = self.words[first:last]
        return any(w in self.lex.organisation_words or w in self.places.org_heads for w in words)

    def add(self, first: int, last: int, title: tuple[int, int] | None) -> None:
        while last > first and not self.part(last - 1):
            last -= 1
        if last - first == 1 and self.words[first].lower() in self.lex.calendar_names:
            return  # "on Monday", "in May"
        size = self.title_ending_at(last, first)
        if size and self.modifiers_before(last - size, first) == first:
            return  # a title alone: "the Secretary of State", "President"
        if last > first:
            kind, form = self.kind(first, last, title)
            self.found.append(Found(first, last, kind, form, title))

    def kind(self, first: int, last: int, title) -> tuple[str, str]:
        key = " ".join(self.words[first:last]).lower()
        known = self.places
        if key in known.known_orgs:
            return "organisation", "name"
        if key in known.countries:
            return "country", "code" if self.words[first].isupper() else "name"
        if key in known.demonyms:
            return "country", "demonym"
        if key in known.capitals:
            return "location", "capital"
        if self.has_organisation_word(first, last):
            return "organisation", "name"
        if title is not None or self.title_follows(last):
            return "person", "name"
        return "other", "name"

    def title_follows(self, j: int) -> bool:
        """A title in apposition: "Vladimir Putin, President of Russia,"."""
        if j + 1 >= len(self.words) or self.words[j] != ",":
            return False
        j += 1
        while j < len(self.words) and self.words[j].lower() in self.lex.title_modifiers:
            j += 1
        return j < len(self.words) and self.title_at(j) > 0


def find_names(words, starts, ends, upos) -> list[Found]:
    """Names in one sentence given its words, their offsets and UPOS tags."""
    return _Sentence(words, starts, ends, upos).scan()
