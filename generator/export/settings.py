"""Site settings the exports need from mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag


class _MkdocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: resolves !ENV like MkDocs does and ignores Python tags."""


# MkDocs' own !ENV resolver (pyyaml_env_tag), so the feed sees the site_url the engine sees.
_MkdocsLoader.add_constructor("!ENV", construct_env_tag)
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
