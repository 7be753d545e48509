"""Chart builders, checked on the figure objects (never whole-figure JSON snapshots)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from timeline.charts import (
    FULL_HOVER_MAX,
    OKABE_ITO,
    WEBGL_FROM,
    area_bar_figure,
    area_matrix_figure,
    area_sunburst_figure,
    empty_figure,
    escape_text,
    figure_summary,
    timeline_data,
    timeline_figure,
)
from timeline.charts.stacking import focus_range, label_extent, short_label, stack_rows

PUBLISHED = dt.date(2025, 4, 29)
EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)> & co"


def make_event(event_id: str, **fields: object) -> dict[str, object]:
    row: dict[str, object] = {
        "id": event_id,
        "article_id": "a1",
        "type": "statement",
        "cameo": "010",
        "title": f"event {event_id}",
        "sentence": f"Sentence of {event_id}.",
        "actors": ["Russia"],
        "actors_text": "Russia",
        "location": None,
        "time_text": "on 29 April",
        "value": "2025-04-29",
        "earliest": dt.date(2025, 4, 29),
        "latest": dt.date(2025, 4, 29),
        "granularity": "day",
        "anchor": "dct",
        "status": "happened",
        "confidence": 0.9,
        "sources": ["a1"],
    }
    row.update(fields)
    return row


MONTH = {
    "time_text": "In April",
    "value": "2025-04",
    "earliest": dt.date(2025, 4, 1),
    "latest": dt.date(2025, 4, 30),
    "granularity": "month",
}


@pytest.fixture
def articles() -> pd.DataFrame:
    return pd.DataFrame(
        [{"id": "a1", "title": "Iran and Russia", "published": PUBLISHED, "source": "x"}]
    )


def trace_named(fig, name):
    matches = [t for t in fig.data if t.name == name]
    assert len(matches) == 1, [t.name for t in fig.data]
    return matches[0]


def test_day_event_is_a_single_marker():
    fig = timeline_figure(pd.DataFrame([make_event("e1")]))
    trace = trace_named(fig, "happened · on that day")
    assert trace.type == "scatter"  # SVG: a small figure needs no WebGL context
    assert trace.mode == "markers+text"  # the title is written beside the mark
    assert list(trace.text) == ["event e1"]
    assert list(trace.x) == ["2025-04-29"]
    assert list(trace.customdata) == ["e1"]


def test_month_event_spans_its_month():
    fig = timeline_figure(pd.DataFrame([make_event("e1", **MONTH)]))
    band = trace_named(fig, "happened · sometime in the span")
    assert band.type == "scatter"
    assert band.mode == "lines"
    assert band.line.color.startswith("rgba(")  # see-through: "sometime in", not a duration
    label = trace_named(fig, "happened · span titles")  # the title at the span's start
    assert (list(label.text), list(label.x), label.mode) == (["event e1"], ["2025-04-01"], "text")
    assert list(band.x) == ["2025-04-01", "2025-04-30", None]
    assert band.y[0] == band.y[1]
    assert list(band.customdata) == ["e1", "e1", ""]


def test_year_band_and_quarter_band_cover_their_intervals():
    rows = [
        make_event(
            "y", value="2024", earliest="2024-01-01", latest="2024-12-31", granularity="year"
        ),
        make_event(
            "q", value="2024-Q3", earliest="2024-07-01", latest="2024-09-30", granularity="quarter"
        ),
    ]
    band = trace_named(timeline_figure(pd.DataFrame(rows)), "happened · sometime in the span")
    segments = {tuple(band.x[i : i + 2]) for i in range(0, len(band.x), 3)}
    assert segments == {("2024-01-01", "2024-12-31"), ("2024-07-01", "2024-09-30")}


def test_planned_events_look_different_from_happened_ones():
    rows = [make_event("done"), make_event("plan", status="planned")]
    fig = timeline_figure(pd.DataFrame(rows))
    happened = trace_named(fig, "happened · on that day")
    planned = trace_named(fig, "planned · on that day")
    assert happened.marker.symbol == "circle"
    assert planned.marker.symbol == "circle-open"
    assert happened.marker.color != planned.marker.color
    assert planned.marker.opacity < happened.marker.opacity


def test_vague_values_are_drawn_as_approximate_or_open_ended(articles):
    rows = [
        make_event(
            "vague-band",
            value="PAST_REF",
            granularity="vague",
            earliest="2020-01-01",
            latest="2025-04-29",
        ),
        make_event(
            "undated",
            value="FUTURE_REF",
            granularity="vague",
            earliest=None,
            latest=None,
            status="possible",
        ),
    ]
    fig = timeline_figure(pd.DataFrame(rows), articles_df=articles)
    approx = trace_named(fig, "happened · roughly in the span")
    assert approx.line.color.endswith("0.2)")  # paler than a known period
    open_ended = trace_named(fig, "possible · date unknown (at publish date)")
    assert open_ended.marker.symbol == "diamond-open"
    assert list(open_ended.x) == ["2025-04-29"]  # placed at the publish date


def test_undated_event_without_publish_date_is_counted_not_invented():
    rows = [
        make_event("e1"),
        make_event("e2", value=None, earliest=None, latest=None, granularity="unknown"),
    ]
    fig = timeline_figure(pd.DataFrame(rows))
    assert sum(t["points"] for t in figure_summary(fig)["traces"]) == 1
    assert "1 undated event not drawn" in fig.layout.title.text


def test_event_with_two_actors_is_one_mark_with_both_actors_listed():
    frame = pd.DataFrame([make_event("e1", actors=["Iran", "Russia"])])
    for group_by in ("none", "actor"):
        trace = trace_named(timeline_figure(frame, group_by=group_by), "happened · on that day")
        assert list(trace.customdata) == ["e1"]
        assert "Who: Iran, Russia" in trace.hovertext[0]
    lanes = timeline_figure(frame, group_by="actor")
    assert list(lanes.layout.yaxis.ticktext) == ["Iran"]  # in its first actor's lane


@pytest.mark.parametrize(
    ("group_by", "expected_lanes", "axis_title"),
    [
        ("type", {"statement", "visit"}, "Event type"),
        ("article", {"Iran and Russia"}, "Article"),
        ("actor", {"Russia"}, "Actor"),
        ("agreement", {"(no agreement)"}, "Agreement"),
    ],
)
def test_swimlanes_follow_the_chosen_grouping(group_by, expected_lanes, axis_title, articles):
    rows = [make_event("e1"), make_event("e2", type="visit")]
    fig = timeline_figure(pd.DataFrame(rows), group_by=group_by, articles_df=articles)
    assert set(fig.layout.yaxis.ticktext) == expected_lanes
    assert fig.layout.yaxis.title.text == axis_title


def test_agreement_lanes_come_from_the_articles_agreements():
    rows = [make_event("e1"), make_event("e2", article_id="a2")]
    agreements = pd.DataFrame(
        [
            {"agreement_id": "g1", "article_id": "a1", "agreement": "Treaty", "area": "energy"},
            {"agreement_id": "g1", "article_id": "a1", "agreement": "Treaty", "area": "defense"},
            {"agreement_id": "g2", "article_id": "a1", "agreement": "Deal", "area": None},
        ]
    )
    fig = timeline_figure(pd.DataFrame(rows), group_by="agreement", agreements_df=agreements)
    assert set(fig.layout.yaxis.ticktext) == {"Deal", "(no agreement)"}
    trace = trace_named(fig, "happened · on that day")
    assert sorted(trace.customdata) == ["e1", "e2"]


def test_unknown_grouping_names_the_valid_ones():
    with pytest.raises(ValueError, match="valid: none, actor, type, article, agreement"):
        timeline_figure(pd.DataFrame([make_event("e1")]), group_by="colour")


def test_publish_markers_are_optional(articles):
    frame = pd.DataFrame([make_event("e1")])
    without = timeline_figure(frame, articles_df=articles)
    with_markers = timeline_figure(frame, articles_df=articles, show_published=True)
    assert "article published" not in [t.name for t in without.data]
    marker = trace_named(with_markers, "article published")
    assert list(marker.x) == ["2025-04-29"]
    assert with_markers.layout.yaxis.ticktext[-1] == "published"


def test_hover_has_title_date_in_words_actors_sentence_and_source(articles):
    fig = timeline_figure(pd.DataFrame([make_event("e1", **MONTH)]), articles_df=articles)
    band = trace_named(fig, "happened · sometime in the span")
    hover = band.hovertext[0]
    assert band.hovertext[1] == hover  # the span's end says the same
    assert "<b>event e1</b>" in hover
    assert "When: April 2025 (as written: In April)" in hover
    assert "2025-04" not in hover  # no TIMEX code for readers
    assert "Who: Russia" in hover
    assert "Sentence of e1." in hover
    assert "<i>Iran and Russia</i>" in hover  # the source article by its title
    assert band.hovertemplate == "%{hovertext}<extra></extra>"


def test_article_text_is_escaped_in_hover_and_lanes():
    fig = timeline_figure(
        pd.DataFrame([make_event("e1", title=EVIL, sentence=EVIL, time_text=EVIL, actors=[EVIL])])
    )
    trace = trace_named(fig, "happened · on that day")
    for text in [trace.text[0], trace.hovertext[0]]:
        assert "<script" not in text
        assert "<img" not in text
    assert trace.hovertext[0].count("&lt;script&gt;") == 4  # title, written, actors, sentence
    assert "&amp; co" in trace.hovertext[0]
    lanes = timeline_figure(pd.DataFrame([make_event("e1", actors=[EVIL])]), group_by="actor")
    assert all("<script" not in tick for tick in lanes.layout.yaxis.ticktext)


def test_timeline_has_dates_on_top_range_buttons_legend_and_safe_palette():
    summary = figure_summary(timeline_figure(pd.DataFrame([make_event("e1", **MONTH)])))
    assert summary["x_title"] == "Date"
    assert summary["y_title"] is None  # no lanes by default
    assert summary["showlegend"] is True
    fig = timeline_figure(pd.DataFrame([make_event("e1")]), group_by="actor")
    assert fig.layout.yaxis.title.text == "Actor"
    assert fig.layout.xaxis.side == "top"  # the dates show without scrolling
    assert fig.layout.xaxis.rangeslider.visible is False
    labels = [b.label for b in fig.layout.xaxis.rangeselector.buttons]
    assert labels == ["1M", "6M", "1Y", "All"]
    assert fig.data[0].marker.color in OKABE_ITO


def many_events(n: int) -> pd.DataFrame:
    """``n`` events: every other one a month band, three statuses, 40 actors."""
    statuses = ["happened", "planned", "possible"]
    rows = []
    for i in range(n):
        month = i % 12 + 1
        extra = MONTH if i % 2 else {}
        rows.append(make_event(f"e{i}", status=statuses[i % 3], actors=[f"actor{i % 40}"], **extra))
        if extra:
            rows[-1].update(earliest=dt.date(2024, month, 1), latest=dt.date(2024, month, 28))
    return pd.DataFrame(rows)


def test_many_events_make_few_traces_and_a_light_figure():
    n = 3000
    assert n > FULL_HOVER_MAX
    fig = timeline_figure(many_events(n))
    assert len(fig.data) == 6  # 3 statuses x (day, period)
    assert {t.type for t in fig.data} == {"scatter"}  # n + n / 2 marks < WEBGL_FROM
    assert sum(t["points"] for t in figure_summary(fig)["traces"]) == 1500 + 1500 * 2
    band = trace_named(fig, "planned · sometime in the span")
    assert band.mode == "lines"  # no labels: they would not fit, and cost a mark each
    assert list(band.x[:3]) == ["2024-02-01", "2024-02-28", None]  # still the interval
    point = trace_named(fig, "planned · on that day")
    assert point.marker.symbol == "circle-open"  # precision and status styles are kept
    assert fig.layout.xaxis.rangeslider.visible is False
    assert fig.layout.margin.autoexpand is False
    assert fig.layout.height <= 900
    assert "select one to read its sentence" in fig.layout.title.text


def test_light_hover_keeps_title_and_dates_but_not_the_sentence():
    frame = many_events(FULL_HOVER_MAX + 1)
    frame.loc[1, ["title", "sentence", "time_text"]] = [EVIL, "A long sentence.", EVIL]
    fig = timeline_figure(frame)
    band = trace_named(fig, "planned · sometime in the span")
    first = list(band.customdata).index("e1")
    hover = band.hovertext[first]
    assert "&lt;script&gt;" in hover
    assert "<script" not in hover
    assert hover.startswith(escape_text(EVIL, width=70))
    assert "1–28 February 2024" in hover
    assert "A long sentence." not in hover
    full = trace_named(
        timeline_figure(frame.iloc[:FULL_HOVER_MAX]), "planned · sometime in the span"
    )
    assert "A long sentence." in full.hovertext[list(full.customdata).index("e1")]


def test_very_many_marks_are_drawn_with_webgl():
    events = pd.DataFrame(
        [make_event(f"e{i}", actors=[f"actor{i % 40}"]) for i in range(WEBGL_FROM)]
    )
    fig = timeline_figure(events)
    assert [t.type for t in fig.data] == ["scattergl"]
    assert len(fig.data[0].x) == WEBGL_FROM


def test_timeline_data_lists_one_row_per_event():
    frame = pd.DataFrame([make_event("e1", actors=["Iran", "Russia"])])
    data = timeline_data(frame, group_by="actor")
    assert data[["id", "lane", "precision", "label"]].values.tolist() == [
        ["e1", "Iran", "day", "event e1"]
    ]


def test_no_events_gives_an_empty_state_message():
    fig = timeline_figure(pd.DataFrame([make_event("e1")]).iloc[0:0])
    assert fig.data == ()
    assert "Add articles" in fig.layout.annotations[0].text


def test_empty_figure_escapes_its_message():
    fig = empty_figure("<b>nothing</b>")
    assert fig.layout.annotations[0].text == "&lt;b&gt;nothing&lt;/b&gt;"


@pytest.fixture
def agreements() -> pd.DataFrame:
    evidence = "The agreement covers defense, energy and finance."
    rows = [
        ("g1", "Strategic partnership", "energy", "oil and gas exploration", evidence),
        ("g1", "Strategic partnership", "energy", "peaceful nuclear energy", evidence),
        ("g1", "Strategic partnership", "defense", None, evidence),
        ("g1", "Strategic partnership", "finance", "payment systems", evidence),
        ("g2", EVIL, "energy", None, EVIL),
    ]
    return pd.DataFrame(
        rows, columns=["agreement_id", "agreement", "area", "provision", "evidence"]
    )


def test_sunburst_nests_agreement_area_provision(agreements):
    fig = area_sunburst_figure(agreements)
    trace = fig.data[0]
    assert trace.type == "sunburst"
    parents = dict(zip(trace.ids, trace.parents, strict=True))
    assert parents["a:g1"] == ""
    assert parents["a:g1/energy"] == "a:g1"
    assert parents["a:g1/energy/oil and gas exploration"] == "a:g1/energy"
    assert "a:g1/defense" in parents
    assert len(trace.ids) == 2 + 3 + 3 + 1  # roots, g1 areas, g1 provisions, g2 area


def test_sunburst_escapes_labels_and_evidence(agreements):
    trace = area_sunburst_figure(agreements).data[0]
    for text in list(trace.labels) + list(trace.customdata):
        assert "<script" not in text
        assert "<img" not in text


def test_area_bar_counts_agreements_per_area(agreements):
    fig = area_bar_figure(agreements)
    assert [t.type for t in fig.data] == ["bar", "bar"]
    first = trace_named(fig, "Strategic partnership")
    assert list(first.x) == ["energy", "defense", "finance"]
    assert list(first.y) == [1, 1, 1]
    assert list(
        trace_named(
            fig, "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt; &amp; co"
        ).y
    ) == [1, 0, 0]
    assert all("<script" not in t.name for t in fig.data)
    summary = figure_summary(fig)
    assert (summary["x_title"], summary["y_title"]) == ("Area", "Agreements covering the area")


def test_area_charts_have_an_empty_state():
    empty = pd.DataFrame(columns=["agreement_id", "agreement", "area", "provision", "evidence"])
    assert "No agreement areas" in area_sunburst_figure(empty).layout.annotations[0].text
    assert "No agreement areas" in area_bar_figure(empty).layout.annotations[0].text


def test_sunburst_colours_an_area_alike_in_every_agreement(agreements):
    everything = agreements["area"]
    one = area_sunburst_figure(agreements[agreements["agreement_id"] == "g1"], areas=everything)
    two = area_sunburst_figure(agreements[agreements["agreement_id"] == "g2"], areas=everything)
    colour = {
        fig_id: dict(zip(fig.data[0].ids, fig.data[0].marker.colors, strict=True))
        for fig_id, fig in (("one", one), ("two", two))
    }
    assert colour["one"]["a:g1/energy"] == colour["two"]["a:g2/energy"]
    assert colour["one"]["a:g1/energy/oil and gas exploration"] == colour["one"]["a:g1/energy"]
    areas = [colour["one"][f"a:g1/{a}"] for a in ("defense", "energy", "finance")]
    assert len(set(areas)) == 3
    assert set(areas) <= set(OKABE_ITO)


def test_area_bars_past_seven_agreements_are_hatched():
    rows = [(f"g{n}", f"Agreement {n:02d}", "energy", None, "e") for n in range(9)]
    frame = pd.DataFrame(
        rows, columns=["agreement_id", "agreement", "area", "provision", "evidence"]
    )
    fig = area_bar_figure(frame)
    styles = {(t.marker.color, t.marker.pattern.shape or "") for t in fig.data}
    assert len(styles) == 9  # no two agreements look the same
    assert {t.marker.color for t in fig.data} <= set(OKABE_ITO)


# --- stacking: rows that keep labels apart, and the first view -------------------------


def test_stack_rows_puts_each_item_in_the_first_free_row():
    #            a: 0-10   b: 5-8   c: 9-12   d: 11-20   e: 21-22
    starts, ends = [0, 5, 9, 11, 21], [10, 8, 12, 20, 22]
    assert stack_rows(starts, ends) == [0, 1, 1, 0, 0]


def test_stack_rows_never_lets_two_items_of_a_row_overlap():
    starts = [float(i % 17) * 3 for i in range(60)]
    ends = [s + 1 + (i % 5) * 4 for i, s in enumerate(starts)]
    rows = stack_rows(starts, ends)
    for i in range(60):
        for j in range(i + 1, 60):
            if rows[i] == rows[j]:
                assert ends[i] < starts[j] or ends[j] < starts[i], (i, j)


def test_stack_rows_rejects_unequal_lengths():
    with pytest.raises(ValueError, match="3 starts but 2 ends"):
        stack_rows([1, 2, 3], [1, 2])


def test_focus_range_frames_the_bulk_and_leaves_outliers_out():
    days = ["2021-11-01"] + [f"2025-04-{d:02d}" for d in range(1, 21)] + ["2030-12-31"]
    dates = pd.to_datetime(pd.Series(days))
    first, last = focus_range(dates, dates)
    assert pd.Timestamp("2025-03-15") < first < pd.Timestamp("2025-04-01")
    assert pd.Timestamp("2025-04-20") < last < pd.Timestamp("2025-05-10")


def test_label_extent_grows_with_the_label_and_the_view():
    month = pd.Timedelta(days=30)
    assert label_extent(10, month) < label_extent(20, month) < label_extent(20, 2 * month)
    assert short_label("Putin and Pezeshkian sign the comprehensive strategic partnership") == (
        "Putin and Pezeshkian sign the…"
    )
    assert short_label("Short") == "Short"


def test_every_event_has_a_label_and_close_labels_are_in_different_rows():
    rows = [make_event(f"e{i}", earliest=f"2025-04-{i + 1:02d}", latest=f"2025-04-{i + 1:02d}",
                       value=f"2025-04-{i + 1:02d}", title=f"A fairly long title number {i}")
            for i in range(12)]  # fmt: skip
    fig = timeline_figure(pd.DataFrame(rows))
    trace = trace_named(fig, "happened · on that day")
    assert list(trace.text) == [f"A fairly long title number {i}" for i in range(12)]
    # Days one apart with 28-character labels: no two neighbours share a row.
    y = list(trace.y)
    assert all(y[i] != y[i + 1] for i in range(11))
    assert fig.layout.yaxis.range[0] >= max(y)  # every row is in the first view


def test_area_matrix_has_a_dot_per_agreement_and_area_with_provisions_in_the_hover(agreements):
    fig = area_matrix_figure(agreements)
    (dots,) = fig.data
    cells = set(zip(dots.x, dots.y, strict=True))
    assert ("energy", "Strategic partnership") in cells
    assert ("defense", "Strategic partnership") in cells
    assert len(cells) == 4  # g1: energy, defense, finance; g2: energy
    energy = list(dots.customdata).index("g1|energy")
    assert "oil and gas exploration" in dots.hovertext[energy]
    assert "covers defense, energy and finance" in dots.hovertext[energy]
    assert dots.marker.size[energy] > dots.marker.size[list(dots.customdata).index("g1|defense")]
    assert list(fig.layout.xaxis.categoryarray)[0] == "energy"  # covered by most agreements
    for text in [*dots.y, *dots.hovertext]:
        assert "<script" not in text
