"""Actor recognition: a left-to-right scan of each sentence's tokens for people introduced
by a title, countries, demonyms, capitals, organisations and other capitalised names."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.entities.gazetteer import _MONTHS, ActorMention, _gazetteer, _Token, _tokenise
from timeline.entities.names import bound_by_names
from timeline.language import Sentence
from timeline.sentences import Span
from timeline.temporal.words import load_words

_SUBJECT_GAP = frozenset(
    "also has had have will would could may might then later again reportedly".split()
)
_VERB_ENDINGS = ("ed", "es")
_MODALS = frozenset("will would could may might".split())
_LOCATION_PREPOSITIONS = frozenset("in at near outside inside".split())


def find_actors(text: str, spans: Sequence[Span], *, article_id: str = "") -> list[ActorMention]:
    """Find actor mentions in each sentence span of ``text`` (offsets into ``text``).

    When the spans are the language layer's sentences, its names bound the actors: a
    mention inside a longer name becomes that name ("Motors" in "General Motors",
    "Abdel Fattah" in "Abdel Fattah el-Sisi"), and one holding several names is split
    into them ("Bank of America CEO Brian Moynihan and ... Svenja Schulze")."""
    mentions: list[ActorMention] = []
    for span in spans:
        mentions.extend(_SentenceScanner(text, _tokenise(span.text, span.start), article_id).scan())
    doc = spans[0].doc if spans and isinstance(spans[0], Sentence) else None
    if doc is None:
        return mentions
    nouns = {t.start for t in doc.tokens if t.pos == "NOUN"}
    return bound_by_names(text, mentions, doc.names, article_id, nouns)


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
        word = tok.text.lower()
        if (
            _is_acronym(tok.text)
            and word not in self.gaz.countries
            and word not in self.gaz.capitals
        ):
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
            if k < len(toks) and toks[k].text in _CALENDAR:
                return j  # "the State Duma on Tuesday"
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


_CALENDAR = _MONTHS | frozenset(w.capitalize() for w in load_words("en").weekdays)


def _cap(toks: Sequence[_Token], j: int) -> bool:
    return j < len(toks) and toks[j].capitalised


def _is_acronym(word: str) -> bool:
    core = word.replace(".", "")
    return 2 <= len(core) <= 6 and core.isalpha() and core.isupper()
