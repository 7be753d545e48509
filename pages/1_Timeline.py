"""Timeline: events in swimlanes; a day is a point, a month or year a band over its interval."""

import streamlit as st

from timeline import charts, ui

st.set_page_config(page_title="Timeline · News Timeline", layout="wide")
st.title("Timeline")
store = ui.app_store()
everything = ui.load_events(store)
articles = ui.load_articles(store)
agreements = ui.load_agreements(store)
if everything.empty:
    st.info("No events yet. Add articles on the Home page (paste, upload or a URL).")
    st.stop()

filters = ui.sidebar_filters(everything, articles, agreements)
group_by = ui.url_choice("Swimlanes by", list(charts.GROUPINGS), key="lanes", param="lanes")
show_published = ui.url_toggle("Show publish dates", key="show_published", param="published")
events = ui.load_events(store, filters)
st.caption(
    f"{len(events)} of {len(everything)} events. A dot is a day, a bar a month, quarter or year; "
    "dashed bars are approximate, open markers planned or possible. Drag to zoom."
)
if events.empty:
    st.info("No events match these filters. Widen the date range or clear a filter in the sidebar.")
    st.stop()

figure = charts.timeline_figure(
    events,
    group_by=group_by,
    show_published=show_published,
    articles_df=articles,
    agreements_df=agreements,
)
# theme=None: the figure carries its own template and colours; with Streamlit's theme
# the chart component's two draws of a 10,000-event figure took about twice as long.
selection = st.plotly_chart(figure, key="timeline_chart", on_select="rerun", theme=None)
ui.download_buttons("timeline_download", figure=figure, events=events, name="timeline")
chosen = ui.selected_event_ids(selection)
if not chosen:
    st.info("Click an event (or draw a box round several) to see its sentence and dating.")
for event_id in chosen[:5]:
    with st.container(border=True):
        ui.show_event_detail(store, events.loc[events["id"] == event_id].iloc[0])
