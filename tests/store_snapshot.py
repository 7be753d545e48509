"""Everything a store holds, as comparable values (the time an article was added aside):
two ingests that must give the same result are compared with this."""

from __future__ import annotations

from typing import Any

from timeline.store import Store


def snapshot(store: Store) -> dict[str, Any]:
    articles = store.articles()
    return {
        "articles": [a.to_dict() for a in articles],
        "times": {a.id: [t.to_dict() for t in store.times(a.id)] for a in articles},
        "events": sorted((e.to_dict() for e in store.events()), key=lambda e: e["id"]),
        "entities": sorted((e.to_dict() for e in store.entities()), key=lambda e: e["name"]),
        "agreements": sorted(
            (g.to_dict() for g in store.agreements(merged=False)), key=lambda g: g["id"]
        ),
        "issues": sorted(
            (i.to_dict() for i in store.issues()),
            key=lambda i: tuple(str(v) for v in i.values()),
        ),
    }
