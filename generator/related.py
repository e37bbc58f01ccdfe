"""What a page shows of other places, from indexes made once per build, so that no page scans
the whole site (at 3,000 regions a scan per page makes the build quadratic)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from generator.model import Vocabulary
from generator.sitemodel import ActionEntry, SiteModel

SAME_THEME_SHOWN = 6  # other places' actions named on an action page, per theme


def grouped[T](items: list[T], key: Callable[[T], object]) -> dict[object, list[T]]:
    """Items by key, in their order."""
    groups: dict[object, list[T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return groups


class SameTheme:
    """For an action page: other regions' actions on each of its themes."""

    def __init__(self, model: SiteModel) -> None:
        self.themes = {theme.id: theme for theme in model.themes}
        self.actions = {theme: [a for a in entries if a.is_action]
                        for theme, entries in model.by_theme.items()}
        self.counts: dict[tuple[str, str], int] = defaultdict(int)
        for theme, entries in self.actions.items():
            for entry in entries:
                self.counts[(theme, entry.region.id)] += 1

    def action(self, action: ActionEntry) -> list[tuple[Vocabulary, list[ActionEntry], int]]:
        """For each of the action's themes: the first few actions of other regions, and how
        many there are. Counted from per-region tallies, so a page costs the same at any size."""
        found = []
        for theme_id in action.node.themes:
            everyone = self.actions.get(theme_id, [])
            others = []
            for other in everyone:
                if other.region.id != action.region.id:
                    others.append(other)
                    if len(others) == SAME_THEME_SHOWN:
                        break
            total = len(everyone) - self.counts.get((theme_id, action.region.id), 0)
            theme = self.themes.get(theme_id)
            if theme and others:
                found.append((theme, others, total))
        return found
