"""JavaScript run in the page under test. Kept here so the Python modules read as steps."""

# The page's language and whether it scrolls sideways (a function body).
PAGE_FACTS = """
const root = document.documentElement;
return {lang: root.getAttribute('lang'), clientWidth: root.clientWidth,
        scrollWidth: root.scrollWidth, title: document.title};
"""

# Resolves after fonts are ready and two frames have been painted: by then a style change made
# just before has been applied and laid out. It answers with PAGE_FACTS as they are then, in
# the same round trip: the viewport width and the reflow check need no call of their own.
WAIT_FOR_PAINT = (
    "const done = arguments[arguments.length - 1];\n"
    f"const facts = () => {{\n{PAGE_FACTS}\n}};\n"
    "const frames = () => requestAnimationFrame(() => requestAnimationFrame(() => done(facts())));\n"
    "(document.fonts ? document.fonts.ready : Promise.resolve()).then(frames, frames);\n"
)


def after_paint(script: str) -> str:
    """An async script: `script` (a function body ending in `return …`) run once two frames
    have been painted after the last change, its value sent back in the same round trip."""
    return (
        "const done = arguments[arguments.length - 1];\n"
        f"const run = () => {{\n{script}\n}};\n"
        "requestAnimationFrame(() => requestAnimationFrame(() => done(run())));\n"
    )


NO_MOTION_STYLE = """
if (!document.getElementById('a11y-gate-no-motion')) {
  const style = document.createElement('style');
  style.id = 'a11y-gate-no-motion';
  style.textContent = '*, *::before, *::after { transition: none !important; ' +
    'animation: none !important; }';
  document.head.appendChild(style);
}
"""

# The contract with the theme overrides: these three attributes select the reader's mode.
APPLY_MODE = """
const [scheme, contrast, size] = arguments;
document.body.setAttribute('data-md-color-scheme', scheme);
const root = document.documentElement;
if (contrast) { root.setAttribute('data-contrast', contrast); }
else { root.removeAttribute('data-contrast'); }
root.setAttribute('data-text-size', size);
"""

# A short, stable description of an element for reports: tag#id.class "text".
DESCRIBE = """
const describe = (el) => {
  if (!el || !el.tagName) { return String(el); }
  let text = el.tagName.toLowerCase();
  if (el.id) { text += '#' + el.id; }
  const cls = (el.getAttribute('class') || '').trim().split(/\\s+/).filter(Boolean).slice(0, 3);
  if (cls.length) { text += '.' + cls.join('.'); }
  const words = (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ');
  if (words) { text += ' "' + words.slice(0, 40) + '"'; }
  return text;
};
"""

SKIP_LINK_FOCUSED = (
    DESCRIBE
    + """
const el = document.activeElement;
const main = document.querySelector('main, [role="main"]');
if (!el || el === document.body || el === document.documentElement) {
  return {focused: null};
}
let target = null;
if (el.tagName === 'A' && el.hash && el.pathname === location.pathname) {
  target = document.getElementById(decodeURIComponent(el.hash.slice(1)));
}
return {focused: describe(el), href: el.getAttribute('href'), hasMain: !!main,
        hasTarget: !!target,
        targetInMain: !!(target && main && (target === main || main.contains(target)))};
"""
)

ACTIVE_IN_MAIN = (
    DESCRIBE
    + """
const el = document.activeElement;
const main = document.querySelector('main, [role="main"]');
return {inMain: !!(main && el && (el === main || main.contains(el))), focused: describe(el)};
"""
)

