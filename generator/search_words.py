"""The index's own Chinese words, for the search page to split a query the way the index did.

Pagefind splits Chinese text into words when it indexes (jieba, in its extended build) and again
in the browser when a reader searches (the browser's Intl.Segmenter, a different dictionary).
Where the two disagree, the words of the query are not the words of the index: the browser reads
市残联 as 市|残|联, the index holds 市|残联, and 联 then matches 工商联 pages before 残联 ones.
Pagefind marks the word boundaries it used in each page's stored text (U+200B), so the build
knows every word the index holds. This module writes them out in 256 small lists, by the word's
first character; the search page (assets/ps-search.js) fetches only the lists for the characters
typed and splits the query with them (longest word first), so each query word is one of the
index's own. A search costs a few small files, whatever the size of the site.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from generator.search_index import IndexedPage

# Han characters; ps-search.js uses the same ranges (HAN), so both sides agree on what a
# Chinese run is.
HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
WORD_BREAK = "\u200b"
LISTS = 256  # files; a character's list is its code point modulo this number


def list_name(character: str) -> str:
    """The file holding the words that start with this character ("6b8b" → "8b.txt")."""
    return f"{ord(character) % LISTS:02x}.txt"


def index_words(pages: Iterable[IndexedPage]) -> set[str]:
    """The Chinese words of two characters or more the index holds (single characters are
    words anyway)."""
    runs: set[str] = set()
    for page in pages:
        # Gathered in C, filtered once: a site has millions of runs but few distinct ones.
        runs.update(HAN_RUN.findall(page.content.replace(WORD_BREAK, "\n")))
    return {run for run in runs if len(run) > 1}


def write_word_lists(words: set[str], folder: Path) -> None:
    """folder/<nn>.txt: the words (index_words, gathered part by part), those starting with
    characters of list nn, one a line, sorted. Every list is written, empty or not, so the
    search page never asks for a missing file."""
    by_list: dict[str, list[str]] = {f"{number:02x}.txt": [] for number in range(LISTS)}
    for word in sorted(words):
        by_list[list_name(word[0])].append(word)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, listed in by_list.items():
        (folder / name).write_text("".join(word + "\n" for word in listed), encoding="utf-8")
