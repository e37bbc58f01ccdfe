"""The Chinese fragment for the accessibility statement page: what was tested, how, and result.

Statement conventions (EU 2018/1523, UK PSBAR): say how and when the site was checked and with
what. Every piece of text is escaped; English names are marked lang="en" so screen readers
switch voice instead of reading them with Chinese rules.
"""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path

from generator.clock import CHINA_TIME
from generator.labels import chinese_date

from .axe_engine import EXPLICIT_RULES, MODE_RULES
from .options import COLOUR_LABELS_ZH, DEFAULT_MODE, REPO_ROOT, TEXT_SIZE_LABELS_ZH
from .report import Report, RuleTally

PAGES_LISTED_PER_RULE = 10

CHECK_LABELS_ZH = {
    "tree:heading-one": "一级标题不是恰好一个",
    "tree:heading-skip": "标题层级跳级",
    "tree:landmark-main": "主要内容区不是恰好一个",
    "tree:landmark-unique": "同类地标没有各自不同的名称",
    "tree:table-name": "表格没有标题",
    "tree:table-headers": "表格没有列标题",
    "tree:control-name": "链接或按钮没有名称",
    "tree:lang": "页面语言没有标为 zh-CN",
    "interaction:skip-link": "“跳到正文”链接缺失或不能把焦点移入正文",
    "interaction:focus-visible": "键盘焦点看不清",
    "interaction:focus-obscured": "获得焦点的元素被页头遮挡",
    "interaction:reflow": "320 像素宽度下页面需要横向滚动",
    "interaction:wide-element": "过宽的内容不在可用键盘滚动的区域内",
    "interaction:text-spacing": "加大行距和字间距后文字被截断",
    "interaction:search-results": "搜索页没有显示搜索结果，无法检测显示结果时的页面",
    "network:external-request": "页面向外部网站发出请求",
    "network:missing-resource": "页面引用的文件不存在",
    "harness:viewport": "检测时的屏幕宽度设置不正确",
    "harness:error": "检测过程出错",
    "harness:statement-unstable": "本声明的检测结果反复变化，发布的文字未经检测",
    "vnu:error": "HTML 代码不符合规范（Nu HTML 检查器）",
    "vnu:warning": "HTML 代码有问题（Nu HTML 检查器的警告）",
    "ibm:error": "IBM 检测引擎没有运行",
    "axe:rule-not-run": "应当启用的检测规则没有运行",
}


def statement_fragment_html(report: Report) -> str:
    parts = [
        '<section class="a11y-automated-checks" aria-labelledby="a11y-automated-checks-title">',
        '<h2 id="a11y-automated-checks-title">自动化检测</h2>',
        _intro(report),
        "<h3>检测范围</h3>",
        _coverage(report),
        "<h3>检测工具</h3>",
        _tools(report),
        "<h3>检测结果</h3>",
        _result(report),
        "<h3>需要人工复核的项目</h3>",
        _incomplete(report),
        "</section>",
    ]
    return "\n".join(parts) + "\n"


def _intro(report: Report) -> str:
    day = report.started.astimezone(CHINA_TIME).date()
    when = f'<time datetime="{day.isoformat()}">{chinese_date(day)}</time>'
    return (
        f"<p>最近一次检测日期：{when}。本节由网站生成后自动运行的无障碍检测程序写出。"
        "自动化检测只能发现一部分无障碍问题，不能代替读屏软件用户和键盘用户的实际使用测试。</p>"
    )


def _coverage(report: Report) -> str:
    widths = "和 ".join(f"{width} 像素" for width in report.widths)
    colours = "、".join(COLOUR_LABELS_ZH.values())
    sizes = "、".join(TEXT_SIZE_LABELS_ZH.values())
    modes = len(report.matrix_modes())
    items = [
        f"页面：共 {len(report.pages)} 个页面（不含 404 页面和静态资源文件）。",
        f"屏幕宽度：{widths}。"
        + (
            "320 像素宽度相当于在 1280 像素宽的屏幕上把页面放大到 400%。"
            if 320 in report.widths
            else ""
        ),
        f"每个页面都在 {max(report.widths)} 像素宽度下以默认模式（{DEFAULT_MODE.label_zh}）"
        "用下面的全部自动检测规则检测，并在每种宽度下检查页面是否需要横向滚动。",
    ]
    matrix_pages = report.matrix_pages()
    mode_rules = "、".join(MODE_RULES)
    again = (
        f"默认模式以外的显示模式只改变颜色和字号，因此只重新运行与颜色和版式有关的规则（{mode_rules}）"
    )
    if report.full_matrix:
        items.append(
            f"全部页面还在每种宽度下、在 {len(COLOUR_LABELS_ZH)} 种配色（{colours}）和 "
            f"{len(TEXT_SIZE_LABELS_ZH)} 种字号（{sizes}）的全部 {modes} 种组合下检测；{again}。"
        )
    elif matrix_pages:
        items.append(
            f"以下 {len(matrix_pages)} 个代表页面（每类页面一个）还在每种宽度下、"
            f"在 {len(COLOUR_LABELS_ZH)} 种配色（{colours}）"
            f"和 {len(TEXT_SIZE_LABELS_ZH)} 种字号（{sizes}）的全部 {modes} 种组合下检测；{again}："
            + _plain_list(matrix_pages)
        )
    rules = "、".join(EXPLICIT_RULES)
    items += [
        "自动检测规则：WCAG 2.0 和 2.1 的 A 级、AA 级，WCAG 2.2 的 AA 级，以及 axe 的最佳实践规则；"
        f"另外专门启用了 {rules} 四条规则。",
        f"无障碍树检查（{max(report.widths)} 像素宽度，每个页面）：恰好一个一级标题；标题层级不跳级；"
        "恰好一个主要内容区；同类地标各有不同的名称；表格有标题和列标题；链接和按钮有名称；"
        "页面语言标为 zh-CN。",
        "每个页面都不向外部网站发出请求：检测时浏览器只能访问本站文件。",
    ]
    interaction_pages = report.interaction_pages()
    if interaction_pages:
        items.append(
            "键盘和版式检查（代表页面）：第一次按 Tab 键到达“跳到正文”链接，按回车后焦点进入正文；"
            "前 15 个焦点位置都有清晰的焦点框且不被页头遮挡；320 像素宽度下不需要横向滚动，"
            "过宽的表格可用键盘滚动；加大行距和字间距后文字不被截断。检查的页面："
            + _plain_list(interaction_pages)
        )
    else:
        items.append("本次没有指定代表页面，未进行键盘和版式检查。")
    return _list(items)