# Facts about the focused element: its focus indicator and whether anything sticks over it.
# A visually hidden input (a styled checkbox or radio) shows its focus on its label instead.
FOCUS_FACTS = (
    DESCRIBE
    + """
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) { return null; }
const boxed = (node) => {
  const box = node.getBoundingClientRect();
  return box.width >= 2 && box.height >= 2;
};
const label = boxed(el) ? null : Array.from(el.labels || []).find(boxed);
const shown = label || el;
const cs = getComputedStyle(shown);
const outline = cs.outlineStyle !== 'none' && (parseFloat(cs.outlineWidth) || 0) >= 2;
const shadow = !!cs.boxShadow && cs.boxShadow !== 'none';
const r = shown.getBoundingClientRect();
const mine = (hit) => !!hit && (hit === shown || shown.contains(hit) || hit === el);
const cx = r.left + r.width / 2;
const hit = document.elementFromPoint(cx, r.top + r.height / 2);
// Whatever is painted over the element's top edge: if it belongs to a fixed or sticky bar,
// the bar's bottom is the header height the element must clear.
let header = 0;
const edge = document.elementFromPoint(cx, r.top + 1);
if (edge && !mine(edge)) {
  for (let c = edge; c && c !== document.body; c = c.parentElement) {
    const position = getComputedStyle(c).position;
    if ((position === 'fixed' || position === 'sticky') && !c.contains(el)) {
      header = c.getBoundingClientRect().bottom;
      break;
    }
  }
}
return {element: describe(el), shownBy: shown === el ? null : describe(shown),
        outline: outline, shadow: shadow,
        outlineStyle: cs.outlineStyle, outlineWidth: cs.outlineWidth,
        width: r.width, height: r.height, top: r.top, header: header,
        hitSelf: mine(hit), hit: hit ? describe(hit) : null};
"""
)

# Elements wider than the viewport that a reader could not scroll to with the keyboard.
WIDE_ELEMENTS = (
    DESCRIBE
    + """
const vw = document.documentElement.clientWidth;
const named = (c) => !!((c.getAttribute('aria-label') || '').trim() ||
  (c.getAttribute('aria-labelledby') || '').split(/\\s+/).some(
    (id) => id && document.getElementById(id) &&
            document.getElementById(id).textContent.trim()));
const scrollRegion = (el) => {
  for (let c = el.parentElement; c && c !== document.body; c = c.parentElement) {
    const overflow = getComputedStyle(c).overflowX;
    if (overflow === 'auto' || overflow === 'scroll') {
      return c.getAttribute('tabindex') === '0' && c.getAttribute('role') === 'region' &&
             named(c);
    }
  }
  return false;
};
const reported = [];
for (const el of document.body.querySelectorAll('*')) {
  if (el.getBoundingClientRect().width <= vw + 1) { continue; }
  const cs = getComputedStyle(el);
  if (cs.visibility === 'hidden' || cs.display === 'none') { continue; }
  if (reported.some((r) => r.contains(el)) || scrollRegion(el)) { continue; }
  reported.push(el);
}
return reported.map(describe);
"""
)

TEXT_SPACING_STYLE = """
const style = document.createElement('style');
style.id = 'a11y-gate-text-spacing';
style.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; ' +
  'word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
document.head.appendChild(style);
"""

# Elements with text whose own overflow hides what no longer fits (WCAG 1.4.12).
CLIPPED_TEXT = (
    DESCRIBE
    + """
const clipped = [];
for (const el of document.body.querySelectorAll('*')) {
  const cs = getComputedStyle(el);
  if (cs.overflowY !== 'hidden' && cs.overflowY !== 'clip') { continue; }
  if (cs.visibility === 'hidden' || cs.display === 'none') { continue; }
  // 1×1 boxes are the visually-hidden pattern: text for screen readers, clipped on purpose.
  if (el.clientHeight <= 1 || el.clientWidth <= 1 || !el.textContent.trim()) { continue; }
  if (el.scrollHeight > el.clientHeight + 1) {
    clipped.push(describe(el) + ' (' + el.scrollHeight + 'px of text in ' +
                 el.clientHeight + 'px)');
  }
}
return clipped;
"""
)

# The search page (content/search.md, assets/ps-search.js) with a query in its address: wait
# until its results are listed and its live region has said so, or give up after arguments[0] s.
SEARCH_RESULTS_SHOWN = """
const done = arguments[arguments.length - 1];
const until = Date.now() + 1000 * arguments[0];
const poll = () => {
  const box = document.querySelector('[data-ps-search-results]');
  const list = document.querySelector('[data-ps-search-list]');
  const status = document.querySelector('[data-ps-search-status]');
  const said = status ? status.textContent.trim() : '';
  if (box && !box.hidden && list && list.children.length > 0 && said) {
    done({shown: true, status: said});
  } else if (!(box && list && status) || Date.now() > until) {
    done({shown: false, status: said, found: !!(box && list && status)});
  } else {
    setTimeout(poll, 50);
  }
};
poll();
"""
