"""IBM Equal Access (accessibility-checker-engine): a second opinion beside axe.

Injected like axe into the page under test, on each template's page in every mode. Its rule
set is "WCAG_2_2" (WCAG 2.2 A and AA). A "violation" that the engine is sure of fails the gate;
"potential" and "manual" violations are listed for a person to review, as axe's incomplete.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from selenium.webdriver.remote.webdriver import WebDriver

from .engines import Engine
from .results import Failure

POLICY = "WCAG_2_2"
_SNIPPET_LIMIT = 200

# As axe_engine.MODE_RULES, for the same reasons: in the display modes other than the default
# only the rules whose outcome depends on colour or on the layout a larger text makes.
MODE_RULES = ("text_contrast_sufficient", "target_spacing_sufficient",
              "element_scrollable_tabbable")

# Loaded only when a page needs it: most pages are checked by axe alone. One checker per rule
# selection is kept in the page, so switching modes does not build the rules again.
RUN_IBM = """
const [policy, only, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
if (!window.ace) { done({missing: true}); return; }
const key = '__a11yIbm' + (only ? 'Mode' : 'All');
if (!window[key]) {
  const checker = new ace.Checker();
  if (only) {
    // Checker.disableRule (4.0.34) silences every rule, the kept ones too (the test
    // test_a_barrier_of_one_mode_is_found_there_by_both_engines shows it): the other rules
    // are taken out of this checker's own engine instead.
    const rules = checker.engine.ruleMap;
    for (const rule of Object.keys(rules)) {
      if (!only.includes(rule)) { delete rules[rule]; }
    }
  }
  window[key] = checker;
}
window[key].check(document, [policy]).then((report) => done({results:
  report.results
    .filter((r) => r.value[0] === 'VIOLATION' && r.value[1] !== 'PASS')
    .map((r) => ({rule: r.ruleId, level: r.value[1], path: (r.path && r.path.dom) || '',
                  message: r.message, snippet: r.snippet || ''}))}),
  (e) => done({error: String(e)}));
"""


@dataclass
class IbmRun:
    failures: list[Failure]  # definite violations: fail the gate
    reviews: list[Failure]  # potential or manual: a person decides
    seconds: float


class IbmRunner:
    def __init__(self, driver: WebDriver, engine: Engine) -> None:
        self.driver = driver
        self.source = engine.source()

    def run(self, width: int, mode: str, *, every_rule: bool = True) -> IbmRun:
        """The whole rule set, or (every_rule=False) only MODE_RULES."""
        started = time.perf_counter()
        only = None if every_rule else list(MODE_RULES)
        # The engine is sent once per document, when a run finds it missing (no round trip
        # to ask first: most runs find it there).
        answer = self.driver.execute_async_script(RUN_IBM, POLICY, only)
        if answer.get("missing"):
            self.driver.execute_script(self.source + "\n;window.ace = ace;")
            answer = self.driver.execute_async_script(RUN_IBM, POLICY, only)
            if answer.get("missing"):
                answer = {"error": "accessibility-checker-engine is not loaded in this page"}
        seconds = time.perf_counter() - started
        if "error" in answer:
            failure = Failure("ibm:error", str(answer["error"]), width, mode)
            return IbmRun([failure], [], seconds)
        failures: list[Failure] = []
        reviews: list[Failure] = []
        for result in answer["results"]:
            found = Failure(
                f"ibm:{result['rule']}",
                f"{result['message']} [{result['snippet'][:_SNIPPET_LIMIT]}]",
                width,
                mode,
                result["path"],
            )
            (failures if result["level"] == "FAIL" else reviews).append(found)
        return IbmRun(sorted(set(failures)), sorted(set(reviews)), seconds)
