/* The search page (content/search.md): our own accessible interface to the Pagefind index that
 * generator/search.py writes into <site>/pagefind/. Loaded on that page only.
 *
 * - A real form: the reader submits (Enter or the button); nothing searches while typing, so
 *   a screen reader is not interrupted at every keystroke.
 * - The count and the first results' titles go into a polite live region (role="status",
 *   WCAG 4.1.3); focus stays in the field, so the reader can change the words and search again.
 * - Each result: its page title as a link (an h3, so heading keys move between results), where
 *   it belongs (region › plan) and the matched words in context.
 * - Sub-path safe: every address is worked out from this script's own URL; nothing is fetched
 *   from another host. Pagefind's files are loaded on the first search, not with the page.
 * - The offline build (file://) has no Pagefind index: the words go to Material's search box.
 */
(function () {
  "use strict";

  // Each result shown costs one fragment download (1–8 KB): five at a time keeps one search
  // within 200 KB on a site of thousands of regions; "显示更多结果" loads the next five.
  var PAGE_SIZE = 5;
  var ANNOUNCED = 3; // titles read out in the live region after the count
  var script = document.currentScript;
  var siteRoot = new URL("../", script ? script.src : window.location.href);
  var form = document.querySelector("[data-ps-search]");
  var status = document.querySelector("[data-ps-search-status]");
  var box = document.querySelector("[data-ps-search-results]");
  var list = document.querySelector("[data-ps-search-list]");
  var more = document.querySelector("[data-ps-search-more]");
  if (!form || !status || !box || !list || !more) { return; }
  var field = form.querySelector("input[name='q']");
  var pagefind = null;
  var current = { run: 0, results: [], shown: 0 };

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (module) {
        // termSimilarity 5 (Pagefind's default is 1): the browser splits a Chinese query into
        // short words that match many longer ones as prefixes ("人社局" → 人|社|局); pages with
        // the whole word ("市人社局") should come first.
        return module.options({
          baseUrl: siteRoot.pathname, ranking: { termSimilarity: 5 }
        }).then(function () {
          return module;
        });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  /* Pagefind's excerpt is HTML: the page's text, escaped, with <mark> around the words found
   * (its metadata, by contrast, is plain text and goes in with textContent). The excerpt is
   * parsed in an inert <template> (no script runs, no image loads) and only its text and the
   * <mark> elements are kept, so a document's own "<" or "&" shows as written and nothing from
   * the index becomes markup. Pagefind marks the word boundaries it found in Chinese with
   * zero-width spaces: removed, so copied text is the page's own. */
  function plain(text) {
    return text.replace(/\u200b/g, "");
  }

  function excerptNode(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var paragraph = document.createElement("p");
    paragraph.className = "ps-search__excerpt";
    Array.prototype.forEach.call(template.content.childNodes, function (node) {
      var text = document.createTextNode(plain(node.textContent));
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.appendChild(text);
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(text);
      }
    });
    return paragraph;
  }

  function titleOf(data) {
    return (data.meta && data.meta.title) || data.url;
  }

  /* "金昌市 › 方案名称": where the page belongs, without repeating its own title. */
  function whereOf(data) {
    var meta = data.meta || {};
    return [meta.region, meta.plan].filter(function (part) {
      return part && part !== titleOf(data);
    }).join(" › ");
  }

  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "ps-search__result";
    var heading = document.createElement("h3");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = titleOf(data);
    heading.appendChild(link);
    item.appendChild(heading);
    var where = whereOf(data);
    if (where) {
      var place = document.createElement("p");
      place.className = "ps-search__where";
      place.textContent = "所属：" + where;
      item.appendChild(place);
    }
    if (data.excerpt) { item.appendChild(excerptNode(data.excerpt)); }
    return item;
  }

  /* Loads the next page of results; returns their data (titles for the announcement). */
  function showMore(run) {
    var slice = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    return Promise.all(slice.map(function (result) { return result.data(); }))
      .then(function (pages) {
        if (run !== current.run) { return []; }
        pages.forEach(function (data) { list.appendChild(resultItem(data)); });
        current.shown += pages.length;
        more.hidden = current.shown >= current.results.length;
        return pages;
      });
  }

  function announce(query, total, first) {
    if (total === 0) {
      status.textContent = "没有找到与“" + query + "”有关的页面。可以换一个词，或者少用几个字再搜索。";
      return;
    }
    var titles = first.slice(0, ANNOUNCED).map(titleOf).join("；");
    status.textContent = total === 1
      ? "找到 1 个与“" + query + "”有关的页面：" + titles + "。"
      : "找到 " + total + " 个与“" + query + "”有关的页面，前 " +
        Math.min(ANNOUNCED, total) + " 个是：" + titles + "。";
  }

  function search(query) {
    var run = ++current.run;
    list.textContent = "";
    box.hidden = true;
    more.hidden = true;
    status.textContent = "正在搜索“" + query + "”……";
    return loadPagefind()
      .then(function (module) { return module.search(query); })
      .then(function (found) {
        if (run !== current.run) { return; }
        current.results = found.results;
        current.shown = 0;
        return showMore(run).then(function (first) {
          if (run !== current.run) { return; }
          box.hidden = current.results.length === 0;
          announce(query, current.results.length, first);
        });
      })
      .catch(function () {
        if (run !== current.run) { return; }
        status.textContent = "搜索暂时不能使用，请刷新页面再试，或者通过“按地区”“按主题”目录查找。";
      });
  }

  /* Offline copy (file://): Material's search box in the header does the searching. */
  function handToMaterial(query) {
    var toggle = document.getElementById("__search");
    var input = document.querySelector("[data-md-component='search-query']");
    if (!toggle || !input) { return false; }
    if (!toggle.checked) { toggle.click(); }
    input.value = query;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.focus();
    return true;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = field.value.trim();
    if (!query) {
      status.textContent = "请先输入要搜索的词。";
      field.focus();
      return;
    }
    if (window.location.protocol === "file:" && handToMaterial(query)) { return; }
    var address = new URL(window.location.href);
    address.searchParams.set("q", query);
    window.history.replaceState(null, "", address.href);
    search(query);
  });

  more.addEventListener("click", function () {
    var first = current.shown;
    showMore(current.run).then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) { link.focus(); } // the reader continues where the new results begin
    });
  });

  // Arriving from the search form on another page (?q=…): search at once.
  var initial = (new URL(window.location.href).searchParams.get("q") || "").trim();
  if (initial) {
    field.value = initial;
    if (window.location.protocol !== "file:") { search(initial); }
  }
})();
