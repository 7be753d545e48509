"""Entry point: the pages in the sidebar, and Home (the corpus at a glance, adding articles).

``st.navigation`` names the landing page "Home" (a bare ``pages/`` directory would show
this file as "app"); every ``pages/*.py`` is listed after it, in file-name order.
"""

import datetime as dt
from pathlib import Path

import streamlit as st

from timeline import ui
from timeline.ingest import load_text, load_url
from timeline.wording import month_in_words

PAGES = sorted((Path(__file__).parent / "pages").glob("*.py"))


def home() -> None:
    st.title("News Timeline")
    st.markdown(
        'Paste, upload or link news articles: every date in them ("last Friday", '
        '"later this year") is worked out, and the events become a timeline you can read, '
        "filter and download."
    )
    store = ui.app_store()
    # Filled after the add forms below have run, so an added article counts at once.
    summary = st.container()
    if ui.can_edit():
        add_articles(store)
    st.page_link("pages/4_Date_inspector.py", label="Inspect the time expressions of any text →")
    with summary:
        show_summary(store)


def show_summary(store) -> None:
    summary = ui.store_summary(store)  # counted in SQL: a big store's events are not loaded
    cols = st.columns(5)
    cols[0].metric("Articles", summary["articles"])
    cols[1].metric("Events", summary["events"])
    cols[2].metric("Actors", summary["actors"])
    agreements = ui.load_agreements(store)
    cols[3].metric("Agreements", agreements["agreement_id"].nunique() if len(agreements) else 0)
    cols[4].metric("Open issues", summary["issues"])
    if summary["bounds"]:
        first, last = summary["bounds"]
        st.markdown(f"Events dated from **{month_in_words(first)}** to **{month_in_words(last)}**.")
    if summary["issues"]:
        issues = store.issues()
        with st.expander(f"The {len(issues)} open issue(s): records that were skipped or doubted"):
            st.dataframe(ui.issues_table(issues), hide_index=True, width="stretch")
    if not summary["events"]:
        st.info("No events yet: add an article below, then open the Timeline page.")
    else:
        st.page_link("pages/1_Timeline.py", label="Read the timeline →")


def add(store, found: list, issues: list, *, key: str) -> None:
    """Store what was read, say what is new and what was there already, link to the new events."""
    known = {a.id for a in store.articles()}
    new = [a for a in found if a.id not in known]
    for article in found:
        if article.id in known:
            name = ui.escape_markdown(article.title or "this text")
            st.info(f"Already in the store, not added again: {name}")
    ui.show_issues([*issues, *ui.save_articles(store, new)], key=key)
    if new:
        st.success(f"Added {len(new)} article(s).")
        st.page_link(
            "pages/1_Timeline.py",
            label="See the new events on the Timeline →",
            query_params={"article": [a.id for a in new], "all": "1"},
        )


def add_articles(store) -> None:
    st.subheader("Add articles")
    st.caption("Three ways: paste an article's text, upload files (text, HTML, JSON, CSV), or "
               "give the address of a news page.")  # fmt: skip
    # The publish date is never guessed: the sample corpus's date is only the start value.
    published = st.date_input(
        "Publish date (used when the file or text has none)",
        dt.date(2025, 4, 29),
        key="add_published",
    )
    paste_tab, upload_tab, url_tab = st.tabs(["Paste text", "Upload files", "From a URL"])
    # A form only collects input: the result (issues with their download button, which a
    # form may not hold) is shown after the form has closed.
    with paste_tab:
        with st.form("paste", clear_on_submit=False):
            title = st.text_input("Title", key="add_title")
            source = st.text_input("Source", key="add_source")
            text = st.text_area(
                "Article text", height=200, key="add_text", max_chars=ui.MAX_PASTE_CHARS
            )
            pasted = st.form_submit_button("Add article")
        if pasted:
            found, issues = load_text(
                text, published=published, title=title or None, source=source or None
            )
            add(store, found, issues, key="paste_issues")
    with upload_tab:
        with st.form("upload"):
            files = st.file_uploader(
                "Files", type=["txt", "md", "html", "htm", "json", "jsonl", "csv"],
                accept_multiple_files=True, key="add_files",
            )  # fmt: skip
            uploaded = st.form_submit_button("Add files")
        if uploaded and files:
            found, issues = ui.read_uploads(files, published=published)
            add(store, found, issues, key="upload_issues")
    with url_tab:
        with st.form("url"):
            url = st.text_input("Article URL", key="add_url")
            fetched = st.form_submit_button("Fetch and add")
        if fetched and url:
            found, issues = load_url(url, published=published)
            add(store, found, issues, key="url_issues")


st.set_page_config(page_title="News Timeline", layout="wide")
st.navigation([st.Page(home, title="Home", default=True), *map(st.Page, PAGES)]).run()
