/* policysite behaviour on top of Material for MkDocs 9.8: reading settings, read-aloud, and
 * fixes for Material's keyboard and screen-reader gaps. Each part names the WCAG criterion or
 * reader behaviour it exists for. No announcements are made and focus is never moved except in
 * answer to the reader's own key press or click.
 *
 * State lives in attributes (a fixed contract with the accessibility gate):
 *   html[data-text-size="normal|large|larger"], html[data-contrast="high"],
 *   body[data-md-color-scheme="default|slate"] (Material's own).
 * The head of every page (overrides/main.html) applies the saved preferences before painting.
 */
(function () {
  "use strict";

  // Saved preferences are read, saved and applied by overrides/partials/ps-prefs.html only.
  var prefs = window.psPrefs;
  var TEXT_SIZES = prefs.sizes;
  var root = document.documentElement;

  function currentTextSize() {
    var size = root.getAttribute("data-text-size");
    return TEXT_SIZES.indexOf(size) >= 0 ? size : "normal";
  }

  function highContrast() {
    return root.getAttribute("data-contrast") === "high";
  }

  function setTextSize(size) {
    root.setAttribute("data-text-size", size);
    prefs.save({ textSize: size });
  }

  function setHighContrast(on) {
    if (on) {
      root.setAttribute("data-contrast", "high");
    } else {
      root.removeAttribute("data-contrast");
    }
    prefs.save({ contrast: on ? "high" : "normal" });
  }

  function all(selector, scope) {
    return Array.prototype.slice.call((scope || document).querySelectorAll(selector));
  }

  /* ---------------------------------------------------------------------------------------
   * WCAG 2.1.4: Material binds single-character shortcuts (f, s, /, p, n, ",", ".") that
   * cannot be turned off; speech-input users and screen-reader users in browse mode trigger
   * them by accident. A capture-phase listener on window runs before Material's and stops
   * single printable keys when focus is not in a text field. Space (button activation), Enter,
   * Escape, Tab and the arrow keys are untouched, and so is every key while the search dialog
   * is open (typing there goes to the search field).
   * ------------------------------------------------------------------------------------- */
  function isTextField(element) {
    if (!element || !element.tagName) { return false; }
    if (element.isContentEditable) { return true; }
    var tag = element.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") { return true; }
    if (tag !== "INPUT") { return false; }
    return ["button", "checkbox", "radio", "submit", "reset", "range", "color", "file",
      "image"].indexOf((element.type || "").toLowerCase()) < 0;
  }

  function searchOpen() {
    var toggle = document.getElementById("__search");
    return !!(toggle && toggle.checked);
  }

  window.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (!event.key || event.key.length !== 1 || event.key === " ") { return; }
    if (isTextField(event.target) || isTextField(document.activeElement)) { return; }
    if (searchOpen()) { return; }
    event.stopImmediatePropagation();
  }, true);

  /* ---------------------------------------------------------------------------------------
   * Header controls (WCAG 4.1.2, 2.1.1). Material opens the drawer and the search with
   * <label for="__drawer|__search"> of a hidden checkbox: no name, not focusable. Our copies of
   * its partials (overrides/partials/header.html, search.html) render real buttons instead,
   * hidden until this script makes them work; the overlays and the search field's back arrow
   * close what they cover through data-ps-closes.
   * ------------------------------------------------------------------------------------- */
  function headerButton(modifier) {
    var button = document.querySelector(".md-header .ps-header-button--" + modifier);
    if (button) { button.hidden = false; }
    return button;
  }

  function wireClosers() {
    all("[data-ps-closes]").forEach(function (closer) {
      var toggle = document.getElementById(closer.getAttribute("data-ps-closes"));
      if (!toggle) { return; }
      closer.addEventListener("click", function () {
        if (toggle.checked) { toggle.click(); }
      });
    });
    // Firefox restores checkbox state from its back-forward cache: without autocomplete="off"
    // (invalid on checkboxes) a page left with the drawer open would come back open.
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) { return; }
      ["__drawer", "__search"].forEach(function (id) {
        var toggle = document.getElementById(id);
        if (toggle && toggle.checked) { toggle.click(); }
      });
    });
  }

  function watchToggle(toggle, button) {
    function sync() { button.setAttribute("aria-expanded", String(toggle.checked)); }
    toggle.addEventListener("change", sync);
    sync();
  }

  function upgradeDrawer() {
    var toggle = document.getElementById("__drawer");
    var nav = document.querySelector(".md-sidebar--primary .md-nav--primary");
    if (!toggle || !nav) { return; }
    var button = headerButton("drawer");
    if (!button) { return; }
    var sidebar = nav.closest(".md-sidebar--primary");
    watchToggle(toggle, button);
    nav.setAttribute("tabindex", "-1");

    function close(returnFocus) {
      if (toggle.checked) { toggle.click(); }
      if (returnFocus) { button.focus(); }
    }

    button.addEventListener("click", function () {
      toggle.click();
      // The drawer slides over the header: focus goes into it, to the named navigation.
      if (toggle.checked) { nav.focus(); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked && sidebar.contains(document.activeElement)) {
        close(true);
      }
    });
    // Leaving the open drawer with Tab closes it, so focus never sits behind the overlay.
    sidebar.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (toggle.checked && next && !sidebar.contains(next) && next !== button) {
        close(false);
      }
    });
  }

  function upgradeSearch() {
    var toggle = document.getElementById("__search");
    var dialog = document.querySelector("[data-md-component='search']");
    var query = document.querySelector("[data-md-component='search-query']");
    if (!toggle || !dialog || !query) { return; }
    // axe aria-dialog-name: Material gives the search container role="dialog" and no name.
    dialog.setAttribute("aria-label", "搜索");
    // The field's submit button (HTML_CodeSniffer H32): results appear as one types, so
    // submitting moves focus to the first of them instead of reloading the page.
    if (query.form) {
      query.form.addEventListener("submit", function (event) {
        event.preventDefault();
        var first = dialog.querySelector(".md-search-result__link");
        if (first) { first.focus(); }
      });
    }
    var button = headerButton("search");
    if (!button) { return; }
    watchToggle(toggle, button);
    button.addEventListener("click", function () {
      if (!toggle.checked) { toggle.click(); }
      query.focus();
    });
    // Material closes the search on Escape by blurring the field; on narrow screens, where
    // the field disappears, focus returns to the button that opened it (WCAG 2.4.3).
    toggle.addEventListener("change", function () {
      if (toggle.checked || getComputedStyle(button).display === "none") { return; }
      var active = document.activeElement;
      if (!active || active === document.body || dialog.contains(active)) { button.focus(); }
    });
  }

  /* Material's light/dark switch is a pair of radio buttons whose focused input is a 0×0 box
   * (no visible focus) and whose name says the opposite of its checked state. One toggle
   * button (aria-pressed "深色模式") drives Material's own inputs instead. */
  function upgradePalette() {
    var form = document.querySelector(".md-header [data-md-component='palette']");
    if (!form) { return; }
    var inputs = all("input.md-option", form);
    if (inputs.length !== 2) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button md-icon ps-header-button ps-header-button--palette";
    button.setAttribute("aria-label", "深色模式");
    form.parentNode.insertBefore(button, form);
    form.classList.add("ps-replaced");
    inputs.forEach(function (input) { input.tabIndex = -1; });

    // The icon Material shows (its own palette script unhides one per scheme); it names the
    // input it selects in data-ps-selects (a <label for> in Material's original).
    function visibleLabel() {
      return all("[data-ps-selects]", form).filter(function (label) { return !label.hidden; })[0];
    }

    function sync() {
      var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
      var label = visibleLabel();
      button.setAttribute("aria-pressed", String(dark));
      button.title = dark ? "切换到浅色模式" : "切换到深色模式";
      button.textContent = "";
      if (label) {
        all("svg", label).forEach(function (icon) {
          var copy = icon.cloneNode(true);
          copy.setAttribute("aria-hidden", "true");
          copy.setAttribute("focusable", "false");
          button.appendChild(copy);
        });
      }
    }

    button.addEventListener("click", function () {
      var label = visibleLabel();
      var input = label && document.getElementById(label.getAttribute("data-ps-selects"));
      if (input) { input.click(); }
    });
    new MutationObserver(sync).observe(document.body, {
      attributes: true, attributeFilter: ["data-md-color-scheme"]
    });
    inputs.forEach(function (input) { input.addEventListener("change", sync); });
    // Material shows the right label (sun or moon) when its palette script mounts.
    new MutationObserver(sync).observe(form, {
      subtree: true, attributes: true, attributeFilter: ["hidden"]
    });
    sync();
  }

  /* ---------------------------------------------------------------------------------------
   * Scrolling tables (WCAG 2.1.1, 1.4.10): Material wraps every table in a horizontally
   * scrolling div that keyboard users cannot reach. Our generated tables already sit in a
   * named region (CSS makes Material's wrapper an ordinary block there); any other table's
   * wrapper becomes a named, focusable region.
   * ------------------------------------------------------------------------------------- */
  function nameScrollWrappers() {
    all(".md-typeset__scrollwrap").forEach(function (wrapper) {
      if (wrapper.closest(".ps-table-scroll") || wrapper.hasAttribute("tabindex")) { return; }
      var caption = wrapper.querySelector("caption");
      var name = caption ? caption.textContent.trim() : "表格";
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", name + "（表格，可左右滚动）");
      wrapper.setAttribute("tabindex", "0");
    });
  }

  /* ---------------------------------------------------------------------------------------
   * Reading settings panel: a disclosure button (aria-expanded), text size as a group of
   * aria-pressed buttons, high contrast as an aria-pressed toggle. Buttons reflect the
   * attributes, whoever sets them (another tab, the gate).
   * ------------------------------------------------------------------------------------- */
  function setUpReadingSettings() {
    var toggle = document.querySelector("[data-ps-settings-toggle]");
    var panel = document.getElementById("ps-reading-panel");
    if (!toggle || !panel) { return; }

    function syncButtons() {
      var size = currentTextSize();
      all("[data-ps-text-size]").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-ps-text-size") === size));
      });
      all("[data-ps-contrast]").forEach(function (button) {
        button.setAttribute("aria-pressed", String(highContrast()));
      });
    }

    function setOpen(open) {
      toggle.setAttribute("aria-expanded", String(open));
      panel.hidden = !open;
    }

    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        setOpen(false);
        toggle.focus();
      }
    });
    all("[data-ps-text-size]").forEach(function (button) {
      button.addEventListener("click", function () {
        setTextSize(button.getAttribute("data-ps-text-size"));
      });
    });
    all("[data-ps-contrast]").forEach(function (button) {
      button.addEventListener("click", function () { setHighContrast(!highContrast()); });
    });
    new MutationObserver(syncButtons).observe(root, {
      attributes: true, attributeFilter: ["data-text-size", "data-contrast"]
    });
    // Another tab changed the settings: follow them.
    window.addEventListener("storage", function (event) {
      if (event.key === prefs.key) { prefs.apply(prefs.read()); }
    });
    syncButtons();
  }

  /* ---------------------------------------------------------------------------------------
   * Read aloud (MIIT ageing-friendly: read-aloud on article pages) with the browser's own
   * speech synthesis, in Chinese, one paragraph at a time. It stays out of a screen reader's
   * way: no live regions, no focus moves; the paragraph being read is only highlighted.
   * ------------------------------------------------------------------------------------- */
  var BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, caption, th, td, blockquote";
  var SKIP = ".ps-breadcrumb, .ps-pager, [aria-hidden='true'], [hidden], script, style";
  var CHUNK = 180;  // characters; Chromium stops long utterances after about 15 seconds

  function ownText(element) {
    var copy = element.cloneNode(true);
    all(BLOCKS + ", ol, ul, dl, table", copy).forEach(function (inner) { inner.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function splitLong(text) {
    if (text.length <= CHUNK) { return [text]; }
    var parts = [];
    var current = "";
    // Split after each full stop, keeping it (no look-behind: older Safari cannot parse it).
    text.replace(/([。！？；])/g, "$1\n").split("\n").forEach(function (sentence) {
      if (current && (current + sentence).length > CHUNK) {
        parts.push(current);
        current = "";
      }
      current += sentence;
      while (current.length > CHUNK * 2) {
        parts.push(current.slice(0, CHUNK));
        current = current.slice(CHUNK);
      }
    });
    if (current) { parts.push(current); }
    return parts;
  }

  function readingQueue() {
    var article = document.querySelector(".md-content article") || document.querySelector("main");
    if (!article) { return []; }
    var queue = [];
    all(BLOCKS, article).forEach(function (element) {
      if (element.closest(SKIP) || !element.getClientRects().length) { return; }
      var text = ownText(element);
      if (!text) { return; }
      splitLong(text).forEach(function (part) { queue.push({ element: element, text: part }); });
    });
    return queue;
  }

  function chineseVoice() {
    var voices = window.speechSynthesis.getVoices() || [];
    return voices.filter(function (voice) { return /^zh[-_]CN/i.test(voice.lang); })[0] ||
      voices.filter(function (voice) { return /^zh/i.test(voice.lang); })[0] || null;
  }

  function setUpReadAloud() {
    var button = document.querySelector("[data-ps-read-aloud]");
    if (!button) { return; }
    if (root.classList.contains("ps-no-speech")) {
      button.hidden = true;
      return;
    }
    var synth = window.speechSynthesis;
    var problem = document.querySelector("[data-ps-read-aloud-problem]");
    var session = 0;
    var highlighted = null;

    function highlight(element) {
      if (highlighted) { highlighted.classList.remove("ps-reading-now"); }
      highlighted = element;
      if (element) { element.classList.add("ps-reading-now"); }
    }

    function stop() {
      session += 1;
      synth.cancel();
      highlight(null);
      button.setAttribute("aria-pressed", "false");
    }

    function start() {
      var queue = readingQueue();
      if (!queue.length) { return; }
      var mine = ++session;
      var index = 0;
      var voice = chineseVoice();
      if (problem) { problem.hidden = true; }
      button.setAttribute("aria-pressed", "true");
      synth.cancel();

      function next() {
        if (mine !== session) { return; }
        if (index >= queue.length) {
          stop();
          return;
        }
        var item = queue[index++];
        var utterance = new window.SpeechSynthesisUtterance(item.text);
        utterance.lang = "zh-CN";
        if (voice) { utterance.voice = voice; }
        utterance.onend = next;
        utterance.onerror = function (event) {
          // "interrupted" / "canceled" are our own stop(); anything else (no Chinese voice,
          // speech not allowed) would fail again for every paragraph: stop and say why, in
          // visible text beside the button (no live region: see above).
          if (mine !== session || event.error === "interrupted" || event.error === "canceled") {
            return;
          }
          stop();
          if (problem) { problem.hidden = false; }
        };
        highlight(item.element);
        synth.speak(utterance);
      }
      next();
    }

    button.addEventListener("click", function () {
      if (button.getAttribute("aria-pressed") === "true") {
        stop();
      } else {
        start();
      }
    });
    window.addEventListener("pagehide", stop);
    // Voices arrive asynchronously in Chromium; nothing to do but let chineseVoice() see them.
    if (typeof synth.addEventListener === "function") {
      synth.addEventListener("voiceschanged", function () {});
    }
  }

  /* ---------------------------------------------------------------------------------------
   * Code blocks' ids (HTML_CodeSniffer F77 "duplicate id"): Material names each code block
   * "__code_" + the id of the nearest element with an id, itself included. For every block on
   * a page that is #main-content (the skip link's target), so the guide's five commands were
   * five elements of one id, and anything pointing at one (a copy button, an annotation)
   * would reach the first. Each block gets its own id before Material mounts its components
   * (on DOMContentLoaded: this runs earlier, from the end of the body, not from start()).
   * ------------------------------------------------------------------------------------- */
  function nameCodeBlocks() {
    all("pre").forEach(function (pre, index) {
      if (!pre.id) { pre.id = "ps-code-" + (index + 1); }
    });
  }

  function start() {
    wireClosers();
    upgradeDrawer();
    upgradeSearch();
    upgradePalette();
    setUpReadingSettings();
    setUpReadAloud();
    nameScrollWrappers();
    // Material wraps tables when its own components mount; catch those that come later.
    var content = document.querySelector("[data-md-component='content']");
    if (content) {
      new MutationObserver(nameScrollWrappers).observe(content, { childList: true, subtree: true });
    }
  }

  nameCodeBlocks();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
