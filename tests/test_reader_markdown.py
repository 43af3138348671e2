"""The reader's shortcuts through markdown-it: what it reads is what markdown-it's full parse reads.

``kg.reader.markdown`` parses a record's block structure with markdown-it (sending a line
of text straight to the paragraph rules), then reads a paragraph's inline text itself when
it has no inline markup, caches the inline parse of text that recurs, and leaves plain
URLs unnormalised.  Here random Markdown is read both ways: as the reader does, and with
markdown-it's own complete ``commonmark`` parse (inline rules and ``text_join`` included).
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from kg.reader import markdown

FULL_PARSER = MarkdownIt("commonmark")
BLOCK_PARSER = MarkdownIt("commonmark").disable(["inline", "text_join"])

# Mostly plain text (the archive's brackets, punctuation, white space of all kinds) with some
# inline markup and its near misses, in lines that mostly make paragraphs.
_PLAIN = st.sampled_from([
    "word", "Two words", "[sic]", "[1]", "[. . .]", "[ref]", "[ref][]", "[a]b(c)", "] (", "[", "]", "(", ")",
    "!", "-", ":", "#", "=", "~", "{", "}", "$", "%", "@", "^", "+", ">", "'", '"', " ", "  ", "   ", "\t",
    "\u00a0", "\u2028", "\x0b", "\x0c", "\x85", "\u3000", "é", "Ж",
])
_MARKUP = st.sampled_from([
    "[x](y)", "![alt](i.png)", "](", "*", "**", "_", "__", "*em*", "**bold**", "a_b_c", "`", "`code`", "\\",
    "\\*", "&", "&amp;", "&#65;", "<", "<https://x.y/z>", "<b>", "a<b",
])
_FRAGMENT = st.one_of(_PLAIN, _PLAIN, _PLAIN, _PLAIN, _MARKUP, st.text(max_size=3))
_LINE_START = st.sampled_from(["", "", "", "", "", "", "", "", " ", "  ", "   ", "    ", "\t", "# ", "- ", "  - ",
                               "1. ", "1) ", "> ", "> > ", "   > ", "***", "===", "---", "```", "~~~", "<div>",
                               "<!-- ", "[ref]: https://example.org/r", "+ ", "_ _ _"])
_LINE_END = st.sampled_from(["", "", "", " ", "  ", "   ", "\t", "  \t", "\u00a0", " \u00a0 "])


def _document(fragment: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    line = st.builds(lambda start, fragments, end: start + "".join(fragments) + end,
                     _LINE_START, st.lists(fragment, max_size=6), _LINE_END)
    return st.lists(st.one_of(line, line, line, st.just("")), min_size=1, max_size=12).map("\n".join)


_DOCUMENT = st.one_of(_document(_PLAIN), _document(_FRAGMENT))


def _as_markdown_it_reads_it(text: str) -> list[markdown._Inline]:
    """Each top-level paragraph's and heading's text, from markdown-it's complete parse."""
    tokens = FULL_PARSER.parse(text)
    return [markdown._rendered(tokens[index + 1].children) for index, token in enumerate(tokens)
            if token.level == 0 and token.type in ("paragraph_open", "heading_open")]


def _as_the_reader_reads_it(text: str) -> list[markdown._Inline]:
    env: dict = {}
    tokens = markdown._parser.parse(text, env)
    return [markdown._read_inline(tokens[index + 1].content, env) for index, token in enumerate(tokens)
            if token.level == 0 and token.type in ("paragraph_open", "heading_open")]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENT)
@example("soft \nbreak")
@example("hard  \nbreak\\\nescaped break")
@example("[inline](link) and ![image](src)")
@example("&amp; &#65; &bogus;")
@example("**Citation:**")
def test_inline_text_reads_as_markdown_it_reads_it(text):
    assert _as_the_reader_reads_it(text) == _as_markdown_it_reads_it(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENT)
@example("# heading\n- item\n1. item\n> quote\n    code\n<div>\n[r]: /u\n```\nfence\n```\ntext\n---")
def test_blocks_are_as_markdown_it_parses_them(text):
    """The reader's parser sends a line of text straight to the paragraph rules: the same tokens."""
    assert markdown._parser.parse(text) == BLOCK_PARSER.parse(text)


def test_a_bracket_is_a_link_only_where_the_record_defines_its_reference():
    """The inline cache must not serve one record's reading of ``[ref]`` to another."""
    with_definition = "See [ref] here.\n\n[ref]: https://example.org/r"
    without = "See [ref] here."
    for text in (without, with_definition, without):
        assert _as_the_reader_reads_it(text) == _as_markdown_it_reads_it(text)
    assert _as_the_reader_reads_it(with_definition)[0].lines == (("See ref here.", True),)
    assert _as_the_reader_reads_it(without)[0].lines == (("See [ref] here.", True),)


def test_plain_text_keeps_its_hard_breaks_and_trims_its_lines():
    [read] = _as_the_reader_reads_it("first line  \n  second line\u00a0\nlast [sic]")
    assert read.lines == (("first line", True), ("second line", False), ("last [sic]", True))
    assert read == _as_markdown_it_reads_it("first line  \n  second line\u00a0\nlast [sic]")[0]


# URLs in and near the edge of ``_PLAIN_URL``: long labels and hosts, punycode, capitals,
# percent-escapes, characters that URLs escape.
_LABEL = st.sampled_from(["a", "b1", "a-b", "digitalarchive", "wilsoncenter", "org", "x" * 63, "x" * 64,
                          "xn--p1ai", "Ab", "é", "a_b"])
_PATH_PIECE = st.sampled_from(["/", "/document", "/111310", "?q=1", "#top", "~", "!", "$", "&", "'", "(", ")", "*",
                               "+", ",", ";", "=", ":", "@", "-", ".", "_", "A", "%41", "[", "]", " ", "\u00a0",
                               "é", "\\", "^", "|", "`", '"', "{"])
_URLS = st.builds(lambda scheme, labels, port, path: scheme + ".".join(labels) + port + path,
                  st.sampled_from(["https://", "https://", "http://", "HTTPS://", "mailto:", "ftp://"]),
                  st.lists(_LABEL, min_size=1, max_size=5), st.sampled_from(["", "", ":80", ":"]),
                  st.lists(_PATH_PIECE, max_size=6).map("".join))


@settings(max_examples=500, deadline=None)
@given(_URLS)
@example("https://digitalarchive.wilsoncenter.org/document/111310")
@example("https://" + ".".join(["a" * 63] * 4) + "/x")  # a host of 255 characters: plain
@example("https://" + ".".join(["a" * 63] * 5) + "/x")  # too long a host: not plain
@example("https://xn--p1ai/x")  # punycode: not plain
@example("https://a.b/x\\y")  # an escaped backslash: not plain
def test_a_plain_url_is_what_markdown_its_normalisations_make_of_it(url):
    """The reader skips them for such a URL; for any other it runs them."""
    if markdown._PLAIN_URL.fullmatch(url):
        assert FULL_PARSER.normalizeLink(url) == url
        assert FULL_PARSER.normalizeLinkText(url) == url
    assert markdown._parser.normalizeLink(url) == FULL_PARSER.normalizeLink(url)
    assert markdown._parser.normalizeLinkText(url) == FULL_PARSER.normalizeLinkText(url)
