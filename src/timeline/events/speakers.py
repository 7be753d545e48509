"""The day a speaker's statements were made: "The chief executive, Jane Roe, said on
Monday the plant would close. ... 'We had no choice,' Roe said." A news story gives the
day of a speaker's statement once; the speaker's later reports with no time of their own
are the same occasion (a report otherwise goes on the publish date). Only a day of the
week before the publish date is carried: an older statement is one the story recalls,
not its own news."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from timeline.events.dating import Dating
from timeline.models import DAY_OR_FINER, Anchor, AnchorKind

__all__ = ["Speakers"]

_RECENT_DAYS = 7


class Speakers:
    """Each speaker's last report dated by its own expression: (event id, dating)."""

    def __init__(self, published: dt.date | None) -> None:
        self.published = published
        self.dated: dict[str, tuple[str, Dating]] = {}

    def date(self, dating: Dating, names: Sequence[str]) -> Dating:
        """The dating of a report by ``names``: the day of their earlier dated report when
        ``dating`` only fell back on the publish date; otherwise ``dating`` itself."""
        if dating.anchor.kind is not AnchorKind.PUBLISH_DATE:
            return dating
        for name in names:
            if name in self.dated:
                eid, day = self.dated[name]
                anchor = Anchor(AnchorKind.REPORT, text=name, event_id=eid)
                return Dating(day.value, day.earliest, day.latest, day.granularity, anchor)
        return dating

    def remember(self, eid: str, dating: Dating, names: Sequence[str]) -> None:
        """Keep the day of report ``eid`` by ``names`` when its own expression dates it."""
        if dating.anchor.kind is not AnchorKind.EXPRESSION or dating.time is None:
            return
        if dating.granularity not in DAY_OR_FINER:
            return
        if self.published is None or dating.latest is None:
            return
        if 0 <= (self.published - dating.latest).days <= _RECENT_DAYS:
            for name in names:
                self.dated[name] = (eid, dating)
