// Run the built site's pages through accessibility engines the gate does not run
// (HTML_CodeSniffer, Siteimprove Alfa, QualWeb, Lighthouse), in the gate's display modes and
// widths. Not part of the build or the tests: the engines are not project dependencies. How to
// run it and what it found: generator/a11y/other-engines.md (scripts/other_engines.sh wraps it).
//
//   node scripts/other_engines.mjs ENGINE BASE_URL PAGES.json OUT.json
//
// ENGINE: htmlcs | alfa | qualweb | lighthouse. PAGES.json: {kind: "path/index.html"} relative
// to BASE_URL. Engines are loaded from $OTHER_ENGINES_TOOLS/<engine>/node_modules.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [engine, baseUrl, pagesFile, outFile] = process.argv.slice(2);
const TOOLS = process.env.OTHER_ENGINES_TOOLS || "/tmp/s5-audit-tools";
const CHROMIUM = process.env.PUPPETEER_EXECUTABLE_PATH || "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu"];
// The gate's colour modes (generator/a11y/options.py), at the normal text size, and its widths.
const MODES = [
  { name: "default", scheme: "default", contrast: null },
  { name: "slate", scheme: "slate", contrast: null },
  { name: "high-contrast", scheme: "default", contrast: "high" },
];
const WIDTHS = (process.env.OTHER_ENGINES_WIDTHS || "1280,320").split(",").map(Number);
// Every kind in the default mode at every width first, then the other modes: a run cut short
// (OUT.json is rewritten after every page) still covers every kind once.
const RUNS = [
  ...WIDTHS.map((width) => ({ width, mode: MODES[0] })),
  ...WIDTHS.flatMap((width) => MODES.slice(1).map((mode) => ({ width, mode }))),
].filter((run) => (process.env.OTHER_ENGINES_MODES || "default,slate,high-contrast")
  .split(",").includes(run.mode.name));
const results = [];
function record(kind, path, width, mode, findings) {
  results.push({ kind, path, width, mode: mode.name, findings });
  writeFileSync(outFile, JSON.stringify(results, null, 1));
  process.stderr.write(`${engine} ${kind} ${width} ${mode.name}: ${findings.length}\n`);
}
const SEARCH_QUERY = "残疾人就业"; // the gate opens the search page with results shown

const req = (name) => createRequire(`${TOOLS}/${name}/package.json`);
const pages = JSON.parse(readFileSync(pagesFile, "utf8"));

function pageUrl(path) {
  const url = new URL(path.replace(/index\.html$/, ""), baseUrl);
  if (path.startsWith("search/")) url.searchParams.set("q", SEARCH_QUERY);
  return url.href;
}

// The same three attributes the gate sets (generator/a11y/scripts.py APPLY_MODE).
async function applyMode(page, mode) {
  await page.evaluate((m) => {
    document.body.setAttribute("data-md-color-scheme", m.scheme);
    const root = document.documentElement;
    if (m.contrast) root.setAttribute("data-contrast", m.contrast);
    else root.removeAttribute("data-contrast");
    root.setAttribute("data-text-size", "normal");
  }, mode);
  await new Promise((resolve) => setTimeout(resolve, 400)); // let colour transitions end
}

async function load(page, path, width, mode) {
  await page.setViewport({ width, height: 900 });
  await page.goto(pageUrl(path), { waitUntil: "load" });
  if (path.startsWith("search/")) {
    await page.waitForSelector("[data-ps-search-list] > *", { timeout: 30000 });
  }
  await applyMode(page, mode);
}

// Every (kind, width, mode) run; `check(page)` returns a list of {rule, outcome, target, message}.
async function sweep(puppeteer, check) {
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage();
    for (const { width, mode } of RUNS) {
      for (const [kind, path] of Object.entries(pages)) {
        await load(page, path, width, mode);
        record(kind, path, width, mode, await check(page));
      }
    }
  } finally {
    await browser.close();
  }
}

async function htmlcs(page) {
  await page.addScriptTag({ path: req("pa11y").resolve("html_codesniffer/build/HTMLCS.js") });
  return page.evaluate(() => new Promise((resolve) => {
    const types = { 1: "error", 2: "warning", 3: "notice" };
    window.HTMLCS.process("WCAG2AA", document, () => {
      resolve(window.HTMLCS.getMessages().filter((m) => m.type !== 3).map((m) => ({
        rule: m.code, outcome: types[m.type], message: m.msg,
        target: m.element && m.element.outerHTML ? m.element.outerHTML.slice(0, 160) : "",
      })));
    });
  }));
}

// An Alfa target: a node (its XPath), or a group of them (sia-r41's links of one name).
const describe = (target) => typeof target?.path === "function" ? target.path()
  : target && typeof target[Symbol.iterator] === "function" && typeof target !== "string"
    ? [...target].map(describe).join(" ; ") : String(target);

