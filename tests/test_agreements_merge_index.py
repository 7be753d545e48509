"""merge_agreements compares only groups sharing a name word or a party: same groups as
comparing every pair, on generated reports that collide often."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.merge import merge_agreements
from timeline.merge.agreements import _combined, _same
from timeline.models import Agreement, AgreementStage

WORDS = ["trade", "strategic", "partnership", "treaty", "energy", "gas", "deal", "pact"]
PARTIES = ["Russia", "Iran", "China", "India"]
KINDS = ["treaty", "agreement", "accord", "deal", "memorandum"]


def pairwise(agreements: Iterable[Agreement]) -> list[Agreement]:
    """The reference: each report against every earlier group, in order."""
    groups: list[list[Agreement]] = []
    for agreement in agreements:
        group = next((g for g in groups if _same(_combined(g), agreement)), None)
        if group is None:
            groups.append([agreement])
        else:
            group.append(agreement)
    return [_combined(g) for g in groups]


@st.composite
def agreements(draw: st.DrawFn) -> list[Agreement]:
    count = draw(st.integers(0, 25))
    made = []
    for i in range(count):
        signed = draw(st.none() | st.integers(0, 3))
        stages = ()
        if signed is not None:
            day = dt.date(2025, 1, 1) + dt.timedelta(days=30 * signed)
            stages = (AgreementStage("signed", day.isoformat(), day, day),)
        made.append(
            Agreement(
                id=f"g{i}",
                article_id=f"a{i}",
                name=" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=5))),
                kind=draw(st.sampled_from(KINDS)),
                parties=tuple(draw(st.lists(st.sampled_from(PARTIES), max_size=2, unique=True))),
                duration=draw(st.sampled_from([None, "P20Y", "P5Y"])),
                stages=stages,
            )
        )
    return made


@settings(max_examples=300, deadline=None)
@given(agreements())
def test_indexed_merge_equals_pairwise(reports: list[Agreement]) -> None:
    assert merge_agreements(reports) == pairwise(reports)
