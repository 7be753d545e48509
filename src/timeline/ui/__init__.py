"""Streamlit glue: the only library module that imports streamlit.

- The store is one cached resource per path (it is the shared system of record and
  safe to share between script threads). Store reads are cached by
  ``(path, data stamp, filters)``, pure functions of their arguments; what one
  session types but has not saved (a paste, a date being inspected) lives only in
  ``st.session_state``, never in a cache.
- Pages over a big store read counts, density and the most salient events in SQL
  (:mod:`timeline.ui.overview`), never every event.
- Filters are sidebar widgets returning plain values (:class:`EventFilters`), kept in
  sync with ``st.query_params`` so a copied link opens the same view.
- Article text is data: it is shown with ``st.text``/``st.dataframe``, or escaped
  (:func:`escape_markdown`, :func:`highlight_html`) before any markdown or HTML.
- Problems with input are shown in one place, :func:`show_issues`.
- Who may change the store on a hosted instance: :mod:`timeline.ui.roles`; pages hide
  every edit control unless :func:`can_edit`.
"""

from timeline.ui.data import (
    DATA_DIR,
    MAX_PASTE_CHARS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_FILES,
    EventFilters,
    app_store,
    data_stamp,
    load_agreements,
    load_articles,
    load_corrections,
    load_events,
    read_uploads,
    save_articles,
    tag_once,
)
from timeline.ui.downloads import download_buttons
from timeline.ui.edits import EDITOR_COLUMNS, apply_edits, editor_frame, editor_key, table_edits
from timeline.ui.filters import sidebar_filters, url_choice, url_range, url_toggle, zoom_to
from timeline.ui.overview import (
    AGREEMENT_LIMIT,
    DETAIL_MAX,
    EDIT_LIMIT,
    MARK_LIMIT,
    FilterOptions,
    Picked,
    article_frame,
    articles_of,
    count_events,
    editable_events,
    filter_options,
    most_detailed,
    pick_events,
    store_summary,
)
from timeline.ui.roles import Mode, can_edit, editor_sidebar, hosting_mode
from timeline.ui.show import (
    Span,
    escape_markdown,
    highlight_html,
    issues_table,
    rejected_csv,
    selected_box,
    selected_cells,
    selected_event_ids,
    show_area_evidence,
    show_event_detail,
    show_issues,
    time_spans,
    times_frame,
)

__all__ = [
    "AGREEMENT_LIMIT",
    "DATA_DIR",
    "DETAIL_MAX",
    "MARK_LIMIT",
    "FilterOptions",
    "Picked",
    "EDIT_LIMIT",
    "article_frame",
    "articles_of",
    "editable_events",
    "count_events",
    "filter_options",
    "most_detailed",
    "pick_events",
    "store_summary",
    "EDITOR_COLUMNS",
    "MAX_PASTE_CHARS",
    "MAX_UPLOAD_BYTES",
    "MAX_UPLOAD_FILES",
    "EventFilters",
    "Mode",
    "Span",
    "app_store",
    "data_stamp",
    "download_buttons",
    "apply_edits",
    "can_edit",
    "editor_frame",
    "editor_key",
    "editor_sidebar",
    "escape_markdown",
    "highlight_html",
    "hosting_mode",
    "issues_table",
    "load_agreements",
    "load_articles",
    "load_corrections",
    "load_events",
    "read_uploads",
    "rejected_csv",
    "save_articles",
    "selected_box",
    "selected_cells",
    "selected_event_ids",
    "show_area_evidence",
    "show_event_detail",
    "show_issues",
    "sidebar_filters",
    "table_edits",
    "tag_once",
    "time_spans",
    "times_frame",
    "url_choice",
    "url_range",
    "url_toggle",
    "zoom_to",
]
