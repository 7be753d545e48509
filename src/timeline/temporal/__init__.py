"""Temporal engine: find time expressions in text and resolve them to TIMEX3 values
against the publish date (DCT) and the sentence's tense."""

from timeline.temporal.lang import LANGUAGES, detect_language
from timeline.temporal.tagger import TIMEX3_VALUE, find_unanchored, tag

__all__ = ["LANGUAGES", "TIMEX3_VALUE", "detect_language", "find_unanchored", "tag"]
