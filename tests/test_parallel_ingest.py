"""`timeline ingest --jobs N`: workers extract, one writer saves; the store ends the same
whatever N, issues are reported as with one process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.store_snapshot import snapshot

from timeline.cli import main
from timeline.errors import StorageError
from timeline.models import Article, Extraction
from timeline.scale.parallel import ingest_articles
from timeline.store import open_store

ROOT = Path(__file__).resolve().parents[1]

# Articles of other fields than the sample's diplomacy, so batches differ in what they hold.
OWN = {
    "markets.md": """---
title: Chipmaker shares slide
published: 2024-03-08
source: Markets Desk
---
Shares of Nordvik Semiconductors fell 12 percent on Thursday after the company cut its
forecast. Chief executive Maria Lindqvist said on Friday that demand would recover in the
second half of 2024. Analysts at Harbor Capital lowered their target on March 7.
""",
    "science.md": """---
title: Probe reaches orbit
published: 2023-11-02
source: Science Weekly
---
The European Space Agency said on Wednesday that its Vega probe entered orbit around
Jupiter on October 30. Mission manager Tomas Berg said the first images would arrive next
week. The agency plans to lower the orbit in January.
""",
    "conflict.md": """---
title: Ceasefire talks
published: 2024-06-20
source: World Desk
---
Negotiators from Armenia and Azerbaijan met in Geneva on Tuesday. Foreign Minister Ararat
Mirzoyan said the two sides agreed to meet again in July. Lindqvist, a mediator, left
Geneva on June 19.
""",
    "undated.md": "Peskov said on Monday that talks with Iran would continue next month.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(ROOT / "data", folder)
    for name, text in OWN.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "broken.json").write_text('{"text": ', encoding="utf-8")
    return folder


def _ingest(folder: Path, db: Path, jobs: int, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["ingest", "--db", str(db), "--jobs", str(jobs), "--batch", "3", str(folder)])
    out, err = capsys.readouterr()
    assert code == 1, err  # the broken file and the undated article are issues
    return out + err


def test_two_workers_store_what_one_process_stores(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = _ingest(corpus, tmp_path / "one.db", 1, capsys)
    two = _ingest(corpus, tmp_path / "two.db", 2, capsys)
    assert one == two.replace("two.db", "one.db")  # same counts, same issues on stderr
    assert "broken.json" in one
    assert "no publish date" in one
    first, second = (
        snapshot(open_store(tmp_path / "one.db")),
        snapshot(open_store(tmp_path / "two.db")),
    )
    assert len(first["articles"]) == 10
    assert len(first["events"]) > 100
    assert first == second


def test_one_batch_is_what_ingest_did_before(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--batch 0 is one extraction call of the whole input: the sample's aliases across
    articles (Mohajelani / Mohajerani) still merge."""
    assert main(["ingest", "--db", str(tmp_path / "s.db"), "--batch", "0", str(ROOT / "data")]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["articles"] == 6
    names = {e.name: e.aliases for e in open_store(tmp_path / "s.db").entities()}
    assert "Fateme Mohajelani" in names.get("Fatemeh Mohajerani", ()) or "Fatemeh Mohajerani" in (
        names.get("Fateme Mohajelani", ())
    )


def test_duplicates_across_batches_are_kept_once(tmp_path: Path) -> None:
    text = "Shares of Acme Corp rose 3 percent on Monday, the company said."
    articles = [Article(id=f"a{i}", text=f"{text} Report {i}.", published=None) for i in range(3)]
    same = Article(id="a0", text=articles[0].text, published=None, title="copy")
    saved: list[Extraction] = []
    counts = ingest_articles(saved.append, [*articles, same], jobs=1, batch=2)
    assert [len(x.articles) for x in saved] == [2, 1]
    assert counts.articles == 3
    assert any("kept once" in i.message for i in counts.issues)


def test_a_failing_save_names_the_batch(tmp_path: Path) -> None:
    articles = [Article(id=f"b{i}", text=f"Acme said on Monday {i}.", published=None)
                for i in range(4)]  # fmt: skip
    saved: list[Extraction] = []

    def save(extraction: Extraction) -> None:
        if saved:
            raise StorageError("disk full")
        saved.append(extraction)

    with pytest.raises(StorageError, match=r"batch 2 of 2; the batches before it were stored"):
        ingest_articles(save, articles, jobs=2, batch=2)
    assert len(saved) == 1


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["ingest", "--db", str(tmp_path / "x.db")],
                 ["ingest", "--parquet", str(tmp_path), str(ROOT / "data")],
                 ["ingest", "--jobs", "0", str(ROOT / "data")]):  # fmt: skip
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
    err = capsys.readouterr().err
    assert "or --parquet DIR" in err
    assert "'0' is not a whole number" in err


def test_an_extraction_crosses_processes_unchanged(tmp_path: Path) -> None:
    """What workers send the writer (a pickle of the batch's records, built by their
    constructors from their fields) reads back equal, field for field."""
    import pickle

    from timeline.ingest import load_paths
    from timeline.pipeline import extract_articles

    folder = tmp_path / "in"
    shutil.copytree(ROOT / "data", folder)
    for name, text in OWN.items():
        (folder / name).write_text(text, encoding="utf-8")
    articles, _ = load_paths([folder])
    extraction = extract_articles(articles)
    assert extraction.events
    assert extraction.agreements
    assert extraction.times
    copy = pickle.loads(pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == extraction
    assert [e.to_dict() for e in copy.events] == [e.to_dict() for e in extraction.events]
    assert type(copy.events[0].anchor.kind) is type(extraction.events[0].anchor.kind)
