"""A small, made-up notice in the family's shape, written as .txt, .html, .docx and .pdf.

The text is the project's own (示例市 does not exist); it has what the importer must find: an
issuer mark, a number, a notice title over two lines, addressees, a notice paragraph, signatory
and date, 附注, the plan's title, a preamble, sections, run-in titles, responsibility brackets
with a registered and an unregistered organisation, safeguards, 抄送 and the date of issue.
"""

from __future__ import annotations

from pathlib import Path

REGION = """\
id: shili
name: 示例市
level: prefecture
parent: gansu
code: "629900"
organisations:
  - id: renshe
    name: 市人社局
    kind: government_department
  - id: canlian
    name: 市残联
    kind: mass_organisation
"""

BLOCKS = [
    "示例市人民政府办公室文件",
    "示政办发〔2026〕7号",
    "示例市人民政府办公室",
    "关于印发示例市促进残疾人就业行动方案（2026—2027年）的通知",
    "各县、区人民政府，市政府各部门：",
    "《示例市促进残疾人就业行动方案（2026—2027年）》已经市政府同意，现印发给你们，"
    "请认真贯彻落实。",
    "示例市人民政府办公室",
    "2026年5月6日",
    "（此件公开发布）",
    "示例市促进残疾人就业行动方案（2026—2027年）",
    "为促进残疾人实现较为充分较高质量的就业，结合我市实际，制定本方案。",
    "一、主要目标",
    "到2027年底，全市新增残疾人就业不少于100人，残疾人就业服务体系更加完善。",
    "二、主要措施",
    "（一）开发就业岗位。各级机关、事业单位带头安排残疾人就业，按规定放宽开考条件，"
    "每年至少提供1个岗位用于招录残疾人。（市人社局、市残联按职责分工负责）",
    "（二）加强职业培训。每年组织残疾人职业技能培训不少于200人次，"
    "培训合格的按规定给予补贴。（市残联、市示例局按职责分工负责）",
    "三、保障措施",
    "（一）加强组织领导。各地要加强对残疾人就业工作的领导，确保各项措施落地落实。",
    "抄送：市委办公室，市人大常委会办公室。",
    "示例市人民政府办公室",
    "2026年5月8日印发",
]


def write_txt(path: Path) -> Path:
    path.write_text("\n\n".join(BLOCKS) + "\n", encoding="utf-8")
    return path


def write_html(path: Path) -> Path:
    body = "".join(f"<p style='text-indent:2em'>{block}</p>\n" for block in BLOCKS)
    path.write_text(
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>示例</title>"
        "<script>var tracking = '不是文件';</script></head><body>"
        "<nav><a href='/'>首页</a></nav><div class='top'>政务公开 | 政策文件。</div>"
        "<div class='main'><div class='meta'>发布时间：2026-05-08</div><div class='text'>\n"
        + body + "</div></div><footer>网站标识码 0000000000</footer></body></html>",
        encoding="utf-8")
    return path


def write_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for block in BLOCKS:
        document.add_paragraph(block)
    document.save(str(path))
    return path


def wrapped(text: str, measure: int) -> list[str]:
    return [text[i:i + measure] for i in range(0, len(text), measure)]


def write_pdf(path: Path, measure: int = 22, per_page: int = 30) -> Path:
    """Lines wrapped to a fixed measure, pages numbered “— n —” at the foot."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    lines = [line for block in BLOCKS for line in wrapped(block, measure)]
    pdf = canvas.Canvas(str(path))
    for page, start in enumerate(range(0, len(lines), per_page), start=1):
        pdf.setFont("STSong-Light", 12)
        for row, line in enumerate(lines[start:start + per_page]):
            pdf.drawString(60, 790 - 22 * row, line)
        pdf.drawString(280, 40, f"— {page} —")
        pdf.showPage()
    pdf.save()
    return path