async function alfaChecker() {
  const r = req("alfa");
  const load = (name) => import(pathToFileURL(r.resolve(name)).href);
  const [{ Native }, { Node }, { Page }, { Request, Response }, { Device }, { Rules }, act, dn] =
    await Promise.all([
      load("@siteimprove/alfa-dom/native"), load("@siteimprove/alfa-dom"),
      load("@siteimprove/alfa-web"), load("@siteimprove/alfa-http"),
      load("@siteimprove/alfa-device"), load("@siteimprove/alfa-rules"),
      load("@siteimprove/alfa-act"), load("@siteimprove/alfa-device/native"),
    ]);
  // OTHER_ENGINES_ALFA_RULES=sia-r69,sia-r62: only these (the colour-dependent ones in the
  // dark and high-contrast modes: a mode changes colours only, as the gate's README says).
  const ALFA_RULES = process.env.OTHER_ENGINES_ALFA_RULES?.split(",");
  return async (page) => {
    // The page's DOM, styles and boxes, and the device (viewport, preferences), as Alfa's own
    // browser integrations serialise them.
    const json = await page.evaluate(Native.fromNode);
    const dev = Device.from(await page.evaluate(dn.Native.fromWindow));
    const alfaPage = Page.of(Request.empty(), Response.empty(), Node.from(json, dev), dev);
    const findings = [];
    for (const rule of Rules.values()) {
      if (ALFA_RULES && !ALFA_RULES.includes(rule.uri.replace(/.*\//, ""))) continue;
      for (const outcome of await rule.evaluate(alfaPage)) {
        const failed = act.Outcome.isFailed(outcome);
        if (!failed && !act.Outcome.isCantTell(outcome)) continue;
        findings.push({
          rule: rule.uri.replace(/.*\//, ""), outcome: failed ? "failed" : "cantTell",
          target: describe(outcome.target).slice(0, 300),
          message: failed ? [...outcome.expectations].map(([, e]) =>
            e.isErr() ? e.getErr().message : "").filter(Boolean).join(" | ") : "",
        });
      }
    }
    return findings;
  };
}

async function qualweb() {
  const r = req("qw");
  const { QualWeb } = r("@qualweb/core");
  const { ACTRules } = r("@qualweb/act-rules");
  const { WCAGTechniques } = r("@qualweb/wcag-techniques");
  const { BestPractices } = r("@qualweb/best-practices");
  for (const { width, mode } of RUNS) {
    {
      const qw = new QualWeb({ adBlock: false, stealth: false });
      qw.use({ afterPageLoad: async (page) => {
        if (page.url().includes("/search/")) {
          await page.waitForSelector("[data-ps-search-list] > *", { timeout: 30000 });
        }
        await applyMode(page, mode);
      } });
      await qw.start({ maxConcurrency: 1, timeout: 240000 },
        { executablePath: CHROMIUM, args: ARGS });
      const urls = Object.values(pages).map(pageUrl);
      const reports = await qw.evaluate({
        urls, viewport: { mobile: width < 600, resolution: { width, height: 900 } },
        modules: [new ACTRules(), new WCAGTechniques(), new BestPractices()], log: { console: false },
      });
      await qw.stop();
      for (const [kind, path] of Object.entries(pages)) {
        const url = pageUrl(path); // QualWeb keys a report by the address as given or decoded
        const report = reports[url] || reports[decodeURI(url)];
        const findings = [];
        for (const module of Object.values(report ? report.modules : {})) {
          for (const [code, a] of Object.entries(module.assertions)) {
            for (const res of a.results.filter((x) => ["failed", "warning"].includes(x.verdict))) {
              findings.push({ rule: `${code} ${a.name}`, outcome: res.verdict,
                message: res.description, target: (res.elements || [])
                  .map((e) => e.pointer || e.htmlCode).join(" ; ").slice(0, 300) });
            }
          }
        }
        if (!report) findings.push({ rule: "no-report", outcome: "error", message: "", target: "" });
        record(kind, path, width, mode, findings);
      }
    }
  }
}

async function lighthouse() {
  const r = req("lh");
  const puppeteer = r("puppeteer-core");
  const { snapshot } = await import(pathToFileURL(r.resolve("lighthouse")).href);
  const config = { extends: "lighthouse:default",
    settings: { onlyCategories: ["accessibility"], formFactor: "desktop", screenEmulation:
      { disabled: true } } };
  await sweep(puppeteer, async (page) => {
    const result = await snapshot(page, { config });
    const lhr = result.lhr;
    const findings = [];
    for (const ref of lhr.categories.accessibility.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (audit.score === null || audit.score === 1) continue;
      const items = (audit.details && audit.details.items) || [];
      findings.push({ rule: ref.id, outcome: "failed", message: audit.title,
        target: items.map((i) => i.node && i.node.selector).join(" ; ").slice(0, 300) });
    }
    findings.push({ rule: "score", outcome: "info", message:
      String(lhr.categories.accessibility.score), target: "" });
    return findings;
  });
}

async function main() {
  if (engine === "htmlcs") await sweep(req("pa11y")("puppeteer"), htmlcs);
  else if (engine === "alfa") await sweep(req("alfa")("puppeteer-core"), await alfaChecker());
  else if (engine === "qualweb") await qualweb();
  else if (engine === "lighthouse") await lighthouse();
  else throw new Error(`unknown engine ${engine}`);
}

main().catch((error) => { console.error(error); process.exit(2); });
