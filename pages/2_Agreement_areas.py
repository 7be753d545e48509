"""Agreement areas: what each agreement covers, across agreements, and two side by side."""

import streamlit as st

from timeline import charts, ui

st.set_page_config(page_title="Agreement areas · News Timeline", layout="wide")
st.title("Agreement areas")
store = ui.app_store()
agreements = ui.load_agreements(store)
covered = agreements.dropna(subset=["area"])
if covered.empty:
    st.info("No agreement with areas yet. Add an article that reports an agreement on Home.")
    st.stop()

names = dict(zip(covered["agreement_id"], covered["agreement"], strict=False))
by = ui.url_choice("Count areas by", ["agreement", "article"], key="areas_by", param="by")
bars = charts.area_bar_figure(covered, by=by)
st.plotly_chart(bars, key="area_bar")
ui.download_buttons("areas_download", figure=bars, agreements=covered, name="agreement-areas")

ids = list(names)
left, right = st.columns(2)
for column, default, key in ((left, 0, "agreement_a"), (right, 1, "agreement_b")):
    with column:
        chosen = st.selectbox(
            "Agreement", ids, index=min(default, len(ids) - 1), key=key, format_func=names.get
        )
        rows = covered[covered["agreement_id"] == chosen]
        sunburst = charts.area_sunburst_figure(rows, areas=covered["area"])
        st.plotly_chart(sunburst, key=f"{key}_sunburst")
        for area, area_rows in rows.groupby("area", sort=True):
            with st.expander(f"{ui.escape_markdown(area)}: evidence"):
                provisions = sorted(area_rows["provision"].dropna().unique())
                if provisions:
                    st.text("Provisions: " + "; ".join(provisions))
                for sentence in sorted(set("\n".join(area_rows["evidence"].dropna()).split("\n"))):
                    st.text(sentence)
