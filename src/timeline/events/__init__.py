"""Events: every happening or changing state a sentence tells, dated by the clause that
governs it.

Mentions (``mentions``) stand on the language layer's tokens, part of speech and lemmas
(``tokens``): every verb that is not an auxiliary or a modal, and every event noun of
``data/event_lexicon.json`` or nominalisation of a verb ("repatriation", "approval"),
never a word inside a name or a time expression. Each has its lemma, TimeML class,
type (with its CAMEO code), polarity, modality cue and tense (``lexicon``). The
timeline's events (``folding``) are the mentions less a light verb folded into its
noun ("held talks"), a noun repeating its verb's type ("signed the deal") or naming
its verb's subject, and a headline; ``find_events(..., every_mention=True)`` keeps
them all, as a TimeML annotator marks them (benchmarks/events_timeml.py).

Status (modality): planned after "will", a plan cue or as a to-infinitive, possible
after "may" and its kin, reported when a reporting verb of the sentence tells it,
happened otherwise. Dating (``dating``): own clause's expression, then the event it is
anchored on ("a day before the announcement", ``relative``), the sentence's time, the
report's, the narrative's, the publish date; the anchor is an :class:`~timeline.models.
Anchor` (kind, expression text or event id). Titles (``titles``) say who did what from
the clause; salience (``salience``) orders events for the dashboard.

Confidence (0..1) = 0.55 for a verb (0.4 for a noun) + 0.15 with a named actor + 0.15
when an expression or an event dates it (0.1 for any other date) - 0.1 when the
actor came from a pronoun.

Modules: ``tokens``, ``lexicon``, ``mentions``, ``folding``, ``dating``, ``relative``,
``titles``, ``salience`` and ``builder`` (:func:`find_events`, :func:`event_id`). Merging
reports into happenings is :mod:`timeline.merge`.

The event model reads :data:`LANGUAGE` (English); for another language the pipeline
makes one event per dated sentence (``dated_sentences``).
"""

from timeline.events.builder import event_id, find_events
from timeline.events.dated_sentences import dated_sentences

#: The language the event model reads; other languages get one event per dated sentence.
LANGUAGE = "en"

__all__ = ["LANGUAGE", "dated_sentences", "event_id", "find_events"]
