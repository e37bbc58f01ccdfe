"""Rules that span fields and files: references, sequences, quotes, ids, and fidelity."""

from __future__ import annotations

from functools import partial

from generator import fidelity, invisible
from generator.document_checks import check_document, check_status, missing_notice
from generator.forked import shared_map
from generator.load import Dataset, LoadedPlan
from generator.model import Node, Region, Responsibility
from generator.numbering import action_id, first_with_style, label_like, parse_label
from generator.problems import Problem, dotted
from generator.summarycheck import plan_summary_problems
from generator.tree import Placed, responsibilities, walk
from generator.yamlload import Path_


class Checker:
    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.problems: list[Problem] = []

    def run(self) -> list[Problem]:
        self.check_vocabularies()
        self.check_regions()
        plan_keys = self.check_plan_ids()
        # A plan's rules read that plan and the shared registries, and change nothing: its
        # problems are found on both cores (forked.shared_map), in the plans' order.
        for found in shared_map(partial(plan_problems, self.dataset, plan_keys),
                                self.dataset.plans):
            self.problems += found
        return self.problems

    def report(self, file: str, located, path: Path_, field: str, message: str,
               hint: str) -> None:
        line, column = located.position(path)
        self.problems.append(Problem(file, line, column, field, message, hint))

    # -- shared vocabularies

    def check_vocabularies(self) -> None:
        for name in ("themes", "audiences"):
            vocabulary = getattr(self.dataset, name)
            if vocabulary is None:
                continue
            file, located = self.dataset.vocabulary_files[name]
            seen: set[str] = set()
            for index, term in enumerate(vocabulary.terms):
                if term.id in seen:
                    self.report(file, located, ("terms", index, "id"), f"terms[{index}].id",
                                f"id“{term.id}”重复。", "每一项的 id 必须不同。")
                seen.add(term.id)

    # -- regions and their organisation registries

    def check_regions(self) -> None:
        regions = self.dataset.regions
        folded: dict[str, str] = {}
        for region_id, region in regions.items():
            file, located = self.dataset.region_files[region_id]
            if region_id.casefold() in folded:
                self.report(file, located, ("id",), "id",
                            f"地区 id“{region_id}”与“{folded[region_id.casefold()]}”只差大小写。",
                            "换一个 id。")
            folded[region_id.casefold()] = region_id
            self.check_parent(region, file, located)
            self.check_registry(region, file, located)
        codes: dict[str, str] = {}
        for region_id, region in regions.items():
            file, located = self.dataset.region_files[region_id]
            if region.code in codes:
                self.report(file, located, ("code",), "code",
                            f"行政区划代码 {region.code} 已被地区“{codes[region.code]}”使用。",
                            "核对六位行政区划代码。")
            codes.setdefault(region.code, region_id)

    def check_parent(self, region: Region, file: str, located) -> None:
        regions = self.dataset.regions
        expected_parent_level = {"prefecture": "province", "county": "prefecture"}
        if region.level == "province":
            if region.parent:
                self.report(file, located, ("parent",), "parent",
                            "省级地区不应有上级地区。", "删掉 parent。")
            return
        if not region.parent:
            self.report(file, located, ("level",), "parent", "缺少上级地区。",
                        "加上“parent: 上级地区的 id”，例如 gansu。")
            return
        parent = regions.get(region.parent)
        if parent is None:
            self.report(file, located, ("parent",), "parent",
                        f"上级地区“{region.parent}”不存在。",
                        f"先在 regions/{region.parent}/region.yaml 建立上级地区，或改正 id。"
                        f"现有地区：{'、'.join(sorted(regions))}。")
        elif parent.level != expected_parent_level[region.level]:
            self.report(file, located, ("parent",), "parent",
                        f"上级地区“{parent.name}”的级别与本地区不相称。",
                        "地级市的上级应是省级地区，县级的上级应是地级地区。")

    def check_registry(self, region: Region, file: str, located) -> None:
        ids: set[str] = set()
        names: dict[str, int] = {}
        for index, organisation in enumerate(region.organisations):
            path = ("organisations", index)
            if organisation.id in ids:
                self.report(file, located, (*path, "id"), f"organisations[{index}].id",
                            f"单位 id“{organisation.id}”重复。", "每个单位的 id 必须不同。")
            ids.add(organisation.id)
            for name in (organisation.name, *organisation.aliases):
                if name in names:
                    self.report(file, located, (*path, "name"), f"organisations[{index}]",
                                f"名称“{name}”在登记册中出现了两次（另见第 {names[name] + 1} 项）。",
                                "同一单位的不同写法放在一项的 aliases 里。")
                names[name] = index

    # -- plans

    def check_plan_ids(self) -> set[str]:
        keys: set[str] = set()
        for loaded in self.dataset.plans:
            key = f"{loaded.region_id}/{loaded.plan.id}"
            if key in keys:
                self.report(loaded.file, loaded.located, ("id",), "id",
                            f"方案 id“{loaded.plan.id}”在本地区重复。", "换一个 id。")
            keys.add(key)
            if loaded.region_id not in self.dataset.regions:
                self.report(loaded.file, loaded.located, ("id",), "",
                            f"方案所在地区“{loaded.region_id}”没有有效的 region.yaml。",
                            "先改正该地区的 region.yaml。")
        return keys

    def check_plan(self, loaded: LoadedPlan, plan_keys: set[str]) -> None:
        plan, file, located = loaded.plan, loaded.file, loaded.located
        document = plan.document
        key = f"{loaded.region_id}/{plan.id}"
        for path, message, hint in (
            *check_document(plan),
            *check_status(plan, key, plan_keys, self.dataset.unloaded_plans),
        ):
            self.report(file, located, path, dotted(path), message, hint)
        if plan.period and plan.period.start > plan.period.end:
            self.report(file, located, ("period",), "period", "起始年份晚于结束年份。",
                        "核对 period 的 start 和 end。")
        notice = fidelity.without_whitespace("".join(document.notice))
        if plan.approval and fidelity.without_whitespace(plan.approval) not in notice:
            self.report(file, located, ("approval",), "approval",
                        "审议情况在通知正文中找不到。", "从通知正文中原样复制这句话。")
        whole = fidelity.without_whitespace("".join(fidelity.plan_text(plan)))
        for index, citation in enumerate(plan.citations):
            if fidelity.without_whitespace(citation.quote) not in whole:
                self.report(file, located, ("citations", index, "quote"),
                            f"citations[{index}].quote", "引用原文在方案中找不到。",
                            "从正文中原样复制引用这份文件的那段文字。")
        self.check_nodes(loaded)
        self.check_plan_commitments(loaded)
        if not missing_notice(plan):
            self.check_fidelity(loaded)

    def check_plan_commitments(self, loaded: LoadedPlan) -> None:
        plan = loaded.plan
        text = fidelity.without_whitespace("".join(plan.preamble + plan.closing))
        for index, commitment in enumerate(plan.commitments):
            if fidelity.without_whitespace(commitment.quote) not in text:
                path = ("commitments", index, "quote")
                self.report(loaded.file, loaded.located, path, dotted(path),
                            "承诺的引文在引言和结束段落中找不到。",
                            "从引言或结束段落中原样复制；正文各条中的承诺写在各条的 commitments 里。")

    def check_nodes(self, loaded: LoadedPlan) -> None:
        plan, file, located = loaded.plan, loaded.file, loaded.located
        region = self.dataset.regions.get(loaded.region_id)
        # Without a valid region.yaml (reported already) there is no registry to check against.
        known_names = {name for o in region.organisations for name in (o.name, *o.aliases)} \
            if region else None
        # Likewise an unreadable themes.yaml or audiences.yaml is one problem, not one per use.
        themes = {t.id for t in self.dataset.themes.terms} if self.dataset.themes else None
        audiences = {t.id for t in self.dataset.audiences.terms} if self.dataset.audiences \
            else None
        last_number: dict[str, int] = {}
        action_ids: dict[str, Path_] = {}
        for placed in walk(plan):
            node, path = placed.node, placed.path
            field = dotted(path)
            self.check_label(placed, plan.body, last_number, file, located)
            self.check_kind(placed, file, located)
            if node.kind == "action":
                identifier = action_id(node)
                if identifier is None:
                    self.report(file, located, path, field, "行动没有序号，无法生成网址。",
                                "给这项行动加上 id，例如 id: action-1。")
                elif identifier in action_ids:
                    self.report(file, located, (*path, "label"), field,
                                f"行动网址 id“{identifier}”重复。",
                                "两项行动的序号相同；检查序号，或给其中一项写明不同的 id。")
                else:
                    action_ids[identifier] = path
                self.check_action_fields(placed, file, located)
            for index, theme in enumerate(node.themes):
                if themes is not None and theme not in themes:
                    self.report(file, located, (*path, "themes", index), f"{field}.themes",
                                f"主题“{theme}”不存在。",
                                f"可用的主题 id：{'、'.join(sorted(themes))}。")
            for index, audience in enumerate(node.audiences):
                if audiences is not None and audience not in audiences:
                    self.report(file, located, (*path, "audiences", index), f"{field}.audiences",
                                f"人群“{audience}”不存在。",
                                f"可用的人群 id：{'、'.join(sorted(audiences))}。")
            for responsibility, rpath in responsibilities(placed):
                self.check_responsibility(responsibility, rpath, known_names, loaded)
            self.check_commitments(placed, file, located)

    def check_label(self, placed: Placed, body: list[Node], last_number: dict[str, int],
                    file: str, located) -> None:
        node = placed.node
        if not node.label:
            return
        parsed = parse_label(node.label)
        if parsed is None:
            return
        style, number = parsed
        siblings = placed.ancestors[-1].children if placed.ancestors else body
        previous = last_number.get(style, 0)
        first_among_siblings = first_with_style(siblings, node, style)
        allowed = {1, previous + 1} if first_among_siblings else {previous + 1}
        if number not in allowed:
            expected = "或".join(label_like(node.label, n) for n in sorted(allowed))
            self.report(file, located, (*placed.path, "label"), dotted((*placed.path, "label")),
                        f"序号“{node.label}”不连续，这里应是{expected}。",
                        "检查是否漏录或重复录入了一项，或序号打错。")
        last_number[style] = number

    def check_kind(self, placed: Placed, file: str, located) -> None:
        kinds = [a.kind for a in placed.ancestors]
        node = placed.node
        inside_action = any(k in ("action", "measure") for k in kinds)
        if node.kind == "action" and inside_action:
            self.report(file, located, (*placed.path, "kind"), dotted((*placed.path, "kind")),
                        "行动（action）不能放在另一项行动里面。",
                        "行动中的下一级条目请用 kind: measure。")
        if node.kind == "measure" and not inside_action:
            self.report(file, located, (*placed.path, "kind"), dotted((*placed.path, "kind")),
                        "措施（measure）只能放在行动（action）里面。",
                        "独立成页的一项请用 kind: action；其他条目用 kind: item。")
        if node.kind == "part" and kinds:
            self.report(file, located, (*placed.path, "kind"), dotted((*placed.path, "kind")),
                        "部分（part）只能在最上一层。", "下一级请用 group、action 或 item。")

    def check_action_fields(self, placed: Placed, file: str, located) -> None:
        node, path = placed.node, placed.path
        field = dotted(path)
        missing = [name for name, value in (("themes", node.themes),
                                            ("audiences", node.audiences)) if not value]
        for name in missing:
            self.report(file, located, path, f"{field}.{name}",
                        f"行动缺少“{name}”。",
                        {"themes": "列出一到四个主题 id（见 regions/themes.yaml）。",
                         "audiences": "列出一到四个人群 id（见 regions/audiences.yaml）。"}[name])
        if not node.summary:
            # A person writes the summary (an imported draft has none); the page shows the
            # document's own text meanwhile, so this is a reminder, not an error.
            line, column = located.position(path)
            self.problems.append(Problem(
                file, line, column, f"{field}.summary", "行动还没有通俗说明（summary）。",
                "按维护指南的标准，用一两句通俗的话写明谁能得到什么帮助、找谁。",
                severity="warning"))
        if not node.title:
            self.report(file, located, path, f"{field}.title", "行动缺少标题。",
                        "把序号后面的标题写在 title。")
        has_own = any(True for _ in responsibilities(placed))
        has_nested = any(
            child.responsibility or any(p.responsibility for p in child.paragraphs)
            for child in node.children
        )
        if not (has_own or has_nested):
            self.report(file, located, path, f"{field}.responsibility",
                        "行动没有责任单位。",
                        "把文中括号或“责任单位：”一行原样写进 responsibility.printed，"
                        "并在 organisations 中列出各单位。")

    def check_responsibility(self, responsibility: Responsibility, path: Path_,
                             known_names: set[str] | None, loaded: LoadedPlan) -> None:
        file, located = loaded.file, loaded.located
        printed = fidelity.without_whitespace(responsibility.printed)
        for index, name in enumerate(responsibility.organisations):
            where = (*path, "organisations", index)
            if known_names is not None and name not in known_names:
                self.report(file, located, where, dotted(where),
                            f"单位“{name}”不在{loaded.region_id}的单位登记册中。",
                            f"在 regions/{loaded.region_id}/region.yaml 的 organisations 中加上"
                            "这个单位（或把这种写法加进已有单位的 aliases）。")
            if fidelity.without_whitespace(name) not in printed:
                self.report(file, located, where, dotted(where),
                            f"单位“{name}”没有出现在印出的责任单位文字中。",
                            "organisations 只列 printed 中原样出现的单位名称。")
        instruction = responsibility.standing_instruction
        if instruction and fidelity.without_whitespace(instruction) not in printed:
            where = (*path, "standing_instruction")
            self.report(file, located, where, dotted(where),
                        "统一要求没有出现在印出的责任单位文字中。",
                        "从 printed 中原样复制“以下任务均需……”这一句。")

    def check_commitments(self, placed: Placed, file: str, located) -> None:
        node = placed.node
        text = fidelity.without_whitespace("".join(p.text for p in node.paragraphs))
        for index, commitment in enumerate(node.commitments):
            path = (*placed.path, "commitments", index)
            if fidelity.without_whitespace(commitment.quote) not in text:
                self.report(file, located, (*path, "quote"), dotted((*path, "quote")),
                            "承诺的引文在本条正文中找不到。",
                            "从本条正文中原样复制包含这项承诺的句子或分句。")
            printed = commitment.deadline_printed
            if printed and fidelity.without_whitespace(printed) not in \
                    fidelity.without_whitespace(commitment.quote):
                self.report(file, located, (*path, "deadline_printed"),
                            dotted((*path, "deadline_printed")),
                            "期限的原文写法不在引文中。", "从 quote 中原样复制期限，如“2027年底前”。")
            if printed and commitment.deadline is None:
                self.report(file, located, (*path, "deadline"), dotted((*path, "deadline")),
                            "写了期限原文，却没有填期限日期。",
                            "把期限写成日期，例如“2027年底前”写 2027-12-31。")

    def check_fidelity(self, loaded: LoadedPlan) -> None:
        if loaded.source_text is None:
            return
        plan, file, located = loaded.plan, loaded.file, loaded.located
        divergence, mismatches = fidelity.compare(plan, loaded.source_text)
        for mismatch in mismatches:
            path = ("corrections", mismatch.index, "count")
            self.report(file, located, path, dotted(path),
                        f"更正“{mismatch.find}”在原文中出现 {mismatch.found} 次，"
                        f"而 count 写的是 {mismatch.expected} 次。",
                        "核对 find 是否与原文逐字相同，并把 count 改成实际次数。")
        if divergence:
            path = fidelity.path_at(plan, divergence.offset)
            line, column = located.position(path)
            self.problems.append(Problem(
                file, line, column, dotted(path),
                "数据与原文不一致：从这里开始，YAML 中的文字与原文（source.txt）不同。"
                f"原文是“…{invisible.shown(divergence.source_context)}…”，"
                f"YAML 是“…{invisible.shown(divergence.yaml_context)}…”。",
                fidelity.remedy(plan, loaded.source_text, path),
            ))


def plan_problems(dataset: Dataset, plan_keys: set[str], loaded: LoadedPlan) -> list[Problem]:
    """Every rule of one plan, its plain-language summaries included; plan_keys: every plan's
    "region/plan" id, for references between plans."""
    checker = Checker(dataset)
    checker.check_plan(loaded, plan_keys)
    return checker.problems + plan_summary_problems(dataset, loaded)


def validate(dataset: Dataset) -> list[Problem]:
    return Checker(dataset).run()
