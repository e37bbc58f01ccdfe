"""Handwritten fixture sites: one clean page, and pages that each plant one known barrier."""

from __future__ import annotations

from pathlib import Path

SITE_CSS = """
html { font-size: 100%; }
html[data-text-size="large"] { font-size: 125%; }
html[data-text-size="larger"] { font-size: 150%; }
body { margin: 0; font-family: sans-serif; line-height: 1.6; color: #1a1a1a; background: #fff; }
body[data-md-color-scheme="slate"] { color: #ececec; background: #1d1f24; }
a { color: #0b4f94; }
body[data-md-color-scheme="slate"] a { color: #a8cfff; }
html[data-contrast="high"] body { color: #000; background: #fff; }
html[data-contrast="high"] a { color: #00006b; }
:focus-visible { outline: 3px solid #b34700; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; }
.skip:focus { position: static; display: inline-block; padding: 0.5rem; }
.top { position: sticky; top: 0; background: inherit; padding: 0.5rem 1rem; }
.top a { display: inline-block; padding: 0.5rem 0; }
nav ol { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; margin: 0; padding: 0 1rem; }
nav a { display: inline-block; padding: 0.5rem 0; }
main { padding: 0 1rem 40rem; }
main:focus { outline: none; }
.table-scroll { overflow-x: auto; }
.table-scroll table { min-width: 36rem; border-collapse: collapse; }
th, td { text-align: left; padding: 0.5rem; border: 1px solid currentColor; }
footer { padding: 1rem; }
"""

CLEAN_MAIN = """
<h1>金昌市促进残疾人就业三年行动实施方案</h1>
<p>为贯彻落实促进残疾人就业三年行动，结合本市实际，制定本方案。</p>
<h2>一、总体要求</h2>
<p>坚持以人民为中心，帮助有就业意愿和就业能力的残疾人实现就业。</p>
<h3>（一）加强就业服务</h3>
<dl>
  <dt>牵头单位</dt><dd>市残联</dd>
  <dt>完成时限</dt><dd>2027年12月31日前</dd>
</dl>
<div class="table-scroll" role="region" aria-label="任务分工表" tabindex="0">
  <table>
    <caption>任务分工表</caption>
    <thead><tr><th scope="col">任务</th><th scope="col">牵头单位</th>
    <th scope="col">完成时限</th></tr></thead>
    <tbody>
      <tr><th scope="row">开展就业援助</th><td>市人社局</td><td>2026年12月31日前</td></tr>
      <tr><th scope="row">开发公益岗位</th><td>市残联</td><td>2027年6月30日前</td></tr>
    </tbody>
  </table>
</div>
<h2>二、保障措施</h2>
<p>各部门要加强协作，按期完成任务。<a href="../index.html">返回首页</a></p>
"""


def page_html(
    main: str,
    title: str = "实施方案",
    lang: str = "zh-CN",
    extra_body: str = "",
    stylesheet: str = "../site.css",
) -> str:
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - 金昌市 - 政策网站</title>
<link rel="stylesheet" href="{stylesheet}">
</head>
<body>
<a class="skip" href="#main-content">跳到正文</a>
<header class="top"><a href="../index.html">政策网站</a></header>
<nav aria-label="导航路径"><ol>
  <li><a href="../index.html">首页</a></li>
  <li><a href="./" aria-current="page">{title}</a></li>
</ol></nav>
{extra_body}
<main id="main-content" tabindex="-1">
{main}
</main>
<footer><p>金昌市残疾人联合会</p></footer>
</body>
</html>
"""


def _replace(old: str, new: str) -> str:
    assert old in CLEAN_MAIN
    return CLEAN_MAIN.replace(old, new, 1)


# Each planted page: folder -> its main content, or a full page when it needs more than main.
PLANTED: dict[str, str] = {
    "img-alt": page_html(
        CLEAN_MAIN
        + '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" width="20" height="20">'
    ),
    "heading-skip": page_html(
        _replace("<h3>（一）加强就业服务</h3>", "<h4>（一）加强就业服务</h4>")
    ),
    "two-h1": page_html(CLEAN_MAIN + "<h1>第二个一级标题</h1><p>正文。</p>"),
    "table-layout": page_html(
        CLEAN_MAIN
        + "<table><tr><td>任务</td><td>单位</td></tr><tr><td>就业援助</td><td>市残联</td></tr></table>"
    ),
    "table-no-caption": page_html(
        CLEAN_MAIN
        + '<table><thead><tr><th scope="col">任务</th><th scope="col">单位</th></tr></thead>'
        + "<tbody><tr><td>就业援助</td><td>市残联</td></tr></tbody></table>"
    ),
    "nav-unnamed": page_html(
        CLEAN_MAIN,
        extra_body='<nav><a href="../index.html">首页</a></nav><nav><a href="./">本页</a></nav>',
    )
    .replace('<nav aria-label="导航路径">', "<div>")
    .replace("</ol></nav>", "</ol></div>"),
    "lang-zh": page_html(CLEAN_MAIN, lang="zh"),
    "external": page_html(CLEAN_MAIN + '<img src="https://example.com/x.png" alt="示例图片">'),
    "overflow": page_html(
        CLEAN_MAIN
        + '<p style="width: 40rem">这一段文字的宽度固定为四十个字宽，在窄屏上会超出屏幕。</p>'
    ),
    "root-relative": page_html(CLEAN_MAIN, stylesheet="/site.css"),
    "experimental": page_html(
        CLEAN_MAIN
        + '<p style="font-weight: bold; font-size: 1.5em">工作目标</p>'
        + "<p>这一段是普通的正文，说明上面那一段其实应该是标题。</p>"
        + "<p>这一段也是普通的正文，长度和上一段差不多，用来让检测规则判断。</p>"
        + '<table><tr><td colspan="3">假装是表格标题的第一行</td></tr>'
        + "<tr><td>甲</td><td>乙</td><td>丙</td></tr><tr><td>丁</td><td>戊</td><td>己</td></tr></table>"
        + "<table><caption>没有表头的数据表</caption>"
        + "".join(
            "<tr>" + "".join(f"<td>{r}{c}</td>" for c in "甲乙丙丁") + "</tr>" for r in "一二三四"
        )
        + "</table>"
        + '<p><button type="button" style="width:10px;height:10px;padding:0;border:0" aria-label="上一项"></button>'
        + '<button type="button" style="width:10px;height:10px;padding:0;border:0" aria-label="下一项"></button></p>'
    ),
}

HOME = page_html(
    "<h1>政策网站</h1><p>本站发布促进残疾人就业的政策文件。</p>",
    title="首页",
    stylesheet="site.css",
).replace("../index.html", "index.html")


def write_site(root: Path, pages: dict[str, str]) -> Path:
    """Write a site: folder/index.html per page, plus home, stylesheet, 404 page and an asset."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.css").write_text(SITE_CSS, encoding="utf-8")
    (root / "index.html").write_text(HOME, encoding="utf-8")
    # Neither is a page a reader checks: the gate must leave them out.
    (root / "404.html").write_text("<html><body>未找到</body></html>", encoding="utf-8")
    (root / "assets").mkdir(exist_ok=True)
    (root / "assets" / "widget.html").write_text("<html><body>x</body></html>", encoding="utf-8")
    for folder, html in pages.items():
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / "index.html").write_text(html, encoding="utf-8")
    return root
