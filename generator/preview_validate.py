"""The preview's validation after an edit: the edited regions again, not the whole project.

An edit under regions/<id>/ can only change what that folder holds. So the edited folders are
read again (re-reading only files that changed, load.FILE_CACHE) into a copy of the last good
dataset, and only what they can affect is checked:

- every plan of the edited regions, with all the rules `policysite validate` applies to a plan
  (references to other plans are checked against every plan's id);
- the rules across regions (ids that differ only in case, shared codes, parents): they are
  checked over every region, a pass over a dict of regions that costs milliseconds at 3,000;
- other regions' plans cannot change, and were checked by the last full build.

When the edit adds, removes or renames a region or a plan, the answer is None: the set of pages
changes, and that takes a full build (generator/preview.py), which validates everything.
"""

from __future__ import annotations

from dataclasses import replace

from generator import load
from generator.checks import Checker, plan_problems
from generator.problems import Problem, has_errors
from generator.progress_checks import check_progress

REGIONS_FOLDER = "regions"


def plan_keys(dataset: load.Dataset) -> list[str]:
    return [f"{loaded.region_id}/{loaded.plan.id}" for loaded in dataset.plans]


def revalidate(dataset: load.Dataset, regions: set[str]
               ) -> tuple[load.Dataset, list[Problem]] | None:
    """The dataset with the edited regions read again, and their problems; None when the edit
    changed which regions or plans there are: a full build then. When an edited file does not
    load, its problems and the dataset as it was."""
    root = dataset.root
    edited = load.Dataset(root=root, themes=dataset.themes, audiences=dataset.audiences,
                          glossary=dataset.glossary,
                          vocabulary_files=dataset.vocabulary_files)
    problems: list[Problem] = []
    for region_id in sorted(regions):
        folder = root / REGIONS_FOLDER / region_id
        if not folder.is_dir():
            return None
        load.load_region_folder(folder, root, edited, problems)
    if has_errors(problems):  # a file that does not load: its errors, and the pages as they are
        return dataset, sorted(set(problems))
    before = [loaded for loaded in dataset.plans if loaded.region_id in regions]
    if set(edited.regions) != regions or plan_keys(edited) != plan_keys(load.Dataset(
            root=root, plans=before)):
        return None
    whole = _merged(dataset, edited, regions)
    scoped = replace(whole, plans=edited.plans)
    checker = Checker(scoped)
    checker.check_vocabularies()
    checker.check_regions()
    checker.check_plan_ids()  # duplicates within the edited regions: ids carry the region
    keys = set(plan_keys(whole))
    for loaded in edited.plans:
        problems += plan_problems(scoped, keys, loaded)
    problems += checker.problems + check_progress(scoped)
    return whole, sorted(set(problems))


def _merged(dataset: load.Dataset, edited: load.Dataset, regions: set[str]) -> load.Dataset:
    """The whole dataset with the edited regions' region.yaml and plans in their places, in
    the order load_dataset reads them (folders sorted: the same ids, so the same places)."""
    plans = {f"{p.region_id}/{p.plan.id}": p for p in edited.plans}
    return replace(
        dataset,
        regions={rid: edited.regions.get(rid, region) if rid in regions else region
                 for rid, region in dataset.regions.items()},
        region_files={rid: edited.region_files[rid] if rid in regions else where
                      for rid, where in dataset.region_files.items()},
        plans=[plans[f"{p.region_id}/{p.plan.id}"] if p.region_id in regions else p
               for p in dataset.plans],
    )
