"""Timeline: the story at a glance (labelled chart, the picked event beside it) and as a list."""

import streamlit as st

from timeline import charts, export, ui
from timeline.frames import SALIENCE

SALIENT = 25  # events on the first view when the store scores salience
STORY_LIMIT = 300  # entries written on the page; the download has every event

st.set_page_config(page_title="Timeline · News Timeline", layout="wide")
st.title("Timeline")
store = ui.app_store()
if not ui.count_events(store):
    st.info("No events yet. Add articles on the Home page (paste, upload or a URL).")
    st.stop()

filters = ui.sidebar_filters(ui.filter_options(store))
group_by = ui.url_choice("Lanes", list(charts.GROUPINGS), key="lanes", param="lanes",
                         names=charts.GROUPINGS)  # fmt: skip
show_published = ui.url_toggle("Show publish dates", key="show_published", param="published")
show_all = ui.url_toggle("Show all events", key="show_all", param="all")
picked = ui.pick_events(
    store, filters, show_all=show_all, salient=SALIENT,
    view_widget=lambda first: ui.url_range("Chart shows", first, key="view", param="view"),
)  # fmt: skip
if not picked.matching:
    st.info("No events match these filters. Widen the date range or clear a filter in the sidebar.")
    st.stop()
events, articles, view, scope = picked.events, picked.articles, picked.view, picked.scope
agreements = ui.load_agreements(store) if group_by == "agreement" else None
if SALIENCE not in events.columns and not show_all:
    scope += " (this store has no salience scores, so every event is shown)"
st.caption(
    f"Showing {scope}. Drag to move in time, scroll or use 1M / 6M / 1Y / All to zoom; "
    "click an event to read it."
)

chart_tab, story_tab = st.tabs(["Chart", "Story"])
with chart_tab:
    st.caption(
        "● on that day · shaded bar: sometime in that month, quarter or year · "
        "◀ ▶ before or after that date · ◇ no date, shown at the publish date. "
        "Blue: happened; orange, hollow: planned; pink, hollow: possible."
    )
    left, right = st.columns([3, 1])
    figure = charts.timeline_figure(
        events,
        group_by=group_by,
        show_published=show_published,
        articles_df=articles,
        agreements_df=agreements,
        view=view,
        density=picked.density,
    )
    with left:
        # theme=None: the figure carries its own template and colours; with Streamlit's
        # theme the chart component's two draws of a 10,000-event figure took twice as long.
        selection = st.plotly_chart(figure, key="timeline_chart", on_select="rerun", theme=None,
                                    config={"scrollZoom": True, "displaylogo": False})  # fmt: skip
    if picked.density is not None:  # a box dragged over a big store's chart reads that stretch
        ui.zoom_to(ui.selected_box(selection), view)
    with right:
        drawn = set(events["id"])  # a selection kept from an earlier chart may name others
        chosen = [i for i in ui.selected_event_ids(selection) if i in drawn]
        if not chosen:
            st.info("Click an event on the chart to read its sentence, its date and its source.")
        for n, event_id in enumerate(chosen[:3]):
            with st.container(border=True, key=f"event_detail_{n}" if n else "event_detail"):
                ui.show_event_detail(store, events.loc[events["id"] == event_id].iloc[0], articles)
    ui.download_buttons(
        "timeline_download", figure=figure, events=events, articles=articles, name="timeline"
    )
with story_tab:
    st.download_button(
        "Download the story (HTML)",
        data=lambda: export.story_page(events, articles, title="News Timeline").encode("utf-8"),
        file_name="timeline-story.html", mime="text/html", key="story_download",
        on_click="ignore",
    )  # fmt: skip
    if len(events) > STORY_LIMIT:
        st.caption(f"The first {STORY_LIMIT} of {len(events)} events; the download has them all.")
    st.html(export.story_html(events, articles, limit=STORY_LIMIT))
