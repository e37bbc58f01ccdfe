"""Site settings the exports need from mkdocs.yml."""

from __future__ import annotations

import os
from pathlib import Path

import yaml


class _MkdocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: resolves !ENV like MkDocs does and ignores Python tags."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return default


_MkdocsLoader.add_constructor("!ENV", _env_tag)
_MkdocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_url_from_mkdocs(root: Path) -> str:
    """mkdocs.yml's site_url (after !ENV), or "" when it is unset or unreadable."""
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"),
                           Loader=_MkdocsLoader)  # a SafeLoader: no Python objects
    except (OSError, yaml.YAMLError):
        return ""
    value = config.get("site_url") if isinstance(config, dict) else None
    return str(value) if value else ""
