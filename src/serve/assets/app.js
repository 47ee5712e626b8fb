// newsidx's search page. The state (view, query, filters, dates, page) lives in the URL;
// every change pushes a new URL and draws the page from it, so searches can be
// bookmarked and the back button works.
//
// Everything that comes from the archive is untrusted: it enters the page as text nodes
// (`text()`, `el()`), never as HTML, and only http(s) links are made from stored URLs.
"use strict";

const PAGE = 10;
const QUOTES_PAGE = 20;
/// Facet kinds of /api/search and the query field each one filters on.
const FACETS = [
  ["speakers", "speaker", "Speakers"],
  ["organizations", "org", "Organizations"],
  ["persons", "person", "Persons"],
  ["sources", "source", "Sources"],
];

const $ = (id) => document.getElementById(id);

/// An element with attributes and children; strings become text nodes.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

const text = (value) => document.createTextNode(value == null ? "" : String(value));

function clear(node) {
  node.replaceChildren();
  return node;
}

// ---------------------------------------------------------------- state in the URL

/// The page's state, read from the URL.
function state() {
  const p = new URLSearchParams(location.search);
  return {
    view: p.get("article") ? "article" : p.get("view") === "quotes" ? "quotes" : "search",
    article: p.get("article") || "",
    q: p.get("q") || "",
    filters: p.getAll("f"),
    since: p.get("since") || "",
    until: p.get("until") || "",
    sort: p.get("sort") === "date" ? "date" : "relevance",
    all: p.get("all") === "1",
    speaker: p.get("speaker") || "",
    page: Math.max(1, parseInt(p.get("page") || "1", 10) || 1),
  };
}

/// The URL of a search state (defaults left out).
function searchUrl(s) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  for (const f of s.filters || []) p.append("f", f);
  if (s.since) p.set("since", s.since);
  if (s.until) p.set("until", s.until);
  if (s.sort === "date") p.set("sort", "date");
  if (s.all) p.set("all", "1");
  if (s.page > 1) p.set("page", String(s.page));
  const query = p.toString();
  return query ? "/?" + query : "/";
}

function quotesUrl(s) {
  const p = new URLSearchParams({ view: "quotes" });
  if (s.q) p.set("q", s.q);
  if (s.speaker) p.set("speaker", s.speaker);
  if (s.page > 1) p.set("page", String(s.page));
  return "/?" + p.toString();
}

const articleUrl = (id) => "/?" + new URLSearchParams({ article: id }).toString();

/// Whether this page has pushed history entries: "back" then returns to them.
let moved = false;

/// Go to `url` inside the page: a new history entry, then draw it.
function go(url) {
  history.pushState(null, "", url);
  moved = true;
  draw();
}

/// A link inside the page: a real link (new tabs work), followed without reloading.
function link(url, attrs, ...children) {
  return el("a", Object.assign({ href: url, "data-nav": true }, attrs || {}), ...children);
}

document.addEventListener("click", (event) => {
  const a = event.target.closest && event.target.closest("a[data-nav]");
  if (!a || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  // From an article, "back" returns to the search as it was, page and all.
  if (a.id === "back" && moved) history.back();
  else go(a.getAttribute("href"));
});
window.addEventListener("popstate", () => draw());

/// A filter on one name: `speaker:"Margaret Ashdown"` (inner quotes dropped: a phrase
/// cannot hold them, and the analyzers ignore them anyway).
const filterFor = (field, value) => `${field}:"${value.replace(/["\\]/g, " ").trim()}"`;

/// The query sent: the typed query, then every filter, all required.
function composed(s) {
  const parts = [];
  if (s.q.trim()) parts.push(s.filters.length ? `(${s.q})` : s.q);
  return parts.concat(s.filters).join(" ");
}

// ---------------------------------------------------------------- talking to the API

let generation = 0;

/// GET an API path; the JSON answer, or an Error carrying the server's message.
async function api(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== "" && value !== null && value !== undefined && value !== false) query.set(key, String(value));
  }
  const url = "/api/" + path + (query.toString() ? "?" + query.toString() : "");
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch (_) {
    body = null;
  }
  if (!response.ok) {
    throw new Error((body && body.error) || `${response.status} ${response.statusText}`);
  }
  return body;
}

