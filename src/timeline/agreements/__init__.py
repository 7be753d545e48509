"""Agreements in an article: name, kind, parties, duration, dated stages, areas.

Mentions are the nouns treaty, agreement, memorandum (of understanding), MoU,
accord, pact, deal, contract, loan, credit line and financing, read as nouns only (not
"a great deal of", "to deal with", "in agreement with", "to provide financing"), and
"agreed to cooperate / to deepen cooperation in ..." told by its verb. A loan that is
the subject of another mention ("an MoU on a $500 million loan") is part of it; a
headline's mentions count only when the story below mentions no agreement.

Within one article a definite mention ("the treaty", "the comprehensive agreement",
"the contract") refers to the latest agreement sharing its topic words ("the strategic
cooperation agreement": the cooperation agreed earlier), else whose topic words do not
conflict; an indefinite one of another kind or topic ("a trade
deal" beside "a defence pact") starts a new agreement.

Stages: each stage verb (proposed, signed, ratified, in force) takes the DATE time
expression nearest to it among those nearer to it than to any other stage verb, so
"signed ... in April, originally inked in January" gives two ``signed`` stages,
2025-04 and 2025-01, as the text says them (the earlier one is the original inking).
A stage whose verb is modal or future ("will sign") has status ``planned``.

Parties are the country and organisation entities named in the agreement's clauses
(or, when these name none, in the sentence before: "The two countries signed ...");
a person counts through a country named in their title ("Russian President" ->
Russia); people are parties only when no country or organisation is named. Without
entities, countries and demonyms are found with the countryinfo dataset.

Areas come from the taxonomy (a TOML data file, :func:`load_taxonomy`); provisions
are the phrases after a provision cue ("provisions ... focus on", "envisages",
"provides for", "commits ... to", "includes") split at coordination. A provision that
names no area is not reported, since areas carry the provisions.

Modules: ``taxonomy`` (the area data file), ``areas`` (areas and provisions), ``mentions``
(mentions and coreference), ``stages`` (stages and duration), ``parties`` (parties and
name) and ``recognition`` (:func:`find_agreements`). One agreement across articles:
:func:`timeline.merge.merge_agreements`.
"""

from timeline.agreements.areas import classify_areas
from timeline.agreements.recognition import find_agreements
from timeline.agreements.taxonomy import Taxonomy, load_taxonomy

__all__ = ["Taxonomy", "classify_areas", "find_agreements", "load_taxonomy"]
