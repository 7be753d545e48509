"""Events: correct dates, types, actors and status; delete or merge; undo any correction."""

import streamlit as st

from timeline import ui
from timeline.frames import corrections_table
from timeline.models import EventStatus, EventType

st.set_page_config(page_title="Events · News Timeline", layout="wide")
st.title("Events")
store = ui.app_store()
events, total = ui.editable_events(store)  # a big store: its most salient, read in SQL
if events.empty:
    st.info("No events yet. Add articles on the Home page (paste, upload or a URL).")
    st.stop()

articles = ui.articles_of(store, events)
if len(events) < total:
    st.caption(f"The {len(events):,} most salient of {total:,} events: the table holds at most "
               f"{ui.EDIT_LIMIT:,}.")  # fmt: skip
st.caption(
    "Correct what the reader got wrong: edit a cell, then save. Write a date as 2025-04-18 "
    '(a day), 2025-04 (a month), 2025-Q3 (a quarter) or 2025 (a year); "when" shows how '
    "it reads. Separate actors with semicolons. Every change is kept and can be undone."
)
ui.download_buttons("events_download", events=events, articles=articles, name="events")
editable = ui.can_edit()
table = ui.editor_frame(events)
edited = st.data_editor(
    table,
    key=ui.editor_key(store),  # new after each save: the browser's edits start afresh
    hide_index=True,
    disabled=["title", "when", "time_text", "sentence"] if editable else True,
    column_config={
        "type": st.column_config.SelectboxColumn("type", options=[str(t) for t in EventType]),
        "status": st.column_config.SelectboxColumn("status", options=[str(s) for s in EventStatus]),
        "value": st.column_config.TextColumn("date", help="2025-04-18, 2025-04, 2025-Q3 or 2025"),
        "when": st.column_config.TextColumn("when"),
        "time_text": st.column_config.TextColumn("as written"),
        "actors_text": st.column_config.TextColumn("actors"),
        "delete": st.column_config.CheckboxColumn("delete"),
    },
)
edits = ui.table_edits(table, edited)
save = f"Save {len(edits)} change(s)"
if editable and st.button(save, key="save_changes", disabled=not edits):
    st.session_state["refused"] = ui.apply_edits(store, edits)
    st.rerun()
for message in st.session_state.pop("refused", []):
    st.error(f"Not saved: {ui.escape_markdown(message)}")

if editable:
    st.subheader("Merge two events")
    labels = dict(zip(events["id"], events["title"], strict=True))
    keep, drop = st.columns(2)
    keep_id = keep.selectbox("Keep", list(labels), key="merge_keep", format_func=labels.get)
    drop_id = drop.selectbox("Merge into it and hide", list(labels), key="merge_drop",
                             format_func=labels.get)  # fmt: skip
    if st.button("Merge", key="merge", disabled=keep_id == drop_id):
        store.merge_events(keep_id, drop_id)
        st.rerun()
else:
    st.caption("Sign in as editor (sidebar) to correct, merge or undo.")

st.subheader("Corrections")
corrections = ui.load_corrections(store)
if corrections.empty:
    st.info("No corrections yet. Edit the table above; every change is kept and can be undone.")
else:
    titles = dict(zip(events["id"], events["title"], strict=True))
    st.dataframe(corrections_table(corrections, titles), hide_index=True, key="corrections_table")
    if editable and st.button("Undo the last correction", key="undo_last"):
        store.undo_last()
        st.rerun()
