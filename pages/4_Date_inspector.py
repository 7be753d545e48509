"""Date inspector: every time expression in a text, resolved against a publish date you set."""

import datetime as dt

import streamlit as st

import timeline
from timeline import ui

st.set_page_config(page_title="Date inspector · News Timeline", layout="wide")
st.title("Date inspector")
store = ui.app_store()
# Titles of the latest articles only (read in SQL); a text is read when it is picked.
titles = ui.filter_options(store).articles
PASTE = "(paste your own text)"


def open_article(article_id: str) -> timeline.models.Article | None:
    return store.article(article_id) if article_id in titles else None


def load_article() -> None:
    article = open_article(st.session_state["di_article"])
    if article is None:  # "(paste your own text)" starts empty
        st.session_state["di_text"] = ""
    else:
        st.session_state["di_text"] = article.text[: ui.MAX_PASTE_CHARS]
        st.session_state["di_dct"] = article.published or st.session_state["di_dct"]


if "di_text" not in st.session_state:  # first visit: open on the first stored article
    first = open_article(next(iter(titles), PASTE))
    st.session_state["di_article"] = first.id if first else PASTE
    st.session_state["di_text"] = first.text[: ui.MAX_PASTE_CHARS] if first else ""
    # Without an article, the sample article's publish date; never the clock.
    st.session_state["di_dct"] = (first and first.published) or dt.date(2025, 4, 29)
choice = st.selectbox(
    "Article", [PASTE, *titles], key="di_article", on_change=load_article,
    format_func=lambda i: titles.get(i, i),
)  # fmt: skip
# A form: a date typed into the box applies with the button (or Enter), not on leaving it.
with st.form("di_form", border=False):
    text = st.text_area("Text", key="di_text", height=220, max_chars=ui.MAX_PASTE_CHARS)
    dct = st.date_input("Publish date (relative dates resolve against it)", key="di_dct")
    st.form_submit_button("Find the dates")
if not text.strip():
    st.info("Pick an article above or paste a text, then set its publish date.")
    st.stop()

names = {"auto": "Detect from the text", **timeline.temporal.LANGUAGES}
choice_lang = st.selectbox("Language", list(names), key="di_lang", format_func=names.get)
lang = timeline.temporal.detect_language(text) if choice_lang == "auto" else choice_lang
times = ui.tag_once(text, dct, lang=lang)
st.caption(
    f"{len(times)} time expression(s), read as {names[lang]}. "
    "Hover a highlight for what it means and its rule."
)
if not times:
    st.info("No time expression found. Try a text with dates such as 'last Friday' or 'in April'.")
st.html(ui.highlight_html(text, ui.time_spans(times)))
st.dataframe(ui.times_frame(times), hide_index=True, key="di_table")

article = open_article(choice)
if article is not None and article.published != dct and ui.can_edit():
    if st.button(f"Save {dct.isoformat()} as this article's publish date", key="di_save"):
        store.set_published(article.id, dct)
        st.success("Saved; the article's events were re-dated. Corrections were kept.")