def _tools(report: Report) -> str:
    tools = report.tools
    items = [
        f'<span lang="en">axe-core</span> {escape(tools.axe_core)}（规则引擎，检测每个页面）',
        f'<span lang="en">IBM Equal Access accessibility-checker-engine</span> '
        f"{escape(tools.ibm_checker)}（第二个规则引擎，检测每类页面的代表页面：最宽屏幕下的每种显示模式"
        "（默认模式以外只运行与颜色和版式有关的规则），以及其他宽度下的默认模式）",
        f'<span lang="en">Nu HTML Checker (vnu-jar)</span> {escape(tools.vnu)}'
        "（HTML 规范检查，检测每个页面）",
        f'<span lang="en">Chromium</span> {escape(tools.chromium)}（无界面模式）',
        f'<span lang="en">Selenium</span> {escape(tools.selenium)}（浏览器自动化）',
    ]
    return "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>"


def _result(report: Report) -> str:
    runs = f"共检测 {len(report.pages)} 个页面，运行 {report.run_count} 次 axe 检测。"
    if report.ok:
        return f"<p>{escape(runs)}结论：通过，未发现违反上述规则和检查项的问题。</p>"
    items = [
        f"{_rule_help(report, rule, tally)}：{tally.nodes} 个元素，涉及 {len(tally.pages)} 个页面"
        for rule, tally in report.violations_by_rule().items()
    ]
    items += [
        f"{escape(CHECK_LABELS_ZH.get(check, check))}：{tally.nodes} 处，涉及 {len(tally.pages)} 个页面"
        for check, tally in report.failures_by_check().items()
    ]
    return f"<p>{escape(runs)}结论：未通过，发现以下问题：</p>\n" + _list(items, escaped=True)


def _incomplete(report: Report) -> str:
    tallies = report.incomplete_by_rule()
    if not tallies:
        return "<p>本次检测没有工具无法判断、需要人工复核的项目。</p>"
    items = []
    for rule, tally in tallies.items():
        shown = [escape(path) for path in tally.pages[:PAGES_LISTED_PER_RULE]]
        more = len(tally.pages) - len(shown)
        pages = "、".join(shown) + (f" 等 {len(tally.pages)} 个页面" if more > 0 else "")
        items.append(f"{_rule_help(report, rule, tally)}：{tally.nodes} 个元素，见于 {pages}")
    intro = "<p>以下项目工具无法自动判断，需要人工复核：</p>\n"
    return intro + _list(items, escaped=True)


def _rule_help(report: Report, rule: str, tally: RuleTally) -> str:
    """The rule's help text in Chinese when axe ships it, with the rule id for reviewers."""
    chinese = _chinese_rule_help(str(REPO_ROOT / "node_modules" / "axe-core")).get(rule)
    text = escape(chinese) if chinese else f'<span lang="en">{escape(tally.help)}</span>'
    return f'{text}（规则 <code lang="en">{escape(rule)}</code>）'


@cache
def _chinese_rule_help(axe_folder: str) -> dict[str, str]:
    locale = Path(axe_folder) / "locales" / "zh_CN.json"
    if not locale.is_file():
        return {}
    rules = json.loads(locale.read_text(encoding="utf-8")).get("rules", {})
    return {rule: texts.get("help", "") for rule, texts in rules.items()}


def _plain_list(paths: list[str]) -> str:
    return "、".join(paths) + "。"


def _list(items: list[str], escaped: bool = False) -> str:
    rendered = items if escaped else [escape(item) for item in items]
    return "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in rendered) + "\n</ul>"