function showError(message) {
  const box = $("error");
  box.textContent = message || "";
  box.hidden = !message;
}

// ---------------------------------------------------------------- drawing

function draw() {
  const s = state();
  const mine = ++generation;
  const current = () => mine === generation;
  showError("");
  for (const view of ["search", "article", "quotes"]) {
    $(view + "-view").hidden = view !== s.view;
  }
  for (const [id, view] of [["nav-search", "search"], ["nav-quotes", "quotes"]]) {
    if (s.view === view) $(id).setAttribute("aria-current", "page");
    else $(id).removeAttribute("aria-current");
  }
  const work = s.view === "article" ? drawArticle(s, current)
    : s.view === "quotes" ? drawQuotes(s, current)
    : drawSearch(s, current);
  work.catch((err) => {
    if (current()) showError(err.message);
  });
}

// ------------------------------------------------ search view

async function drawSearch(s, current) {
  document.title = s.q || s.filters.length ? `${composed(s)} – newsidx` : "newsidx";
  $("q").value = s.q;
  $("since").value = s.since;
  $("until").value = s.until;
  $("sort").value = s.sort;
  $("all-copies").checked = s.all;
  drawChips(s);
  const query = composed(s);
  const offset = (s.page - 1) * PAGE;
  const dates = { since: s.since, until: s.until };
  $("summary").textContent = "Searching…";
  const [found, timeline] = await Promise.all([
    api("search", Object.assign({ q: query, limit: PAGE, offset, sort: s.sort, all_copies: s.all }, dates)),
    coverage(Object.assign({ q: query, all_copies: s.all }, dates)),
  ]);
  if (!current()) return;
  const total = found.total;
  const first = total ? offset + 1 : 0;
  const last = offset + found.hits.length;
  $("summary").textContent = total === 0
    ? "No articles match."
    : `${first}–${last} of ${total} ${total === 1 ? "article" : "articles"} (${found.took_ms} ms)`;
  const hits = clear($("hits"));
  for (const hit of found.hits) hits.append(drawHit(hit, s));
  const pages = Math.max(1, Math.ceil(total / PAGE));
  $("page-info").textContent = total ? `Page ${s.page} of ${pages}` : "";
  $("prev").disabled = s.page <= 1;
  $("next").disabled = s.page >= pages;
  drawFacets(found.facets, s);
  drawChart(timeline, s);
}

function drawHit(hit, s) {
  const meta = [];
  if (hit.source) meta.push(el("span", { class: "source" }, hit.source));
  if (hit.date) meta.push(el("time", { datetime: hit.date }, hit.date));
  if (hit.copies > 0) {
    const copies = Object.assign({}, s, { q: `group:${hit.group}`, filters: [], all: true, page: 1 });
    meta.push(link(searchUrl(copies), { class: "copies", title: "Every copy of this story" },
      `+${hit.copies} ${hit.copies === 1 ? "copy" : "copies"}`));
  }
  const speakers = hit.speakers.length
    ? el("p", { class: "speakers" }, "Quoted: ",
      hit.speakers.map((name, i) => [i ? ", " : "", filterLink(s, "speaker", name)]))
    : null;
  return el("li", { class: "hit" },
    el("h2", {}, link(articleUrl(hit.id), { class: "headline" }, hit.headline || "(no headline)")),
    meta.length ? el("p", { class: "meta" }, meta.map((m, i) => [i ? " · " : "", m])) : null,
    speakers,
    el("p", { class: "snippet" }, highlighted(hit.snippet, hit.highlights)));
}

/// The snippet with its matched terms in <mark>: the highlights are byte ranges of the
/// UTF-8 text, cut from its bytes and decoded piece by piece.
function highlighted(snippet, highlights) {
  const bytes = new TextEncoder().encode(snippet);
  const decoder = new TextDecoder();
  const out = [];
  let at = 0;
  for (const [start, end] of highlights || []) {
    if (start < at || end > bytes.length || start >= end) continue;
    out.push(text(decoder.decode(bytes.subarray(at, start))));
    out.push(el("mark", {}, decoder.decode(bytes.subarray(start, end))));
    at = end;
  }
  out.push(text(decoder.decode(bytes.subarray(at))));
  return out;
}

