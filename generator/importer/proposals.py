"""What the text cannot decide, proposed for staff to confirm: themes, audiences, commitments.

Themes and audiences are chosen from the shared vocabularies by the words of their names that
occur in the node's title and text; every proposal is marked for review. Candidate commitments
(numbers with units, deadlines) become YAML comments, never data: a person decides what the
document promises.
"""

from __future__ import annotations

import re

from generator.model import Vocabulary

# Bigrams every plan repeats: they say nothing about a node's subject.
_COMMON = {"残疾", "疾人", "就业", "人就", "业服", "服务"}


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} - _COMMON


def propose_terms(vocabulary: Vocabulary | None, title: str, text: str,
                  limit: int = 2) -> list[str]:
    """The best-matching term ids (at least one, so the draft validates), best first."""
    if vocabulary is None or not vocabulary.terms:
        return []
    scores = []
    for order, term in enumerate(vocabulary.terms):
        grams = _bigrams(term.name)
        score = 3 * sum(title.count(g) for g in grams) + sum(text.count(g) for g in grams)
        scores.append((-score, order, term.id))
    scores.sort()
    chosen = [term_id for score, _, term_id in scores[:limit] if score < 0]
    return chosen or [scores[0][2]]


_AMOUNT = re.compile(
    r"(?:(不少于|不低于|至少|力争达到|达到|不超过)[^，。；\d]{0,8}?)?(\d+(?:\.\d+)?)\s*"
    r"(%|％|人次|人|名|个|家|次|项|户|万元|元|所|期)(以上)?")
_DEADLINE = re.compile(r"(\d{4})\s*年(?:底|年底|内)?前|到\s*(\d{4})\s*年(?:底)?|“十([四五六])五”期间")
_FREQUENCIES = ("每半年", "每季度", "每月", "每年")
_FIVE_YEAR_END = {"四": 2025, "五": 2030, "六": 2035}  # the 十四五 plan period ends in 2025
_CLAUSE = re.compile(r"[^。；]+[。；]?")


def _hint(clause: str) -> str:
    """What a commitment in this clause might be, to save staff typing; only ever a comment."""
    parts = []
    amount = _AMOUNT.search(clause)
    if amount:
        comparator = amount.group(1) or ("以上" if amount.group(4) else "")
        parts.append(f"{comparator} {amount.group(2)} {amount.group(3)}".strip())
    frequency = next((f for f in _FREQUENCIES if f in clause), None)
    if frequency:
        parts.append(frequency)
    deadline = _DEADLINE.search(clause)
    if deadline:
        year = deadline.group(1) or deadline.group(2) or _FIVE_YEAR_END[deadline.group(3)]
        parts.append(f"期限 {year}-12-31（原文“{deadline.group()}”）")
    return "，".join(parts)


def candidate_commitments(text: str) -> list[str]:
    """Clauses of the text that hold a number with a unit or a deadline, each with a hint."""
    found = []
    for clause in _CLAUSE.findall(text):
        clause = clause.strip().rstrip("。；")
        if clause and (_AMOUNT.search(clause) or _DEADLINE.search(clause)):
            found.append(f"{clause}  →  {_hint(clause)}")
    return found
