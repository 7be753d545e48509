"""Temporal engine: find time expressions in text and resolve them to TIMEX3 values
against the publish date (DCT) and the sentence's tense."""

from timeline.temporal.tagger import TIMEX3_VALUE, find_unanchored, tag

__all__ = ["TIMEX3_VALUE", "find_unanchored", "tag"]
