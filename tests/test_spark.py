"""`timeline spark-extract` on Spark in local mode gives what the plain ingest gives.

PySpark is the ``spark`` extra; ``make test`` installs it (requirements-dev.txt), so this
runs in CI. Spark needs Java 17 (on these machines)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as papq
import pytest
from tests.store_snapshot import snapshot

from timeline.cli import main
from timeline.entities import merge_aliases
from timeline.errors import InputError
from timeline.ingest import load_paths
from timeline.merge import merge_events, merge_keys
from timeline.pipeline import article_findings, read_article
from timeline.scale.parquet import open_parquet_store, read_extraction
from timeline.scale.spark import connected_groups, merge_group, spark_extract, spark_session
from timeline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
MARKETS = """Shares of Nordvik Semiconductors fell 12 percent on Thursday after the company cut
its forecast. Chief executive Maria Lindqvist said on Friday that demand would recover in
the second half of 2024. Lindqvist met investors in Oslo on March 5."""


@pytest.fixture(scope="module")
def spark():
    session = spark_session("local[2]", app="timeline tests")
    yield session
    session.stop()


@pytest.mark.slow
def test_spark_local_mode_stores_what_plain_ingest_stores(
    spark, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "parquet"
    counts = spark_extract(spark, ROOT / "data", out)
    assert counts.articles == 6
    assert {p.name for p in out.iterdir() if p.is_dir()} >= {
        "articles", "times", "events", "entities", "agreements", "issues"
    }  # fmt: skip
    months = {p.name for p in (out / "events").iterdir() if p.is_dir()}
    assert "month=2025-04" in months
    for table in ("articles", "times", "events"):  # one file per month, whatever the slices
        files = [len(list(m.glob("*.parquet"))) for m in (out / table).glob("month=*")]
        assert files, table
        assert set(files) == {1}, (table, files)
    assert main(["ingest", "--db", str(tmp_path / "plain.db"), "--batch", "0",
                 str(ROOT / "data")]) == 0  # fmt: skip
    assert main(["ingest", "--db", str(tmp_path / "spark.db"), "--parquet", str(out)]) == 0
    plain, from_spark = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert plain["events"] == from_spark["events"] == counts.events > 100
    first = snapshot(open_store(tmp_path / "plain.db"))
    second = snapshot(open_store(tmp_path / "spark.db"))
    assert first["events"] == second["events"]
    assert first == second
    # the dashboard's way in: TIMELINE_DB at the folder opens a read-only copy of it
    direct = open_parquet_store(out, cache_dir=tmp_path / "cache")
    assert direct.read_only
    assert snapshot(direct) == first
    assert open_parquet_store(out, cache_dir=tmp_path / "cache").path == direct.path  # reused
    names = [p.name for p in (tmp_path / "cache").iterdir()]
    assert direct.path.name in names
    assert not [n for n in names if "building" in n]  # built aside, then moved in whole


@pytest.mark.slow
def test_spark_reads_parquet_records(spark, tmp_path: Path) -> None:
    records = [
        {"text": MARKETS, "title": "Chipmaker shares slide", "published": "2024-03-08",
         "source": "Markets Desk", "url": None, "desk": "markets"},
        {"text": "  ", "title": "empty", "published": "2024-03-08", "source": "x", "url": None,
         "desk": "none"},
    ]  # fmt: skip
    source = tmp_path / "in.parquet"
    papq.write_table(pa.Table.from_pylist(records), source)
    counts = spark_extract(spark, source, tmp_path / "out")
    extraction = read_extraction(tmp_path / "out")
    assert counts.articles == len(extraction.articles) == 1
    article = extraction.articles[0]
    assert article.metadata == {"desk": "markets"}
    assert str(article.published) == "2024-03-08"
    assert [i.field for i in counts.issues] == ["text"]  # the empty record, reported
    assert any("Maria Lindqvist" in e.actors for e in extraction.events)


def _events_before_merge(paths: list[Path]) -> list:
    articles, _ = load_paths(paths)
    readings = [read_article(a) for a in articles]
    aliases = merge_aliases(m for r in readings for m in r.mentions)
    entities = aliases.entities()
    return [e for a, r in zip(articles, readings, strict=True)
            for e in article_findings(a, r, aliases, entities).events]  # fmt: skip


def test_merging_group_by_group_is_merging_the_whole_list(tmp_path: Path) -> None:
    (tmp_path / "markets.md").write_text(
        f"---\npublished: 2024-03-08\n---\n{MARKETS}\n", encoding="utf-8"
    )
    events = _events_before_merge([ROOT / "data", tmp_path / "markets.md"])
    whole = merge_events(events)
    assert len(whole) < len(events)  # the sample's reports do merge
    groups = connected_groups([merge_keys(e) for e in events if merge_keys(e)])
    by_group: dict[object, list] = {}
    for position, event in enumerate(events):
        keys = merge_keys(event)
        key = ("group", groups[keys[0]]) if keys else ("alone", position)
        by_group.setdefault(key, []).append(((position, 0), event))
    pieces = [m for items in by_group.values() for m in merge_group(items)]
    assert len(by_group) > 10
    assert [e for _, e in sorted(pieces, key=lambda m: m[0])] == whole


def test_connected_groups_link_keys_of_one_event() -> None:
    groups = connected_groups([("a", "b"), ("c",), ("b", "d"), ("e", "c")])
    assert groups["a"] == groups["b"] == groups["d"]
    assert groups["c"] == groups["e"] != groups["a"]


def test_a_folder_that_is_no_spark_output_is_refused(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    with pytest.raises(InputError, match="no 'articles' table"):
        read_extraction(tmp_path / "data")
