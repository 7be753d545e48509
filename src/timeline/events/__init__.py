"""Events: one per happening in a sentence, dated by the expression of its clause.

A trigger is a verb or noun from ``data/event_lexicon.json`` (type + CAMEO code).
Verbs count in their inflected forms ("signed", "traveled"); a bare form ("visit")
only after a modal, "to" or a pronoun, a "-s" form ("visits") only after a name or
pronoun, so nouns are not read as verbs. A noun trigger makes an event only next to a
light verb or a planning cue ("held talks", "plans for a trip"), and a definite noun
("the visit") that repeats an event already found in the article is left out.
Triggers inside quotation marks or under a negation ("has not issued") are skipped.

Date: the time expression nearest the trigger that is nearer to it than to any other
trigger of the sentence; failing that, one that opens the sentence ("In April, ...").
Reporting verbs with no date of their own are dated on the publish date.

Status: "possible" after a cue such as "possibility", "may", "speculation"; "planned"
after "will", "plans", "preparations", or when the date lies after the publish date.

Confidence (0..1) = 0.55 for a verb trigger (0.4 for a noun) + 0.15 with at least
one named actor + 0.15 when an expression dates it (0.1 for the publish date) + 0.05
for a visit with a destination - 0.1 when the actor came from a pronoun.

Modules: ``triggers`` (the lexicon and trigger finding), ``builder`` (:func:`find_events`,
:func:`event_id`) and ``merge`` (:func:`merge_events`).
"""

from timeline.events.builder import event_id, find_events
from timeline.events.merge import combine_events, is_same_happening, merge_events, without_source

__all__ = [
    "combine_events",
    "event_id",
    "find_events",
    "is_same_happening",
    "merge_events",
    "without_source",
]