/// A link that adds the filter `field:"value"` to the search.
function filterLink(s, field, value, ...children) {
  const filter = filterFor(field, value);
  const filters = s.filters.includes(filter) ? s.filters : s.filters.concat([filter]);
  const next = Object.assign({}, s, { view: "search", filters, page: 1 });
  return link(searchUrl(next), { class: "name", title: `Only articles with ${filter}` },
    children.length ? children : value);
}

function drawChips(s) {
  const chips = clear($("chips"));
  s.filters.forEach((filter, i) => {
    const rest = s.filters.filter((_, j) => j !== i);
    chips.append(el("span", { class: "chip" }, filter,
      link(searchUrl(Object.assign({}, s, { filters: rest, page: 1 })),
        { class: "remove", "aria-label": `Remove the filter ${filter}`, title: "Remove" }, "×")));
  });
  if (s.since || s.until) {
    chips.append(el("span", { class: "chip" }, `${s.since || "…"} to ${s.until || "…"}`,
      link(searchUrl(Object.assign({}, s, { since: "", until: "", page: 1 })),
        { class: "remove", "aria-label": "Remove the date range", title: "Remove" }, "×")));
  }
}

function drawFacets(facets, s) {
  const aside = clear($("facets"));
  for (const [kind, field, title] of FACETS) {
    const values = (facets && facets[kind]) || [];
    if (!values.length) continue;
    aside.append(el("section", { class: "facet", "data-kind": kind },
      el("h3", {}, title),
      el("ul", {}, values.map((v) =>
        el("li", {}, filterLink(s, field, v.value,
          el("span", { class: "value" }, v.value), " ", el("span", { class: "count" }, String(v.count))))))));
  }
}

// ------------------------------------------------ coverage chart

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
  for (const child of children) node.append(typeof child === "string" ? text(child) : child);
  return node;
}

/// Most bars the chart draws by month; a longer span is drawn by year.
const MAX_MONTHS = 48;

/// The timeline of the matches: by day or month as the server chooses, by year when
/// months would be too many to tell apart.
async function coverage(params) {
  const timeline = await api("timeline", params);
  if (timeline.by === "month" && timeline.buckets.length > MAX_MONTHS) {
    return api("timeline", Object.assign({ by: "year" }, params));
  }
  return timeline;
}

/// The last day of the period starting on `start` (YYYY-MM-DD).
function periodEnd(start, by) {
  const [y, m, d] = start.split("-").map(Number);
  const end = by === "day" ? new Date(Date.UTC(y, m - 1, d))
    : by === "week" ? new Date(Date.UTC(y, m - 1, d + 6))
    : by === "month" ? new Date(Date.UTC(y, m, 0))
    : new Date(Date.UTC(y, 11, 31));
  return end.toISOString().slice(0, 10);
}

function periodLabel(start, by) {
  return by === "month" ? start.slice(0, 7) : by === "year" ? start.slice(0, 4) : start;
}

function drawChart(timeline, s) {
  const figure = $("chart");
  const plot = clear($("chart-plot"));
  const buckets = timeline.buckets || [];
  figure.hidden = buckets.length === 0;
  if (!buckets.length) return;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const width = 800;
  const height = 120;
  const step = width / buckets.length;
  const gap = step > 6 ? 1 : 0;
  const first = periodLabel(buckets[0].start, timeline.by);
  const last = periodLabel(buckets[buckets.length - 1].start, timeline.by);
  $("chart-caption").textContent =
    `Matches per ${timeline.by}, ${first} to ${last}` +
    (timeline.undated ? `; ${timeline.undated} undated` : "") + ". Choose a bar to narrow the dates.";
  const chart = svg("svg", {
    viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none", role: "group",
    "aria-label": "Matches over time",
  });
  buckets.forEach((b, i) => {
    const h = b.count ? Math.max(2, (b.count / max) * height) : 0;
    const label = `${periodLabel(b.start, timeline.by)}: ${b.count} of ${b.total}`;
    const bar = svg("g", {
      class: "bar", tabindex: b.count ? 0 : -1, role: "button", "aria-label": label,
      "data-start": b.start,
    },
    svg("title", {}, label),
    svg("rect", { class: "hit-area", x: i * step, y: 0, width: step, height }),
    svg("rect", { class: "fill", x: i * step + gap, y: height - h, width: Math.max(0.5, step - 2 * gap), height: h }));
    const narrow = () => {
      if (!b.count) return;
      go(searchUrl(Object.assign({}, s, { since: b.start, until: periodEnd(b.start, timeline.by), page: 1 })));
    };
    bar.addEventListener("click", narrow);
    bar.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        narrow();
      }
    });
    chart.append(bar);
  });
  plot.append(chart, el("div", { class: "axis" }, el("span", {}, first), el("span", {}, last)));
}

