"""Agreement areas: which agreement covers which area, with the provisions and evidence."""

import streamlit as st

from timeline import charts, ui

st.set_page_config(page_title="Agreement areas · News Timeline", layout="wide")
st.title("Agreement areas")
st.markdown(
    "The agreements the articles report, and the areas each one covers (energy, finance, "
    "defense, ...): a dot where an agreement covers an area, bigger when the text names more "
    "provisions. Hover a dot for the provisions and the sentence that names the area; click "
    "it to read them below."
)
store = ui.app_store()
agreements = ui.load_agreements(store)
covered = agreements.dropna(subset=["area"])
if covered.empty:
    st.info("No agreement with areas yet. Add an article that reports an agreement on Home.")
    st.stop()

total = covered["agreement_id"].nunique()
covered = ui.most_detailed(covered)
if covered["agreement_id"].nunique() < total:
    st.caption(f"The {covered['agreement_id'].nunique()} agreements naming the most areas and "
               f"provisions, of {total:,}.")  # fmt: skip
matrix = charts.area_matrix_figure(covered)
picked = st.plotly_chart(matrix, key="area_matrix", on_select="rerun", theme=None)
ui.download_buttons("areas_download", figure=matrix, agreements=covered, name="agreement-areas")
for cell in ui.selected_cells(picked)[:3]:
    agreement_id, _, area = cell.partition("|")
    rows = covered[(covered["agreement_id"] == agreement_id) & (covered["area"] == area)]
    with st.container(border=True):
        ui.show_area_evidence(rows)

st.subheader("Two agreements side by side")
names = dict(zip(covered["agreement_id"], covered["agreement"], strict=False))
ids = list(names)
left, right = st.columns(2)
for column, default, key, label in (
    (left, 0, "agreement_a", "First agreement"),
    (right, 1, "agreement_b", "Compare with"),
):
    with column:
        chosen = st.selectbox(
            label, ids, index=min(default, len(ids) - 1), key=key, format_func=names.get
        )
        rows = covered[covered["agreement_id"] == chosen]
        for area, area_rows in rows.groupby("area", sort=True):
            with st.expander(f"{ui.escape_markdown(area)}"):
                ui.show_area_evidence(area_rows)
