"""The ``timeline`` command.

Exit codes: 0 done; 1 done with issues (listed on stderr); 2 refused or failed (bad
usage, unreadable input, a store that cannot be opened); 3 an unexpected internal
error (a bug: the message says so, never the "done with issues" code).
Each subcommand is a ``_cmd_<name>(args) -> int`` function registered in ``_build_parser``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import difflib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from timeline.errors import InputError, TimelineError
from timeline.models import Extraction, Issue

__all__ = ["main"]

EXIT_OK, EXIT_ISSUES, EXIT_FATAL, EXIT_CRASH = 0, 1, 2, 3
EXIT_CODES_HELP = """\
exit codes:
  0  done
  1  done with issues (each listed on stderr as "timeline: <severity>: ...")
  2  refused or failed: bad usage, unreadable input, a store that cannot be opened
  3  unexpected internal error (a bug; please report it with the message)
"""


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD") from exc


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}", source=str(path)) from exc


def _cmd_tag(args: argparse.Namespace) -> int:
    from timeline.temporal import detect_language, tag

    docs: list[tuple[str | None, str]]
    if args.files:
        docs = [(str(p), _read_text(p)) for p in args.files]
    else:
        docs = [(None, sys.stdin.read())]
    several = len(docs) > 1
    out = sys.stdout
    for name, text in docs:
        lang = detect_language(text) if args.lang == "auto" else args.lang
        for expr in tag(text, dct=args.dct, lang=lang):
            record = expr.to_dict()
            if several:
                record = {"doc": name, **record}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return EXIT_OK


def _article_paths(paths: Sequence[Path]) -> list[Path]:
    """``paths`` without README files named on the command line (a shell glob such as
    ``data/*.md`` picks them up); each one skipped is noted on stderr."""
    from timeline.ingest import is_readme

    kept = []
    for path in paths:
        if path.is_file() and is_readme(path):
            print(f"timeline: note: skipped {path}: a README, not an article", file=sys.stderr)
        else:
            kept.append(path)
    return kept


def _extract_paths(paths: Sequence[Path], published: dt.date | None) -> Extraction:
    """Read and extract ``paths``; the returned issues are ingest's then extraction's."""
    from timeline.ingest import load_paths
    from timeline.pipeline import extract_articles

    articles, issues = load_paths(_article_paths(paths), published=published)
    extraction = extract_articles(articles)
    return dataclasses.replace(extraction, issues=(*issues, *extraction.issues))


def _report_issues(issues: Sequence[Issue]) -> int:
    """List issues on stderr; EXIT_ISSUES when there are any (warnings count)."""
    for issue in issues:
        locator = issue.locator if issue.locator != issue.source else None
        where = ", ".join(
            part for part in (issue.source, locator, issue.field and f"field {issue.field}") if part
        )
        line = f"timeline: {issue.severity}: {where}: {issue.message}"
        print(_one_line(line), file=sys.stderr)
    return EXIT_ISSUES if issues else EXIT_OK


def _one_line(text: str) -> str:
    """``text`` with control characters escaped: a newline in a file name cannot start a
    line of its own (a forged "timeline: error: ..." line)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


_KINDS = {
    "articles": "article",
    "events": "event",
    "entities": "entity",
    "agreements": "agreement",
    "issues": "issue",
}


def _cmd_extract(args: argparse.Namespace) -> int:
    from timeline.merge import merge_agreements

    extraction = _extract_paths(args.files, args.published)
    # one agreement however many articles report it, as the store shows them
    agreements = tuple(merge_agreements(extraction.agreements))
    extraction = dataclasses.replace(extraction, agreements=agreements)
    out = sys.stdout
    if args.format == "json":
        json.dump(extraction.to_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "jsonl":
        for key, items in extraction.to_dict().items():
            for item in items:
                kind = _KINDS[key]  # records nest under their kind: entities have a 'kind' too
                out.write(json.dumps({"kind": kind, kind: item}, ensure_ascii=False) + "\n")
    else:
        from timeline.export import table_csv
        from timeline.frames import events_frame

        out.write(table_csv(events_frame(extraction.events)).text)  # formula cells neutralised
    return _report_issues(extraction.issues)


def _cmd_ingest(args: argparse.Namespace) -> int:
    from timeline.ingest import load_paths
    from timeline.scale.parallel import ingest_articles
    from timeline.store import open_store

    if bool(args.paths) == bool(args.parquet):
        args.parser.error("give files or folders to ingest, or --parquet DIR (not both)")
    store = open_store(args.db)
    if args.parquet:
        from timeline.scale.parquet import read_extraction

        extraction = read_extraction(args.parquet)
        store.save_extraction(extraction)
        counts = {key: len(items) for key, items in extraction.to_dict().items()}
        print(json.dumps({"db": str(store.path), **counts}))
        return _report_issues(extraction.issues)
    articles, issues = load_paths(_article_paths(args.paths), published=args.published)
    found = ingest_articles(
        store.save_extraction, articles, jobs=args.jobs, batch=args.batch, issues=issues
    )
    counts = {"articles": found.articles, "events": found.events, "entities": found.entities,
              "agreements": found.agreements, "issues": len(found.issues)}  # fmt: skip
    print(json.dumps({"db": str(store.path), **counts}))
    return _report_issues(found.issues)


def _cmd_spark_extract(args: argparse.Namespace) -> int:
    try:
        import pyspark  # noqa: F401

        from timeline.scale.spark import spark_extract, spark_session
    except ImportError as exc:
        raise InputError(
            f"spark-extract needs PySpark ({exc}): pip install 'news-timeline[spark]'"
        ) from exc
    spark = spark_session(args.master)
    try:
        counts = spark_extract(
            spark, args.input, args.out, published=args.published, partitions=args.partitions
        )
    finally:
        spark.stop()
    summary = {"out": str(args.out), "articles": counts.articles, "events": counts.events,
               "entities": counts.entities, "agreements": counts.agreements,
               "issues": len(counts.issues)}  # fmt: skip
    print(json.dumps(summary))
    return _report_issues(counts.issues)


EXPORT_HELP = """\
what and format:
  timeline, events  html, png, svg, pdf: the timeline chart of the filtered events
                    csv, json, timelinejs, ics: the filtered events as data
                    (the two names are synonyms: the format decides chart or data)
  areas             html, png, svg, pdf: the agreements x areas matrix
                    csv, json: agreement x area x provision rows (no timelinejs/ics:
                    areas have no dates); of the filters only --area and --article apply
Events without a known date stay in csv/json and are left out of timelinejs and
ics (counted on stderr). png/svg/pdf need Chromium (`make chromium`, or BROWSER_PATH).
A store that does not exist yet is created and seeded with the sample corpus, as the
dashboard does; an existing store is only read (a read-only file is opened read-only).
"""


def _filtered_frames(args: argparse.Namespace) -> tuple[Any, Any, Any]:
    from timeline.frames import agreements_frame, articles_frame, events_frame
    from timeline.store import default_db_path, open_store

    path = default_db_path() if args.db is None else args.db
    new = not path.exists()
    store = open_store(path)
    data_dir = Path(os.environ.get("TIMELINE_DATA", Path(__file__).resolve().parents[2] / "data"))
    if new and data_dir.is_dir():  # a read command writes only into a store it created
        store.seed_if_empty(data_dir)
    events = events_frame(
        store.events(
            start=args.start, end=args.end, actors=args.actor, types=args.type,
            areas=args.area, article_ids=args.article, statuses=args.status,
        )
    )  # fmt: skip
    agreements = agreements_frame(store.agreements())
    if args.area:
        agreements = agreements[agreements["area"].isin(args.area)]
    if args.article:
        agreements = agreements[agreements["article_id"].isin(args.article)]
    return events, articles_frame(store.articles()), agreements


_FILTERS = {"start": "--from", "end": "--to", "actor": "--actor", "type": "--type",
            "area": "--area", "article": "--article", "status": "--status"}  # fmt: skip


def _nothing_matches(args: argparse.Namespace, events: Any, agreements: Any) -> bool:
    """Say on stderr that the filters match nothing (with close actor names); True if so."""
    given = {flag: getattr(args, name) for name, flag in _FILTERS.items() if getattr(args, name)}
    empty = agreements.empty if args.what == "areas" else events.empty
    if not given or not empty:
        return False
    shown = "; ".join(
        f"{flag} {', '.join(map(repr, value)) if isinstance(value, list) else value}"
        for flag, value in given.items()
    )
    print(f"timeline: warning: no {'agreement area' if args.what == 'areas' else 'event'} "
          f"matches {shown}; nothing written", file=sys.stderr)  # fmt: skip
    if args.actor:
        from timeline.store import open_store

        known = sorted({a for e in open_store(args.db).events() for a in e.actors})
        for actor in args.actor:
            close = difflib.get_close_matches(actor, known, n=3)
            if actor not in known and close:
                print(f"timeline: did you mean: {', '.join(close)}?", file=sys.stderr)
    return True


def _cmd_export(args: argparse.Namespace) -> int:
    from timeline.export import check_combination, export_view

    check_combination(args.what, args.format)  # before any store work
    events, articles, agreements = _filtered_frames(args)
    if _nothing_matches(args, events, agreements):
        return EXIT_ISSUES
    produced = export_view(
        args.what, args.format, events=events, articles=articles, agreements=agreements,
        group_by=args.lanes, show_published=args.show_published, title=args.title,
        stamp=dt.datetime.now(dt.UTC),
    )  # fmt: skip
    try:
        args.out.write_bytes(produced.content)
    except OSError as exc:
        raise InputError(f"cannot write {args.out}: {exc}", source=str(args.out)) from exc
    if produced.skipped:
        print(
            f"timeline: note: {produced.skipped} event(s) without a known date left out "
            f"of the {args.format} file",
            file=sys.stderr,
        )
    summary = {"out": str(args.out), "what": args.what, "format": args.format,
               "bytes": len(produced.content), "events": len(events),
               "skipped": produced.skipped}  # fmt: skip
    print(json.dumps(summary))
    return EXIT_OK


def _add_export(sub: Any) -> None:
    from timeline.charts import GROUPINGS
    from timeline.export import FORMATS, WHATS

    p = sub.add_parser(
        "export", help="write a chart or the event data to a file",
        description="Export the timeline chart, the agreement-area chart or the events.",
        epilog=EXPORT_HELP + "\n" + EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    p.add_argument("--what", choices=WHATS, default="timeline", help="default: timeline")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", type=Path, required=True, help="file to write")
    p.add_argument(
        "--db", type=Path, default=None, help="store (default: $TIMELINE_DB or per-user data dir)"
    )
    p.add_argument("--from", dest="start", type=_iso_date, help="events overlapping from this day")
    p.add_argument("--to", dest="end", type=_iso_date, help="events overlapping up to this day")
    many = {"action": "append", "default": None}
    p.add_argument("--actor", **many, help="canonical actor name (repeat for several)")
    p.add_argument("--type", **many, help="event type, e.g. visit (repeatable)")
    p.add_argument("--area", **many, help="agreement area, e.g. energy (repeatable)")
    p.add_argument("--article", **many, help="article id (repeatable)")
    p.add_argument("--status", **many, choices=("happened", "planned", "possible"))
    p.add_argument("--lanes", choices=list(GROUPINGS), default="none",
                   help="timeline lanes (default: none, as on the dashboard)")  # fmt: skip
    p.add_argument("--show-published", action="store_true", help="add the publish-date lane")
    p.add_argument("--title", default="News Timeline", help="TimelineJS and calendar title")
    p.set_defaults(func=_cmd_export)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def _add_scale_options(p: argparse.ArgumentParser) -> None:
    from timeline.scale.parallel import DEFAULT_BATCH, default_jobs

    p.add_argument("--jobs", type=_positive, default=default_jobs(),
                   help="worker processes extracting (default: the cores, here "
                   f"{default_jobs()}); one process writes")  # fmt: skip
    p.add_argument("--batch", type=int, default=DEFAULT_BATCH,
                   help="articles per extraction call; actors' aliases merge within one "
                   f"(default {DEFAULT_BATCH}; 0: all in one)")  # fmt: skip
    p.add_argument("--parquet", type=Path, default=None,
                   help="load the Parquet folder `timeline spark-extract` wrote, "
                   "instead of files")  # fmt: skip


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline", description=__doc__.splitlines()[0], epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    sub = parser.add_subparsers(dest="command", required=True)

    codes = {"epilog": EXIT_CODES_HELP, "formatter_class": argparse.RawDescriptionHelpFormatter}
    p_tag = sub.add_parser(
        "tag", help="find and resolve time expressions; JSON lines on stdout", **codes
    )
    p_tag.add_argument("--dct", type=_iso_date, required=True, help="publish date YYYY-MM-DD")
    p_tag.add_argument("--lang", choices=("auto", "en", "ru"), default="auto",
                       help="language of the text; auto (default): from its script")  # fmt: skip
    p_tag.add_argument("files", nargs="*", type=Path, help="text files (stdin when none)")
    p_tag.set_defaults(func=_cmd_tag)

    published = {"type": _iso_date, "help": "publish date YYYY-MM-DD for files without one"}
    p_extract = sub.add_parser(
        "extract", help="extract events, actors and agreements from files; no store", **codes
    )
    p_extract.add_argument("--published", **published)
    p_extract.add_argument("--format", choices=("json", "jsonl", "csv"), default="json",
                           help="json (default); jsonl: one line per record, "
                           '{"kind": K, K: record}; csv: the events table')  # fmt: skip
    p_extract.add_argument("files", nargs="+", type=Path, help="files or folders")
    p_extract.set_defaults(func=_cmd_extract)

    p_ingest = sub.add_parser("ingest", help="extract files and folders into the store", **codes)
    p_ingest.add_argument("--published", **published)
    p_ingest.add_argument(
        "--db", type=Path, default=None, help="store (default: $TIMELINE_DB or per-user data dir)"
    )
    _add_scale_options(p_ingest)
    p_ingest.add_argument("paths", nargs="*", type=Path, help="files or folders")
    p_ingest.set_defaults(func=_cmd_ingest, parser=p_ingest)
    p_spark = sub.add_parser(
        "spark-extract", help="extract on Apache Spark into Parquet (needs the spark extra)",
        description="Extract articles on Spark (a cluster via spark-submit, or local cores) "
        "and write events, entities, agreements, articles, times and issues as Parquet "
        "partitioned by month; `timeline ingest --parquet OUT` loads them into a store.",
        **codes,
    )  # fmt: skip
    p_spark.add_argument("--published", **published)
    p_spark.add_argument("--out", type=Path, required=True, help="output folder (replaced)")
    p_spark.add_argument("--master", default=None,
                         help="Spark master (default: spark-submit's, or local[*])")  # fmt: skip
    p_spark.add_argument("--partitions", type=_positive, default=None,
                         help="article partitions (default: one per 250 articles)")  # fmt: skip
    p_spark.add_argument("input", type=Path, help="a file, a folder, or Parquet of records")
    p_spark.set_defaults(func=_cmd_spark_extract)
    _add_export(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        code = int(args.func(args))
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return code
    except TimelineError as exc:
        print(f"timeline: error: {exc}", file=sys.stderr)
        return EXIT_FATAL
    except BrokenPipeError:
        # The reader went away (`timeline extract ... | head`): stop quietly. Python
        # would still try to flush stdout at exit, so point it at /dev/null first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the boundary: a bug is reported, never exit 1 ("with issues")
        name = type(exc).__name__
        print(f"timeline: internal error ({name}): {exc}; please report this", file=sys.stderr)
        return EXIT_CRASH


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
