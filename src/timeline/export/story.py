"""The story view: events in date order as a readable list, for the page and as a file.

Each entry gives the date in words at its real precision (``frames`` column ``when``),
the title, the actors, the sentence with the time expression highlighted, and the
source article's title with its link. Article text is data: every part is
HTML-escaped before any markup is put round it, and a link is kept only when it is an
http(s) address.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

__all__ = ["STORY_CSS", "story_html", "story_page"]

STORY_CSS = """
.story{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:52rem;color:#222}
.story article{border-left:3px solid #0072B2;padding:.2rem 0 .2rem .9rem;margin:0 0 1.1rem}
.story article.planned{border-left-color:#E69F00}
.story article.possible{border-left-color:#CC79A7;border-left-style:dashed}
.story .when{font-weight:600;color:#0072B2;font-size:.95rem}
.story .status{font-size:.8rem;color:#555;margin-left:.4rem}
.story h3{margin:.15rem 0;font-size:1.05rem}
.story .who,.story .src{font-size:.85rem;color:#555}
.story p{margin:.3rem 0;line-height:1.5}
.story mark{background:#FFF1B8;padding:0 .1rem}
"""


def _text(value: Any) -> str:
    if value is None or (not isinstance(value, str | list | tuple) and bool(pd.isna(value))):
        return ""
    return str(value)


def _highlight(sentence: str, phrase: str) -> str:
    """The sentence escaped, with the first occurrence of ``phrase`` marked."""
    start = sentence.find(phrase) if phrase else -1
    if start < 0:
        return html.escape(sentence)
    end = start + len(phrase)
    return (
        f"{html.escape(sentence[:start])}<mark>{html.escape(sentence[start:end])}</mark>"
        f"{html.escape(sentence[end:])}"
    )


def _source(article_id: str, articles: dict[str, dict[str, Any]]) -> str:
    article = articles.get(article_id, {})
    title = html.escape(_text(article.get("title")) or "an untitled article")
    url = _text(article.get("url"))
    if url.startswith(("http://", "https://")):
        return f'Source: <a href="{html.escape(url, quote=True)}" rel="noopener">{title}</a>'
    return f"Source: {title}"


def _entry(row: dict[str, Any], articles: dict[str, dict[str, Any]]) -> str:
    status = _text(row.get("status")) or "happened"
    badge = "" if status == "happened" else f'<span class="status">({html.escape(status)})</span>'
    actors = ", ".join(map(str, row.get("actors") or ()))
    who = f'<div class="who">{html.escape(actors)}</div>' if actors else ""
    return (
        f'<article class="{html.escape(status, quote=True)}">'
        f'<div class="when">{html.escape(_text(row.get("when")) or "date unknown")}{badge}</div>'
        f"<h3>{html.escape(_text(row.get('title')))}</h3>{who}"
        f"<p>{_highlight(_text(row.get('sentence')), _text(row.get('time_text')))}</p>"
        f'<div class="src">{_source(_text(row.get("article_id")), articles)}</div>'
        "</article>"
    )


def story_html(
    events: pd.DataFrame, articles: pd.DataFrame | None = None, *, limit: int | None = None
) -> str:
    """The events (an ``events_frame``) in date order as one HTML fragment with its style.

    Undated events come last. ``limit`` keeps the first so many entries.
    """
    ordered = events.sort_values(["earliest", "latest", "title"], na_position="last")
    if limit is not None:
        ordered = ordered.head(limit)
    by_id: dict[str, dict[str, Any]] = {}
    if articles is not None and not articles.empty:
        by_id = {str(r["id"]): r for r in articles.to_dict("records")}
    entries = "".join(_entry(row, by_id) for row in ordered.to_dict("records"))
    return f'<style>{STORY_CSS}</style><div class="story">{entries}</div>'


def story_page(events: pd.DataFrame, articles: pd.DataFrame | None, *, title: str) -> str:
    """A standalone HTML page of the story view (no script, works offline)."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>"
        f'<h1 style="font-family:system-ui,sans-serif">{html.escape(title)}</h1>'
        f"{story_html(events, articles)}</body></html>\n"
    )
