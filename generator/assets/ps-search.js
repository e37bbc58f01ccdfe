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
 * - The query is split into the index's own words (generator/search_words.py) before Pagefind
 *   sees it, and pages holding the words as typed, side by side, come first.
 * - "搜索范围": a province, then a region in it (generator/search_areas.py). Results outside are
 *   dropped before any result's text is fetched.
 * - A large site's index is in parts (generator/search_parts.py): a search of the whole country
 *   merges the parts areas/index.json names with Pagefind's mergeIndex (each adds its entry
 *   and metadata files, then its chunks for the query's words; on a large site not every page,
 *   and the page says so); a search in one province reads its part only.
 * - The offline build (file://) has no Pagefind index: the words go to Material's search box.
 */
(function () {
  "use strict";

  // Each result shown costs one fragment download (1–8 KB): five at a time keeps one search
  // within 200 KB on a site of thousands of regions; "显示更多结果" loads the next five.
  var PAGE_SIZE = 5;
  var ANNOUNCED = 3; // titles read out in the live region after the count
  // What a large site's country-wide search covers (generator/search_parts.py).
  var COUNTRY_NOTE = "选“全部地区”时，只搜索各地区和各方案的首页以及本站的说明和目录页面；" +
    "要搜索每一项措施，请选择省份。";
  var script = document.currentScript;
  var siteRoot = new URL("../", script ? script.src : window.location.href);
  var form = document.querySelector("[data-ps-search]");
  var status = document.querySelector("[data-ps-search-status]");
  var box = document.querySelector("[data-ps-search-results]");
  var list = document.querySelector("[data-ps-search-list]");
  var more = document.querySelector("[data-ps-search-more]");
  var range = document.querySelector("[data-ps-search-range]");
  var province = document.querySelector("[data-ps-search-province]");
  var region = document.querySelector("[data-ps-search-region]");
  var regionRow = document.querySelector("[data-ps-search-region-row]");
  if (!form || !status || !box || !list || !more || !range || !province || !region ||
      !regionRow) { return; }
  var field = form.querySelector("input[name='q']");
  var pagefinds = {}; // by part: 0 is the country's parts merged
  // The index's parts (areas/index.json): how many, each province's, the country's.
  var parts = { count: 1, of: {}, country: [1], everyPage: true };
  var current = { run: 0, results: [], shown: 0 };

  function fetchFrom(path, as) {
    return fetch(new URL(path, siteRoot).href).then(function (response) {
      if (!response.ok) { throw new Error(path + ": " + response.status); }
      return as === "json" ? response.json() : response.text();
    });
  }

  /* ---- The query in the index's own words ----
   * The same Han ranges as generator/search_words.py (HAN_RUN). */
  var HAN = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]+)/u;
  var LISTS = 256;
  var NativeSegmenter = window.Intl && Intl.Segmenter;
  var wordLists = {};

  function wordList(character) {
    var name = (character.codePointAt(0) % LISTS).toString(16).padStart(2, "0") + ".txt";
    if (!wordLists[name]) {
      wordLists[name] = fetchFrom("search/words/" + name, "text").then(function (text) {
        return text.split("\n").filter(Boolean);
      });
    }
    return wordLists[name];
  }

  /* Longest index word first, from left to right; a character no word starts with stands
   * alone (single characters are words in the index too). The end of the query may be the
   * start of a word ("金华" of 金华市): kept whole, Pagefind matches it as a prefix. */
  function splitRun(run, words) {
    var characters = Array.from(run);
    var starts = new Set();
    var longest = 1;
    words.forEach(function (word) {
      var letters = Array.from(word);
      longest = Math.max(longest, letters.length);
      for (var end = 2; end < letters.length; end += 1) {
        starts.add(letters.slice(0, end).join(""));
      }
    });
    var pieces = [];
    for (var at = 0; at < characters.length;) {
      var size = Math.min(longest, characters.length - at);
      for (; size > 1; size -= 1) {
        var piece = characters.slice(at, at + size).join("");
        if (words.has(piece) || (at + size === characters.length && starts.has(piece))) { break; }
      }
      pieces.push(characters.slice(at, at + size).join(""));
      at += size;
    }
    return pieces;
  }

  /* Other text (numbers, Latin letters) is split as the browser would. */
  function nativeWords(text) {
    if (!NativeSegmenter) { return text.split(/\s+/); }
    return Array.from(new NativeSegmenter("zh", { granularity: "word" }).segment(text))
      .filter(function (part) { return part.isWordLike; })
      .map(function (part) { return part.segment; });
  }

  /* "市残联" → "市 残联": the words of the query, separated by spaces. */
  function queryWords(query) {
    var parts = query.split(HAN);
    var characters = Array.from(new Set(Array.from(parts.filter(function (part, index) {
      return index % 2 === 1;
    }).join(""))));
    return Promise.all(characters.map(wordList)).then(function (lists) {
      var words = new Set([].concat.apply([], lists));
      return parts.map(function (part, index) {
        return index % 2 === 1 ? splitRun(part, words) : nativeWords(part);
      });
    }, function () {
      return parts.map(nativeWords); // without the lists: as Pagefind would have split it
    }).then(function (groups) {
      return [].concat.apply([], groups).filter(Boolean).join(" ");
    });
  }

  /* Pagefind splits a Chinese query again with Intl.Segmenter. On this page, word splitting
   * keeps the words it is given (separated by spaces), so the words above reach the index;
   * any other use of the segmenter is the browser's own. */
  function keepGivenWords() {
    if (!NativeSegmenter) { return; }
    Intl.Segmenter = function (locale, options) {
      if (!options || options.granularity !== "word") {
        return new NativeSegmenter(locale, options);
      }
      return {
        segment: function (text) {
          return text.split(/(\s+)/).filter(Boolean).map(function (part) {
            return { segment: part, isWordLike: !/^\s+$/.test(part) };
          });
        }
      };
    };
  }

  /* ---- Narrowing to a province or region ---- */
  var areaLists = {};

  function areaList(id) {
    if (!areaLists[id]) { areaLists[id] = fetchFrom("search/areas/" + id + ".json", "json"); }
    return areaLists[id];
  }

  function option(value, text) {
    var element = document.createElement("option");
    element.value = value;
    element.textContent = text;
    return element;
  }

  /* The provinces, each with its part of the index. Searching waits for this list too: without
   * it a search of the whole country would not know every part (it then fails, and says so,
   * rather than answer from one part). Asked again after a failure. */
  var provinceList = null;

  function provinces() {
    if (!provinceList) {
      provinceList = fetchFrom("search/areas/index.json", "json").then(function (index) {
        parts.country = index.country;
        parts.everyPage = index.every_page;
        index.provinces.forEach(function (top) {
          parts.of[top[0]] = top[2] || 1;
          parts.count = Math.max(parts.count, top[2] || 1);
        });
        return index.provinces;
      });
      provinceList.catch(function () { provinceList = null; });
    }
    return provinceList;
  }

  function showProvinces() {
    return provinces().then(function (tops) {
      tops.forEach(function (top) { province.appendChild(option(top[0], top[1])); });
      range.hidden = tops.length === 0;
      if (!parts.everyPage) { // said before any search, tied to the choice it concerns
        var note = document.createElement("span");
        note.id = "ps-search-country-note";
        note.className = "ps-search__hint ps-search__note";
        note.textContent = COUNTRY_NOTE;
        province.parentNode.insertAdjacentElement("afterend", note);
        province.setAttribute("aria-describedby", note.id);
      }
    }).catch(function () { range.hidden = true; });
  }

  /* The chosen province's regions, below "全省"; a county reads "金昌市 › 永昌县". */
  function showRegions(chosen) {
    while (region.options.length > 1) { region.remove(1); }
    regionRow.hidden = true;
    if (!province.value) { return Promise.resolve(); }
    return areaList(province.value).then(function (listing) {
      var names = {};
      listing.regions.forEach(function (entry, index) {
        if (index === 0) { names[entry[0]] = ""; return; } // the province itself: "全省"
        names[entry[0]] = (names[entry[2]] ? names[entry[2]] + " › " : "") + entry[1];
        region.appendChild(option(entry[0], names[entry[0]]));
      });
      region.value = chosen || "";
      if (region.selectedIndex < 0) { region.value = ""; } // not in this province
      regionRow.hidden = region.options.length < 2;
    });
  }

  /* The ids of the pages in the chosen area and below it; null when no area is chosen. */
  function pagesInScope() {
    if (!province.value) { return Promise.resolve(null); }
    var target = region.value || province.value;
    return areaList(province.value).then(function (listing) {
      var inside = {};
      inside[target] = true;
      listing.regions.forEach(function (entry) { // depth first: parents come before children
        if (inside[entry[2]]) { inside[entry[0]] = true; }
      });
      var ids = new Set();
      Object.keys(inside).forEach(function (id) {
        (listing.pages[id] || "").split(" ").filter(Boolean).forEach(function (page) {
          ids.add(page);
        });
      });
      return ids;
    });
  }

  function scopeName() {
    if (!province.value) { return ""; }
    var chosen = region.value ? region : province;
    return chosen.options[chosen.selectedIndex].textContent;
  }

  function partFolder(part) {
    return part > 1 ? "pagefind/part-" + part + "/" : "pagefind/";
  }

  /* The Pagefind module searching the chosen province's part, or, with none chosen, the
   * country's parts merged (key 0). Each is its own module instance (the address differs by
   * "?part="), so merging never leaks into a province's search. */
  function loadPagefind(chosen) {
    return provinces().then(function () {
      return pagefindFor(chosen && parts.count > 1 ? parts.of[chosen] || 1 : 0);
    });
  }

  function pagefindFor(key) {
    if (!pagefinds[key]) {
      var first = key || parts.country[0];
      var own = new URL(partFolder(first) + "pagefind.js?part=" + key, siteRoot).href;
      // termSimilarity 5 (Pagefind's default is 1): a query word matches longer index words
      // as prefixes; pages with the word itself should come first. termSaturation 0.7 and
      // pageLength 0.9 (defaults 1.4 and 0.75): a word repeated all over a long overview
      // (a theme's list, a full text) counts for less than the word in a page's weighted
      // heading, so 市残联 finds the organisations page and 盲人按摩 补贴 its theme. Every
      // query of tests/test_search.py holds for saturation 0.5–0.9 and page length 0.85–1.
      // noWorker: Pagefind then searches on this page, where keepGivenWords() decides how
      // the query is split (in its Web Worker the browser's own segmenter would split it
      // again).
      var settings = {
        baseUrl: siteRoot.pathname,
        ranking: { termSimilarity: 5, termSaturation: 0.7, pageLength: 0.9 },
      };
      pagefinds[key] = import(own).then(function (module) {
        return module.options(Object.assign({ noWorker: true }, settings)).then(function () {
          return Promise.all((key === 0 ? parts.country.slice(1) : []).map(function (number) {
            return module.mergeIndex(new URL(partFolder(number), siteRoot).pathname, settings);
          }));
        }).then(function () {
          return module;
        });
      });
      pagefinds[key].catch(function () { delete pagefinds[key]; });
    }
    return pagefinds[key];
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

  /* "市残联（金昌市）": many pages share a title (each city's 市残联), so the announcement
   * says whose it is. */
  function spokenTitle(data) {
    var region = data.meta && data.meta.region;
    return titleOf(data) + (region && region !== titleOf(data) ? "（" + region + "）" : "");
  }

  /* The status region's state, for tests and the accessibility gate to wait on: "searching",
   * then "shown" (results listed), "empty" or "failed". */
  function setState(state) {
    status.setAttribute("data-ps-search-state", state);
  }

  function announce(query, total, first, scope) {
    setState(total === 0 ? "empty" : "shown");
    var about = "与“" + query + "”有关的页面";
    var where = scope ? "在“" + scope + "”范围内" : "";
    var partial = !scope && !parts.everyPage;
    if (total === 0) {
      status.textContent = where + "没有找到" + about + "。" + (scope
        ? "可以把搜索范围改为“全部地区”，或者换一个词再搜索。"
        : partial ? COUNTRY_NOTE + "也可以换一个词再搜索。"
          : "可以换一个词，或者少用几个字再搜索。");
      return;
    }
    var titles = first.slice(0, ANNOUNCED).map(spokenTitle).join("；");
    status.textContent = (total === 1
      ? where + "找到 1 个" + about + "：" + titles + "。"
      : where + "找到 " + total + " 个" + about + "，前 " +
        Math.min(ANNOUNCED, total) + " 个是：" + titles + "。") +
      (partial ? COUNTRY_NOTE : "");
  }

  /* Pagefind's ranking, with the pages that hold the query's words side by side (as typed)
   * first; Pagefind's exact search alone does not rank. */
  function ranked(module, words) {
    var exact = words.indexOf(" ") > 0
      ? module.search("\"" + words + "\"") : Promise.resolve({ results: [] });
    return Promise.all([module.search(words), exact]).then(function (found) {
      var together = new Set(found[1].results.map(function (result) { return result.id; }));
      var all = found[0].results;
      return all.filter(function (result) { return together.has(result.id); })
        .concat(all.filter(function (result) { return !together.has(result.id); }));
    });
  }

  function search(query) {
    var run = ++current.run;
    var scope = scopeName();
    list.textContent = "";
    box.hidden = true;
    more.hidden = true;
    setState("searching");
    status.textContent = "正在搜索“" + query + "”……";
    return Promise.all([loadPagefind(province.value), queryWords(query), pagesInScope()])
      .then(function (ready) {
        return ranked(ready[0], ready[1]).then(function (results) {
          var inScope = ready[2];
          return inScope ? results.filter(function (result) { return inScope.has(result.id); })
            : results;
        });
      })
      .then(function (results) {
        if (run !== current.run) { return; }
        current.results = results;
        current.shown = 0;
        return showMore(run).then(function (first) {
          if (run !== current.run) { return; }
          box.hidden = current.results.length === 0;
          announce(query, current.results.length, first, scope);
        });
      })
      .catch(function () {
        if (run !== current.run) { return; }
        setState("failed");
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
    address.search = "";
    address.searchParams.set("q", query);
    if (province.value) { address.searchParams.set("province", province.value); }
    if (region.value) { address.searchParams.set("region", region.value); }
    window.history.replaceState(null, "", address.href);
    search(query);
  });

  province.addEventListener("change", function () { showRegions(""); });

  more.addEventListener("click", function () {
    var first = current.shown;
    showMore(current.run).then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) { link.focus(); } // the reader continues where the new results begin
    });
  });

  // Arriving with words in the address (?q=…, from the form on every page, or a link, with
  // ?province=…&region=… for a range): search at once. Offline, there is no index to narrow.
  var address = new URL(window.location.href).searchParams;
  var initial = (address.get("q") || "").trim();
  field.value = initial;
  if (window.location.protocol !== "file:") {
    keepGivenWords();
    showProvinces().then(function () {
      province.value = address.get("province") || "";
      if (province.selectedIndex < 0) { province.value = ""; } // not a province of this site
      return showRegions(address.get("region"));
    }).catch(function () {
      province.value = "";
    }).then(function () {
      if (initial) { search(initial); }
    });
  }
})();