// ------------------------------------------------ article view

async function drawArticle(s, current) {
  const box = clear($("article"));
  box.append(el("p", {}, "Loading…"));
  const a = await api("articles/" + encodeURIComponent(s.article));
  if (!current()) return;
  document.title = `${a.headline || "Article"} – newsidx`;
  clear(box);
  box.append(el("h1", {}, a.headline || "(no headline)"));
  const meta = [];
  if (a.byline) meta.push(el("span", { class: "byline" }, "By ", a.byline));
  if (a.date) meta.push(el("time", { datetime: a.date }, a.date));
  if (a.source) meta.push(el("span", { class: "source" }, a.source));
  if (a.dateline) meta.push(el("span", { class: "dateline" }, a.dateline));
  const original = safeUrl(a.url);
  if (original) meta.push(el("a", { href: original, rel: "noopener noreferrer", class: "original" }, "original"));
  else if (a.url) meta.push(el("span", { class: "url" }, a.url));
  if (meta.length) box.append(el("p", { class: "meta" }, meta.map((m, i) => [i ? " · " : "", m])));
  box.append(el("p", { class: "path" }, a.path));

  const names = el("dl", { class: "names" });
  for (const [label, field, values] of [
    ["Speakers", "speaker", a.speakers], ["Organizations", "org", a.organizations],
    ["Persons", "person", a.persons],
  ]) {
    if (!values || !values.length) continue;
    const base = { view: "search", q: "", filters: [], since: "", until: "", sort: "relevance", all: false, page: 1 };
    names.append(el("dt", {}, label),
      el("dd", {}, values.map((v, i) => [i ? ", " : "", filterLink(base, field, v)])));
  }
  if (names.childElementCount) box.append(names);

  const quotes = a.quotes || [];
  if (quotes.length) {
    box.append(el("h2", {}, "Quotations"));
    box.append(el("ol", { class: "article-quotes" }, quotes.map((q) =>
      el("li", {}, el("q", {}, q.text), " — ", el("span", { class: "who" }, q.speaker || "unattributed")))));
  }
  box.append(el("h2", {}, "Text"));
  const body = el("div", { class: "body" });
  for (const paragraph of (a.body || "").split(/\n\s*\n/)) {
    if (paragraph.trim()) body.append(el("p", {}, withQuotes(paragraph, quotes)));
  }
  box.append(body);
  if (a.group) {
    const group = await api("search", { q: `group:${a.group}`, all_copies: true, limit: 50 });
    if (!current()) return;
    const others = group.hits.filter((h) => h.id !== a.id);
    if (others.length) {
      box.append(el("h2", {}, "Copies of this story"));
      box.append(el("ul", { class: "copies-list" }, others.map((h) =>
        el("li", {}, link(articleUrl(h.id), {}, h.headline || "(no headline)"), " ",
          el("span", { class: "path" }, h.path)))));
    }
  }
}

/// Only web links are followed; anything else (javascript:, data:, file:) stays text.
function safeUrl(url) {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (_) {
    return null;
  }
}

