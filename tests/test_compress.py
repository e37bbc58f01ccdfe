"""The gzip copies (generator/compress.py): made ahead while the search index is built, then
completed, they are the same files as one pass over the finished site makes."""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

from generator.compress import compressing_ahead, write_compressed_copies

PAGE = "<p>残疾人就业</p>\n" * 200


def _site(folder: Path) -> Path:
    for name, text in {"index.html": PAGE, "a/index.html": PAGE + "a", "a/b.css": "b{}" * 300,
                       "gone.js": "var x = 1;\n" * 100, "statement/index.html": PAGE + "s",
                       "tiny.txt": "x", "shrinks.json": "[" + "1," * 300 + "1]"}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _copies(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*.gz"))}


def _change(site: Path) -> None:
    """What the steps after the head start do: write new files (Pagefind's), rewrite a page in
    place (the statement page gets the gate's results), replace one, remove one."""
    (site / "pagefind").mkdir()
    (site / "pagefind" / "pagefind.js").write_text("export const a = 1;\n" * 80)
    with (site / "statement" / "index.html").open("a", encoding="utf-8") as page:
        page.write("<p>检查结果</p>\n" * 50)
    replacement = site / "a" / "new.html"
    replacement.write_text(PAGE + "replaced", encoding="utf-8")
    os.replace(replacement, site / "a" / "index.html")
    (site / "gone.js").unlink()
    (site / "shrinks.json").write_text("[]")  # too small to compress any more


def test_ahead_then_the_rest_equals_one_pass(tmp_path: Path) -> None:
    ahead_site = _site(tmp_path / "ahead")
    with compressing_ahead(ahead_site) as compressed:
        pass
    assert compressed, "nothing was compressed ahead"
    _change(ahead_site)
    write_compressed_copies(ahead_site, compressed)

    one_pass = tmp_path / "one-pass"
    shutil.copytree(ahead_site, one_pass, ignore=shutil.ignore_patterns("*.gz"))
    write_compressed_copies(one_pass)
    assert _copies(ahead_site) == _copies(one_pass)
    assert "statement/index.html.gz" in _copies(ahead_site)
    assert "shrinks.json.gz" not in _copies(ahead_site)
    assert "gone.js.gz" not in _copies(ahead_site)
    page = gzip.decompress(_copies(ahead_site)["statement/index.html.gz"]).decode()
    assert page.endswith("<p>检查结果</p>\n")


def test_files_written_during_the_head_start_are_left_to_the_final_pass(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    with compressing_ahead(site) as compressed:
        (site / "pagefind").mkdir()
        (site / "pagefind" / "pagefind.js").write_text("export const a = 1;\n" * 80)
    assert not any(path.is_relative_to(site / "pagefind") for path in compressed)
    write_compressed_copies(site, compressed)
    assert (site / "pagefind" / "pagefind.js.gz").is_file()


def test_disabled_compresses_nothing(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    with compressing_ahead(site, enabled=False) as compressed:
        pass
    assert compressed == {}
    assert not list(site.rglob("*.gz"))
