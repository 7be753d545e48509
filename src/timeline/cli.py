"""The ``timeline`` command.

Exit codes: 0 clean; 1 finished with issues (listed on stderr); 2 usage or fatal error.
Each subcommand is a ``_cmd_<name>(args) -> int`` function registered in ``_build_parser``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from timeline.errors import InputError, TimelineError

__all__ = ["main"]

EXIT_OK, EXIT_ISSUES, EXIT_FATAL = 0, 1, 2


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
    from timeline.temporal import tag

    docs: list[tuple[str | None, str]]
    if args.files:
        docs = [(str(p), _read_text(p)) for p in args.files]
    else:
        docs = [(None, sys.stdin.read())]
    several = len(docs) > 1
    out = sys.stdout
    for name, text in docs:
        for expr in tag(text, dct=args.dct):
            record = expr.to_dict()
            if several:
                record = {"doc": name, **record}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return EXIT_OK


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="timeline", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p_tag = sub.add_parser("tag", help="find and resolve time expressions; JSON lines on stdout")
    p_tag.add_argument("--dct", type=_iso_date, required=True, help="publish date YYYY-MM-DD")
    p_tag.add_argument("files", nargs="*", type=Path, help="text files (stdin when none)")
    p_tag.set_defaults(func=_cmd_tag)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except TimelineError as exc:
        print(f"timeline: error: {exc}", file=sys.stderr)
        return EXIT_FATAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