/// A paragraph with each quotation it holds marked, its speaker named after it.
function withQuotes(paragraph, quotes) {
  const found = [];
  for (const q of quotes) {
    if (!q.text) continue;
    let at = paragraph.indexOf(q.text);
    while (at >= 0) {
      found.push([at, at + q.text.length, q.speaker]);
      at = paragraph.indexOf(q.text, at + q.text.length);
    }
  }
  found.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const out = [];
  let at = 0;
  for (const [start, end, speaker] of found) {
    if (start < at) continue;
    out.push(text(paragraph.slice(at, start)));
    out.push(el("mark", { class: "quote", title: speaker ? `Said by ${speaker}` : "Unattributed" },
      paragraph.slice(start, end)));
    out.push(el("span", { class: "who" }, speaker ? ` [${speaker}]` : " [unattributed]"));
    at = end;
  }
  out.push(text(paragraph.slice(at)));
  return out;
}

// ------------------------------------------------ quotes view

async function drawQuotes(s, current) {
  document.title = "Quotations – newsidx";
  $("quote-q").value = s.q;
  $("quote-speaker").value = s.speaker;
  const list = clear($("quotes"));
  const pager = (enabled) => {
    $("quotes-prev").disabled = !enabled || s.page <= 1;
    $("quotes-next").disabled = true;
    $("quotes-page-info").textContent = "";
  };
  if (!s.q.trim() && !s.speaker.trim()) {
    $("quotes-summary").textContent = "What did someone say about something? Give the words, the speaker, or both.";
    pager(false);
    return;
  }
  $("quotes-summary").textContent = "Searching…";
  const offset = (s.page - 1) * QUOTES_PAGE;
  // One more than a page tells whether there is a next page.
  const found = await api("quotes", { q: s.q, speaker: s.speaker, limit: QUOTES_PAGE + 1, offset });
  if (!current()) return;
  const quotes = found.quotes.slice(0, QUOTES_PAGE);
  $("quotes-summary").textContent = quotes.length
    ? `Quotations ${offset + 1}–${offset + quotes.length}`
    : "No quotations match.";
  for (const q of quotes) {
    list.append(el("li", { class: "quote" },
      el("blockquote", {}, q.text),
      el("p", { class: "who" }, "— ", q.speaker || "unattributed"),
      el("p", { class: "meta" }, link(articleUrl(q.id), {}, q.headline || "(no headline)"),
        q.date ? [" · ", el("time", { datetime: q.date }, q.date)] : null)));
  }
  pager(true);
  $("quotes-next").disabled = found.quotes.length <= QUOTES_PAGE;
  $("quotes-page-info").textContent = quotes.length ? `Page ${s.page}` : "";
}

// ---------------------------------------------------------------- forms and keys

function start() {
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const s = state();
    go(searchUrl(Object.assign({}, s, { view: "search", q: $("q").value.trim(), page: 1 })));
  });
  $("range-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const s = state();
    go(searchUrl(Object.assign({}, s, {
      q: $("q").value.trim(), since: $("since").value, until: $("until").value,
      sort: $("sort").value, all: $("all-copies").checked, page: 1,
    })));
  });
  $("clear-dates").addEventListener("click", () => {
    go(searchUrl(Object.assign({}, state(), { since: "", until: "", page: 1 })));
  });
  $("prev").addEventListener("click", () => {
    const s = state();
    go(searchUrl(Object.assign({}, s, { page: Math.max(1, s.page - 1) })));
  });
  $("next").addEventListener("click", () => {
    const s = state();
    go(searchUrl(Object.assign({}, s, { page: s.page + 1 })));
  });
  $("quotes-form").addEventListener("submit", (event) => {
    event.preventDefault();
    go(quotesUrl({ q: $("quote-q").value.trim(), speaker: $("quote-speaker").value.trim(), page: 1 }));
  });
  $("quotes-prev").addEventListener("click", () => {
    const s = state();
    go(quotesUrl(Object.assign({}, s, { page: Math.max(1, s.page - 1) })));
  });
  $("quotes-next").addEventListener("click", () => {
    const s = state();
    go(quotesUrl(Object.assign({}, s, { page: s.page + 1 })));
  });
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement && document.activeElement.tagName);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      const s = state();
      const box = s.view === "quotes" ? $("quote-q") : $("q");
      if (s.view === "article") go(searchUrl(Object.assign({}, s, { view: "search" })));
      box.focus();
      box.select();
    }
  });
  draw();
}

start();
