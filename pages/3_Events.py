"""Events: correct dates, types, actors and status; delete or merge; undo any correction."""

import streamlit as st

from timeline import ui
from timeline.models import EventStatus, EventType

st.set_page_config(page_title="Events · News Timeline", layout="wide")
st.title("Events")
store = ui.app_store()
events = ui.load_events(store)
if events.empty:
    st.info("No events yet. Add articles on the Home page (paste, upload or a URL).")
    st.stop()

st.caption(
    "Edit a cell, then save. Dates are TIMEX3 values: 2025-04-18 (day), 2025-04 (month), "
    "2025 (year) or PAST_REF / FUTURE_REF. Actors are separated by semicolons."
)
ui.download_buttons("events_download", events=events, name="events")
table = ui.editor_frame(events)
edited = st.data_editor(
    table,
    key=ui.editor_key(store),  # new after each save: the browser's edits start afresh
    hide_index=True,
    disabled=["title", "time_text", "sentence"],
    column_config={
        "type": st.column_config.SelectboxColumn("type", options=[str(t) for t in EventType]),
        "status": st.column_config.SelectboxColumn("status", options=[str(s) for s in EventStatus]),
        "value": st.column_config.TextColumn("date (TIMEX3)"),
        "time_text": st.column_config.TextColumn("as written"),
        "actors_text": st.column_config.TextColumn("actors"),
        "delete": st.column_config.CheckboxColumn("delete"),
    },
)
edits = ui.table_edits(table, edited)
if st.button(f"Save {len(edits)} change(s)", key="save_changes", disabled=not edits):
    st.session_state["refused"] = ui.apply_edits(store, edits)
    st.rerun()
for message in st.session_state.pop("refused", []):
    st.error(f"Not saved: {ui.escape_markdown(message)}")

st.subheader("Merge two events")
labels = dict(zip(events["id"], events["title"], strict=True))
keep, drop = st.columns(2)
keep_id = keep.selectbox("Keep", list(labels), key="merge_keep", format_func=labels.get)
drop_id = drop.selectbox("Merge into it and hide", list(labels), key="merge_drop",
                         format_func=labels.get)  # fmt: skip
if st.button("Merge", key="merge", disabled=keep_id == drop_id):
    store.merge_events(keep_id, drop_id)
    st.rerun()

st.subheader("Corrections")
corrections = ui.load_corrections(store)
if corrections.empty:
    st.info("No corrections yet. Edit the table above; every change is kept and can be undone.")
else:
    st.dataframe(corrections, hide_index=True, key="corrections_table")
    if st.button("Undo the last correction", key="undo_last"):
        store.undo_last()
        st.rerun()
