"""The language layer: tokens, sentences, part of speech, lemmas and names of an article,
computed in one pass and shared by every consumer (temporal, events, agreements).

    from timeline.language import analyse

    doc = analyse("Development Minister Svenja Schulze said sales fell in the United States.")
    for sentence in doc.sentences:            # Sentence: start, end, text, index, first, last,
                                              #   tokens, doc (a Span: goes where spans go)
        for token in sentence.tokens:         # Token: text, start, end, pos (UPOS), tag (PTB),
            ...                               #   lemma, index, sentence, name; is_verb, is_name
    doc.names                                 # Name: text, start, end, kind, form, first, last,
                                              #   sentence, title (Title or None)
    doc.token_at(offset), doc.tokens_in(start, end), doc.sentence_at(offset),
    doc.name_at(offset), doc.names_in(start, end)

The pipeline (``timeline.pipeline.extract_articles``) analyses each article once and
hands its ``doc.sentences`` to every consumer; ``sentences[0].doc`` is the Doc.

Offsets are character offsets into the text given (``text[t.start:t.end] == t.text``).
Part of speech comes from an averaged perceptron trained on the UD English Web Treebank
(CC BY-SA 4.0; ``data/NOTICE``), lemmas from ``lemminflect``. Nothing is downloaded;
the model is loaded once, on first use.
"""

from timeline.language.doc import Doc, Name, Sentence, Title, Token, analyse
from timeline.language.sentences import Span, split_sentences
from timeline.language.tokens import tokenise

__all__ = [
    "Doc",
    "Name",
    "Sentence",
    "Span",
    "Title",
    "Token",
    "analyse",
    "split_sentences",
    "tokenise",
]
