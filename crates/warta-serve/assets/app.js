// Warta explorer page. Plain ES module, no dependencies, no build step.
// Every value from the API reaches the DOM through textContent,
// createElement or setAttribute on attributes that cannot run code:
// article text is hostile input.

// ---------------------------------------------------------------------------
// Pure logic: exported so that Node's test runner can check it without a DOM.
// ---------------------------------------------------------------------------

export const FILTER_KEYS = ["actor", "recipient", "type", "quad", "from", "to", "q", "source"];
export const PAGE_SIZE = 50;
export const DEFAULT_BUCKET = "week";
export const HIGHLIGHT_KINDS = ["trigger", "actor", "recipient", "place"];

// The 16 PLOVER types in the order of lexicon/plover.toml (by quad class).
export const EVENT_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
  "COOPERATE", "AID", "RETREAT",
  "REQUEST", "ACCUSE", "REJECT", "THREATEN",
  "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DAY_MS = 86400000;

/** Reads the page state from a query string; values the API would reject are dropped. */
export function parseState(search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = (params.get(key) ?? "").trim();
    if (!value) continue;
    if (key === "quad" && !/^[1-4]$/.test(value)) continue;
    if ((key === "from" || key === "to") && !PARTIAL_DATE.test(value)) continue;
    filters[key] = value;
  }
  const offsetText = params.get("offset") ?? "";
  const offset = /^\d+$/.test(offsetText) ? Number(offsetText) : 0;
  const by = params.get("by") === "day" ? "day" : params.get("by") === "week" ? "week" : DEFAULT_BUCKET;
  const event = params.get("event") || null;
  const doc = params.get("doc") || null;
  return { filters, offset, by, event, doc };
}

/** The query string for a state, keys in a fixed order so equal states give equal URLs. */
export function stateToSearch(state) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value !== undefined && value !== null && String(value).trim() !== "") {
      params.set(key, String(value).trim());
    }
  }
  if (state.by && state.by !== DEFAULT_BUCKET) params.set("by", state.by);
  if (state.offset > 0) params.set("offset", String(state.offset));
  if (state.event) params.set("event", state.event);
  if (state.doc) params.set("doc", state.doc);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Query string for an API call: the filters (minus `omit`) plus extra parameters. */
export function apiQuery(filters, extra = {}, omit = []) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    if (omit.includes(key)) continue;
    if (filters[key] !== undefined) params.set(key, filters[key]);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * Cuts `text` into runs at every highlight boundary. Offsets count
 * characters (Unicode code points), so the text is split with Array.from,
 * never indexed as UTF-16. Each run lists the kinds that cover it.
 */
export function splitHighlights(text, highlights) {
  const chars = Array.from(text ?? "");
  const marks = (highlights ?? [])
    .map((h) => ({
      start: Math.max(0, Math.min(chars.length, Number(h.start))),
      end: Math.max(0, Math.min(chars.length, Number(h.end))),
      kind: String(h.kind),
    }))
    .filter((h) => Number.isFinite(h.start) && Number.isFinite(h.end) && h.end > h.start);
  const cuts = new Set([0, chars.length]);
  for (const mark of marks) {
    cuts.add(mark.start);
    cuts.add(mark.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [start, end] = [points[i], points[i + 1]];
    const kinds = [];
    for (const mark of marks) {
      if (mark.start <= start && mark.end >= end && !kinds.includes(mark.kind)) kinds.push(mark.kind);
    }
    kinds.sort((a, b) => kindRank(a) - kindRank(b));
    runs.push({ text: chars.slice(start, end).join(""), kinds });
  }
  return runs;
}

function kindRank(kind) {
  const rank = HIGHLIGHT_KINDS.indexOf(kind);
  return rank === -1 ? HIGHLIGHT_KINDS.length : rank;
}

/** A URL from data may become a link only if it is plain http(s). */
export function safeHref(url) {
  if (typeof url !== "string") return null;
  const trimmed = url.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const parsed = new URL(trimmed);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Fills `{name}` placeholders; unknown names stay visible so a missing value is noticed. */
export function format(template, values = {}) {
  return String(template).replace(/\{(\w+)\}/g, (whole, name) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole);
}

/** Days since 1970-01-01 (UTC) of `YYYY-MM-DD`, or null. */
export function isoToDay(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? "");
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isFinite(ms) ? Math.round(ms / DAY_MS) : null;
}

export function dayToIso(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of ISO week 1 of `year`, in days since the epoch. */
function isoWeekOneMonday(year) {
  const jan4 = Math.round(Date.UTC(year, 0, 4) / DAY_MS);
  return jan4 - isoWeekday(jan4);
}

/** 0 for Monday … 6 for Sunday. */
function isoWeekday(day) {
  return (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
}

/** First and last day (inclusive) of a timeline period: `YYYY-MM-DD` or `YYYY-Www`. */
export function periodDays(period) {
  const day = isoToDay(period);
  if (day !== null) return { start: day, end: day };
  const week = /^(\d{4})-W(\d{2})$/.exec(period ?? "");
  if (!week) return null;
  const start = isoWeekOneMonday(Number(week[1])) + (Number(week[2]) - 1) * 7;
  return { start, end: start + 6 };
}

/** First and last day a partial date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) covers. */
export function partialDateDays(text) {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text ?? "");
  if (!match) return null;
  const year = Number(match[1]);
  if (match[3]) {
    const day = isoToDay(text);
    return { start: day, end: day };
  }
  if (match[2]) {
    const month = Number(match[2]) - 1;
    return {
      start: Math.round(Date.UTC(year, month, 1) / DAY_MS),
      end: Math.round(Date.UTC(year, month + 1, 1) / DAY_MS) - 1,
    };
  }
  return {
    start: Math.round(Date.UTC(year, 0, 1) / DAY_MS),
    end: Math.round(Date.UTC(year + 1, 0, 1) / DAY_MS) - 1,
  };
}

/** The `from`/`to` filters for a brushed span of days, snapped to whole weeks when bucketed by week. */
export function brushFilters(firstDay, lastDay, by) {
  let [start, end] = firstDay <= lastDay ? [firstDay, lastDay] : [lastDay, firstDay];
  if (by === "week") {
    start -= isoWeekday(start);
    end += 6 - isoWeekday(end);
  }
  return { from: dayToIso(start), to: dayToIso(end) };
}

/**
 * Turns dyads into a directed graph between countries. Edges keep their
 * events per quad class; self-pairs count towards the node only; a side
 * without a country (`-`) cannot be drawn and is counted apart.
 */
export function buildNetwork(dyads, maxNodes = 24) {
  const edges = new Map();
  const totals = new Map();
  let leftOut = 0;
  const addTotal = (code, events) => totals.set(code, (totals.get(code) ?? 0) + events);
  for (const dyad of dyads ?? []) {
    const events = Number(dyad.events) || 0;
    const actor = typeof dyad.actor === "string" ? dyad.actor : "-";
    const recipient = typeof dyad.recipient === "string" ? dyad.recipient : "-";
    if (actor === "-" || recipient === "-" || !actor || !recipient) {
      leftOut += events;
      continue;
    }
    addTotal(actor, events);
    if (actor === recipient) continue;
    addTotal(recipient, events);
    const key = `${actor}\u0000${recipient}`;
    const edge = edges.get(key) ?? { source: actor, target: recipient, events: 0, byQuad: [0, 0, 0, 0, 0] };
    edge.events += events;
    const quad = Number(dyad.quad_class);
    edge.byQuad[quad >= 1 && quad <= 4 ? quad : 0] += events;
    edges.set(key, edge);
  }
  const kept = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxNodes);
  const keptCodes = new Set(kept.map(([code]) => code));
  const nodes = kept.map(([code, total]) => ({ code, total }));
  const keptEdges = [...edges.values()]
    .filter((e) => keptCodes.has(e.source) && keptCodes.has(e.target))
    .map((e) => ({ ...e, quad: dominantQuad(e.byQuad) }));
  return { nodes, edges: keptEdges, leftOut };
}

/** The quad class (1–4) with most events, or null when none is known. */
export function dominantQuad(byQuad) {
  let best = null;
  for (let quad = 1; quad <= 4; quad += 1) {
    if (byQuad[quad] > 0 && (best === null || byQuad[quad] > byQuad[best])) best = quad;
  }
  return best;
}

/**
 * Fruchterman–Reingold layout: nodes repel, edges pull, a weak pull to
 * the centre keeps loose parts in view, and the step size cools so the
 * layout settles. Deterministic: nodes start on a circle.
 */
export function layoutNetwork(nodes, edges, width, height, iterations = 300) {
  const margin = 28;
  const count = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.code, i]));
  const cx = width / 2;
  const cy = height / 2;
  const start = Math.min(width, height) / 3;
  const pos = nodes.map((_, i) => ({
    x: cx + start * Math.cos((2 * Math.PI * i) / Math.max(1, count)),
    y: cy + start * Math.sin((2 * Math.PI * i) / Math.max(1, count)),
  }));
  if (count <= 1) return pos.map(() => ({ x: cx, y: cy }));
  const k = 0.75 * Math.sqrt(((width - 2 * margin) * (height - 2 * margin)) / count);
  const links = edges
    .map((e) => [index.get(e.source), index.get(e.target)])
    .filter(([a, b]) => a !== undefined && b !== undefined);
  for (let step = 0; step < iterations; step += 1) {
    const temperature = (width / 8) * (1 - step / iterations) + 0.5;
    const shift = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < count; i += 1) {
      for (let j = i + 1; j < count; j += 1) {
        let dx = pos[i].x - pos[j].x;
        let dy = pos[i].y - pos[j].y;
        let distance = Math.hypot(dx, dy);
        if (distance < 0.01) {
          // Coincident nodes: push apart along a fixed direction per pair.
          dx = Math.cos(i + j);
          dy = Math.sin(i + j);
          distance = 0.01;
        }
        const force = (k * k) / distance;
        shift[i].x += (dx / distance) * force;
        shift[i].y += (dy / distance) * force;
        shift[j].x -= (dx / distance) * force;
        shift[j].y -= (dy / distance) * force;
      }
    }
    for (const [a, b] of links) {
      const dx = pos[a].x - pos[b].x;
      const dy = pos[a].y - pos[b].y;
      const distance = Math.max(0.01, Math.hypot(dx, dy));
      const force = (distance * distance) / k;
      shift[a].x -= (dx / distance) * force;
      shift[a].y -= (dy / distance) * force;
      shift[b].x += (dx / distance) * force;
      shift[b].y += (dy / distance) * force;
    }
    for (let i = 0; i < count; i += 1) {
      shift[i].x += (cx - pos[i].x) * 0.05 * k / 10;
      shift[i].y += (cy - pos[i].y) * 0.05 * k / 10;
      const length = Math.hypot(shift[i].x, shift[i].y);
      if (length > 0) {
        const moved = Math.min(length, temperature);
        pos[i].x += (shift[i].x / length) * moved;
        pos[i].y += (shift[i].y / length) * moved;
      }
      pos[i].x = Math.min(width - margin, Math.max(margin, pos[i].x));
      pos[i].y = Math.min(height - margin, Math.max(margin, pos[i].y));
    }
  }
  return pos;
}

/** How an entity list reads in a table cell: country codes, else names, else the text. */
export function partyLabel(entities) {
  const labels = [];
  for (const entity of entities ?? []) {
    const label = entity?.country || entity?.name || entity?.text;
    if (label && !labels.includes(label)) labels.push(label);
  }
  return labels.join(", ");
}

// ---------------------------------------------------------------------------
// The page. Only runs in a browser.
// ---------------------------------------------------------------------------

const SVG_NS = "http://www.w3.org/2000/svg";

const page = {
  strings: null,
  lang: "id",
  state: null,
  loaded: { timeline: null, network: null, table: null, detail: null },
  data: { stats: null, timeline: null, network: null, actors: null, table: null, detail: null, code: null },
  sequence: { timeline: 0, network: 0, table: 0, detail: 0, code: 0 },
};

function t(key, values) {
  const table = page.strings?.[page.lang] ?? {};
  const text = table[key] ?? page.strings?.id?.[key] ?? key;
  return values ? format(text, values) : text;
}

/** Builds an element; `props.text` becomes textContent, other props are attributes. */
function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  applyProps(node, props);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return node;
}

function svgEl(tag, props = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  applyProps(node, props);
  return node;
}

function applyProps(node, props) {
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = String(value);
    else if (name === "className") node.setAttribute("class", value);
    else if (/^on/i.test(name) || name === "href" || name === "src" || name === "style") {
      // Handlers, links and styles are set deliberately elsewhere, never from a props bag.
      throw new Error(`refusing attribute ${name}`);
    } else node.setAttribute(name, String(value));
  }
}

function svgTitle(text) {
  const title = svgEl("title");
  title.textContent = text;
  return title;
}

class ApiError extends Error {}

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { Accept: "application/json", ...(options.headers ?? {}) },
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const reason = body && typeof body.error === "string" ? body.error : `HTTP ${response.status}`;
    throw new ApiError(`${path.split("?")[0]}: ${reason}`);
  }
  return body;
}

function showError(error) {
  const status = document.getElementById("status");
  status.textContent = `${t("error_prefix")}: ${error.message}`;
  status.classList.add("error");
}

function clearError() {
  const status = document.getElementById("status");
  status.textContent = "";
  status.classList.remove("error");
}

function quadName(quad) {
  return quad >= 1 && quad <= 4 ? t(`quad_${quad}`) : t("quad_unknown");
}

function quadClass(quad) {
  return quad >= 1 && quad <= 4 ? `q${quad}` : "q0";
}

function numberText(value) {
  return typeof value === "number" ? value.toLocaleString(page.lang === "id" ? "id-ID" : "en-GB") : t("none");
}

// --- static strings and language --------------------------------------------

function applyStaticStrings() {
  document.documentElement.lang = page.lang;
  document.title = t("app_title");
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
    node.setAttribute("placeholder", t(node.dataset.i18nPlaceholder));
  }
  for (const button of document.querySelectorAll(".lang-button")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === page.lang));
  }
  document.getElementById("timeline").setAttribute("aria-label", t("timeline_aria"));
  document.getElementById("network").setAttribute("aria-label", t("network_aria"));
  fillSelect(document.getElementById("f-type"), EVENT_TYPES.map((type) => [type, type]));
  fillSelect(document.getElementById("f-quad"), [1, 2, 3, 4].map((quad) => [String(quad), `${quad} · ${quadName(quad)}`]));
  renderLegend();
}

function fillSelect(select, options) {
  const chosen = select.value;
  select.replaceChildren(el("option", { value: "", text: t("filter_any") }));
  for (const [value, label] of options) select.append(el("option", { value, text: label }));
  select.value = chosen;
}

function renderLegend() {
  const legend = document.getElementById("quad-legend");
  legend.replaceChildren(...[1, 2, 3, 4].map((quad) =>
    el("span", { className: "legend-item" }, [el("span", { className: `swatch ${quadClass(quad)}`, "aria-hidden": "true" }), quadName(quad)])));
}

function setLanguage(lang) {
  if (!page.strings[lang] || lang === page.lang) return;
  page.lang = lang;
  try {
    localStorage.setItem("warta.lang", lang);
  } catch {
    // Storage may be disabled; the choice then lasts for this page only.
  }
  applyStaticStrings();
  renderStats();
  renderTimeline();
  renderNetwork();
  renderTable();
  renderDetail();
  renderCodeResults();
}

// --- state and navigation ---------------------------------------------------

function navigate(next, { focusDetail = false } = {}) {
  const search = stateToSearch(next);
  if (search !== location.search) history.pushState(null, "", `${location.pathname}${search}`);
  applyState(parseState(search), { focusDetail });
}

function applyState(state, { focusDetail = false } = {}) {
  page.state = state;
  clearError();
  syncForm(state);
  const filterKey = apiQuery(state.filters);
  const timelineKey = apiQuery(state.filters, { by: state.by }, ["from", "to"]);
  const tableKey = apiQuery(state.filters, { limit: PAGE_SIZE, offset: state.offset });
  const detailKey = `${state.event ?? ""}\u0000${state.doc ?? ""}`;
  if (page.loaded.timeline !== timelineKey) loadTimeline(timelineKey);
  else renderTimeline(); // the brushed period may have changed
  if (page.loaded.network !== filterKey) loadNetwork(filterKey);
  if (page.loaded.table !== tableKey) loadTable(tableKey);
  else renderTable();
  if (page.loaded.detail !== detailKey) loadDetail(state, detailKey, focusDetail);
}

function syncForm(state) {
  const form = document.getElementById("filters");
  for (const key of FILTER_KEYS) form.elements[key].value = state.filters[key] ?? "";
  document.getElementById("timeline-by").value = state.by;
}

function readForm() {
  const form = document.getElementById("filters");
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = form.elements[key].value.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

function busy(sectionId, isBusy) {
  document.getElementById(sectionId).setAttribute("aria-busy", String(isBusy));
}

// --- stats ------------------------------------------------------------------

async function loadStats() {
  try {
    page.data.stats = await api("/api/stats");
    renderStats();
  } catch (error) {
    showError(error);
  }
}

function renderStats() {
  const stats = page.data.stats;
  if (!stats) return;
  document.getElementById("stats").textContent = t("stats", {
    documents: numberText(stats.documents),
    events: numberText(stats.events),
    mentions: numberText(stats.mentions),
  });
}

// --- timeline ---------------------------------------------------------------

async function loadTimeline(key) {
  const sequence = ++page.sequence.timeline;
  busy("timeline-section", true);
  try {
    const rows = await api(`/api/timeline${key}`);
    if (sequence !== page.sequence.timeline) return;
    page.data.timeline = Array.isArray(rows) ? rows : [];
    page.loaded.timeline = key;
    renderTimeline();
  } catch (error) {
    if (sequence === page.sequence.timeline) showError(error);
  } finally {
    if (sequence === page.sequence.timeline) busy("timeline-section", false);
  }
}

const timelineGeometry = { margin: { left: 44, right: 12, top: 14, bottom: 26 }, firstDay: 0, lastDay: 0, width: 0, height: 0 };

function timelineX(day) {
  const g = timelineGeometry;
  const span = Math.max(1, g.lastDay + 1 - g.firstDay);
  return g.margin.left + ((day - g.firstDay) / span) * (g.width - g.margin.left - g.margin.right);
}

function timelineDay(x) {
  const g = timelineGeometry;
  const span = Math.max(1, g.lastDay + 1 - g.firstDay);
  const plot = g.width - g.margin.left - g.margin.right;
  const ratio = Math.min(1, Math.max(0, (x - g.margin.left) / plot));
  return Math.min(g.lastDay, g.firstDay + Math.floor(ratio * span));
}

function renderTimeline() {
  const svg = document.getElementById("timeline");
  const note = document.getElementById("timeline-note");
  const rows = (page.data.timeline ?? [])
    .map((row) => ({ row, days: periodDays(row.period) }))
    .filter((item) => item.days !== null);
  const width = Math.max(320, Math.round(svg.clientWidth || 600));
  const height = Math.max(160, Math.round(svg.clientHeight || 220));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  note.textContent = "";
  if (page.data.timeline === null) return;
  if (rows.length === 0) {
    note.textContent = t("timeline_empty");
    return;
  }
  const g = timelineGeometry;
  Object.assign(g, {
    width,
    height,
    firstDay: Math.min(...rows.map((item) => item.days.start)),
    lastDay: Math.max(...rows.map((item) => item.days.end)),
  });
  const top = g.margin.top;
  const bottom = height - g.margin.bottom;
  const middle = (top + bottom) / 2;
  const half = (bottom - top) / 2;
  const peak = Math.max(1, ...rows.map(({ row }) => Math.max(row.quad_class[0] + row.quad_class[1], row.quad_class[2] + row.quad_class[3])));
  const scale = (count) => (count / peak) * half;

  const bars = svgEl("g", { className: "bars" });
  for (const { row, days } of rows) {
    const x0 = timelineX(days.start);
    const barWidth = Math.max(1.5, timelineX(days.end + 1) - x0 - 1);
    const label = `${row.period}: ${[1, 2, 3, 4].map((q) => `${quadName(q)} ${row.quad_class[q - 1]}`).join(", ")}`;
    const group = svgEl("g", { className: "bar" });
    group.append(svgTitle(label));
    let up = middle;
    for (const quad of [1, 2]) {
      const h = scale(row.quad_class[quad - 1]);
      if (h > 0) group.append(svgEl("rect", { x: x0, y: up - h, width: barWidth, height: h, className: `fill-${quadClass(quad)}` }));
      up -= h;
    }
    let down = middle;
    for (const quad of [3, 4]) {
      const h = scale(row.quad_class[quad - 1]);
      if (h > 0) group.append(svgEl("rect", { x: x0, y: down, width: barWidth, height: h, className: `fill-${quadClass(quad)}` }));
      down += h;
    }
    bars.append(group);
  }

  const axes = svgEl("g", { className: "axes" });
  axes.append(svgEl("line", { x1: g.margin.left, x2: width - g.margin.right, y1: middle, y2: middle, className: "baseline" }));
  const upLabel = svgEl("text", { x: g.margin.left - 6, y: top + 10, "text-anchor": "end", className: "axis-label" });
  upLabel.textContent = String(peak);
  const downLabel = svgEl("text", { x: g.margin.left - 6, y: bottom, "text-anchor": "end", className: "axis-label" });
  downLabel.textContent = String(peak);
  const coop = svgEl("text", { x: g.margin.left + 4, y: top + 10, className: "axis-label side-label" });
  coop.textContent = `▲ ${t("cooperation")}`;
  const conflict = svgEl("text", { x: g.margin.left + 4, y: bottom - 2, className: "axis-label side-label" });
  conflict.textContent = `▼ ${t("conflict")}`;
  axes.append(upLabel, downLabel, coop, conflict);
  const ticks = Math.min(6, g.lastDay - g.firstDay + 1);
  for (let i = 0; i < ticks; i += 1) {
    const day = Math.round(g.firstDay + (i * (g.lastDay - g.firstDay)) / Math.max(1, ticks - 1));
    const x = timelineX(day);
    const anchor = i === 0 ? "start" : i === ticks - 1 ? "end" : "middle";
    const tick = svgEl("text", { x, y: height - 8, "text-anchor": anchor, className: "axis-label" });
    tick.textContent = dayToIso(day);
    axes.append(tick, svgEl("line", { x1: x, x2: x, y1: bottom, y2: bottom + 4, className: "tick" }));
  }

  const selection = svgEl("rect", { className: "brush-selection", y: top, height: bottom - top, x: 0, width: 0, visibility: "hidden" });
  const chosen = chosenPeriod();
  if (chosen) {
    const x0 = Math.max(g.margin.left, timelineX(chosen.start));
    const x1 = Math.min(width - g.margin.right, timelineX(chosen.end + 1));
    if (x1 > x0) {
      selection.setAttribute("x", x0);
      selection.setAttribute("width", x1 - x0);
      selection.setAttribute("visibility", "visible");
    }
  }
  const area = svgEl("rect", { className: "brush-area", x: g.margin.left, y: top, width: width - g.margin.left - g.margin.right, height: bottom - top });
  svg.append(bars, axes, selection, area);
  attachBrush(svg, area, selection);
  if (chosen) {
    note.textContent = t("timeline_selected", { from: page.state.filters.from ?? "…", to: page.state.filters.to ?? "…" });
  }
}

/** The from/to filters as a span of days, open ends reaching the chart's edges. */
function chosenPeriod() {
  const { from, to } = page.state?.filters ?? {};
  if (!from && !to) return null;
  const start = from ? partialDateDays(from)?.start : timelineGeometry.firstDay;
  const end = to ? partialDateDays(to)?.end : timelineGeometry.lastDay;
  if (start === undefined || end === undefined || start === null || end === null) return null;
  return { start, end };
}

function attachBrush(svg, area, selection) {
  let anchorX = null;
  const pointX = (event) => event.clientX - svg.getBoundingClientRect().left;
  const clampX = (x) => Math.min(timelineGeometry.width - timelineGeometry.margin.right, Math.max(timelineGeometry.margin.left, x));
  area.addEventListener("pointerdown", (event) => {
    anchorX = clampX(pointX(event));
    area.setPointerCapture(event.pointerId);
    selection.setAttribute("x", anchorX);
    selection.setAttribute("width", 0);
    selection.setAttribute("visibility", "visible");
  });
  area.addEventListener("pointermove", (event) => {
    if (anchorX === null) return;
    const x = clampX(pointX(event));
    selection.setAttribute("x", Math.min(anchorX, x));
    selection.setAttribute("width", Math.abs(x - anchorX));
  });
  const finish = (event) => {
    if (anchorX === null) return;
    const x = clampX(pointX(event));
    const startX = anchorX;
    anchorX = null;
    if (Math.abs(x - startX) < 3) {
      // A click, not a drag: show the period that was chosen before.
      renderTimeline();
      return;
    }
    const period = brushFilters(timelineDay(Math.min(startX, x)), timelineDay(Math.max(startX, x) - 0.001), page.state.by);
    navigate({ ...page.state, filters: { ...page.state.filters, ...period }, offset: 0 });
  };
  area.addEventListener("pointerup", finish);
  area.addEventListener("pointercancel", () => {
    anchorX = null;
    renderTimeline();
  });
}

// --- network ----------------------------------------------------------------

async function loadNetwork(key) {
  const sequence = ++page.sequence.network;
  busy("network-section", true);
  try {
    const [dyads, actors] = await Promise.all([api(`/api/dyads${key}`), api(`/api/actors${key}`)]);
    if (sequence !== page.sequence.network) return;
    page.data.network = Array.isArray(dyads) ? dyads : [];
    page.data.actors = Array.isArray(actors) ? actors : [];
    page.loaded.network = key;
    renderNetwork();
    renderActorList();
  } catch (error) {
    if (sequence === page.sequence.network) showError(error);
  } finally {
    if (sequence === page.sequence.network) busy("network-section", false);
  }
}

function renderActorList() {
  const list = document.getElementById("actor-list");
  const options = [];
  for (const actor of (page.data.actors ?? []).slice(0, 200)) {
    if (typeof actor.code !== "string" || !actor.code) continue;
    options.push(el("option", { value: actor.code, label: actor.name ? `${actor.code} · ${actor.name}` : actor.code }));
  }
  list.replaceChildren(...options);
}

function renderNetwork() {
  const svg = document.getElementById("network");
  const note = document.getElementById("network-note");
  const width = Math.max(320, Math.round(svg.clientWidth || 560));
  const height = Math.max(200, Math.round(svg.clientHeight || 300));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  note.textContent = "";
  if (page.data.network === null) return;
  const { nodes, edges, leftOut } = buildNetwork(page.data.network);
  if (leftOut > 0) note.textContent = t("network_left_out", { count: numberText(leftOut) });
  if (nodes.length === 0) {
    note.textContent = `${t("network_empty")} ${note.textContent}`.trim();
    return;
  }
  const names = new Map((page.data.actors ?? []).map((actor) => [actor.code, actor]));
  const positions = layoutNetwork(nodes, edges, width, height);
  const at = new Map(nodes.map((node, i) => [node.code, positions[i]]));
  const maxTotal = Math.max(...nodes.map((node) => node.total));
  const maxEvents = Math.max(1, ...edges.map((edge) => edge.events));
  const radius = (node) => 6 + 12 * Math.sqrt(node.total / maxTotal);
  const radiusOf = new Map(nodes.map((node) => [node.code, radius(node)]));

  const defs = svgEl("defs");
  for (const quad of [0, 1, 2, 3, 4]) {
    const marker = svgEl("marker", { id: `arrow-q${quad}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" });
    marker.append(svgEl("path", { d: "M0,0 L10,5 L0,10 z", className: `fill-q${quad}` }));
    defs.append(marker);
  }
  const edgeLayer = svgEl("g", { className: "edges" });
  for (const edge of edges) {
    const a = at.get(edge.source);
    const b = at.get(edge.target);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = Math.max(1, Math.hypot(dx, dy));
    // Bend every edge to its right, so A→B and B→A are drawn apart.
    const bend = Math.min(40, length * 0.15);
    const cx = (a.x + b.x) / 2 - (dy / length) * bend;
    const cy = (a.y + b.y) / 2 + (dx / length) * bend;
    const toEnd = Math.max(1, Math.hypot(b.x - cx, b.y - cy));
    const gap = radiusOf.get(edge.target) + 2;
    const ex = b.x - ((b.x - cx) / toEnd) * gap;
    const ey = b.y - ((b.y - cy) / toEnd) * gap;
    const quad = edge.quad ?? 0;
    const path = svgEl("path", {
      d: `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
      className: `edge stroke-q${quad}`,
      "stroke-width": (1 + 6 * Math.sqrt(edge.events / maxEvents)).toFixed(2),
      "marker-end": `url(#arrow-q${quad})`,
      "data-source": edge.source,
      "data-target": edge.target,
    });
    const split = [1, 2, 3, 4].filter((q) => edge.byQuad[q] > 0).map((q) => `${quadName(q)} ${edge.byQuad[q]}`);
    path.append(svgTitle(`${t("network_edge", { actor: edge.source, recipient: edge.target, events: edge.events })}${split.length ? ` (${split.join(", ")})` : ""}`));
    edgeLayer.append(path);
  }
  const nodeLayer = svgEl("g", { className: "nodes" });
  for (const node of nodes) {
    const p = at.get(node.code);
    const actor = names.get(node.code);
    const label = t("network_node", {
      name: actor?.name ? `${node.code} (${actor.name})` : node.code,
      as_actor: actor?.as_actor ?? "?",
      as_recipient: actor?.as_recipient ?? "?",
    });
    const isChosen = page.state.filters.actor?.toUpperCase() === node.code.toUpperCase();
    const group = svgEl("g", { className: isChosen ? "node chosen" : "node", tabindex: 0, role: "button", "aria-label": label, "data-code": node.code });
    group.append(svgTitle(label));
    group.append(svgEl("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: radiusOf.get(node.code).toFixed(1) }));
    const text = svgEl("text", { x: p.x.toFixed(1), y: (p.y - radiusOf.get(node.code) - 4).toFixed(1), "text-anchor": "middle" });
    text.textContent = node.code;
    group.append(text);
    const choose = () => navigate({ ...page.state, filters: { ...page.state.filters, actor: node.code }, offset: 0 });
    group.addEventListener("click", choose);
    group.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        choose();
      }
    });
    nodeLayer.append(group);
  }
  svg.append(defs, edgeLayer, nodeLayer);
}

// --- event table ------------------------------------------------------------

async function loadTable(key) {
  const sequence = ++page.sequence.table;
  busy("events", true);
  try {
    const result = await api(`/api/events${key}`);
    if (sequence !== page.sequence.table) return;
    page.data.table = result;
    page.loaded.table = key;
    renderTable();
  } catch (error) {
    if (sequence === page.sequence.table) showError(error);
  } finally {
    if (sequence === page.sequence.table) busy("events", false);
  }
}

function renderTable() {
  const result = page.data.table;
  const body = document.getElementById("event-rows");
  const count = document.getElementById("events-count");
  const prev = document.getElementById("page-prev");
  const next = document.getElementById("page-next");
  const info = document.getElementById("page-info");
  if (!result) return;
  const events = Array.isArray(result.events) ? result.events : [];
  const total = Number(result.total) || 0;
  const offset = Number(result.offset) || 0;
  const limit = Number(result.limit) || PAGE_SIZE;
  count.textContent = events.length
    ? t("events_count", { first: numberText(offset + 1), last: numberText(offset + events.length), total: numberText(total) })
    : t("events_none");
  info.textContent = events.length ? `${Math.floor(offset / limit) + 1} / ${Math.max(1, Math.ceil(total / limit))}` : "";
  prev.disabled = offset === 0;
  next.disabled = offset + events.length >= total;
  body.replaceChildren(...events.map((event) => eventRow(event)));
}

function eventRow(event) {
  const chosen = page.state.event === event.event_id;
  const row = el("tr", { className: chosen ? "chosen" : null, "data-event-id": event.event_id, "aria-current": chosen ? "true" : null });
  const open = el("button", { type: "button", className: "link-button", text: event.event_type ?? t("none") });
  open.addEventListener("click", (clickEvent) => {
    clickEvent.stopPropagation();
    openEvent(event.event_id);
  });
  row.addEventListener("click", () => openEvent(event.event_id));
  const typeCell = el("td", {}, [open, event.mode ? el("span", { className: "mode", text: ` ${event.mode}` }) : null]);
  const quad = Number(event.quad_class);
  row.append(
    el("td", { className: "nowrap", text: event.date ?? t("none") }),
    typeCell,
    el("td", { text: event.cameo ?? t("none") }),
    el("td", {}, [el("span", { className: `quad-badge ${quadClass(quad)}`, title: quadName(quad), text: Number.isFinite(quad) ? String(quad) : "?" })]),
    el("td", { title: (event.actor ?? []).map((e) => e.text).join("; "), text: partyLabel(event.actor) || t("none") }),
    el("td", { title: (event.recipient ?? []).map((e) => e.text).join("; "), text: partyLabel(event.recipient) || t("none") }),
    el("td", { text: event.location?.name ?? event.location?.text ?? t("none") }),
    el("td", { className: "num", text: numberText(event.num_articles) }),
    el("td", { className: "num", text: numberText(event.num_sources) }),
  );
  return row;
}

function openEvent(eventId) {
  navigate({ ...page.state, event: eventId, doc: null }, { focusDetail: true });
}

// --- event and document view ------------------------------------------------

async function loadDetail(state, key, focusDetail) {
  const sequence = ++page.sequence.detail;
  page.loaded.detail = key;
  if (!state.event && !state.doc) {
    page.data.detail = null;
    renderDetail();
    busy("detail", false);
    return;
  }
  busy("detail", true);
  try {
    const [event, doc] = await Promise.all([
      state.event ? api(`/api/events/${encodeURIComponent(state.event)}`) : null,
      state.doc ? api(`/api/documents/${encodeURIComponent(state.doc)}`) : null,
    ]);
    if (sequence !== page.sequence.detail) return;
    page.data.detail = { event, doc };
    renderDetail();
    if (focusDetail) document.getElementById("detail").focus();
  } catch (error) {
    if (sequence !== page.sequence.detail) return;
    page.data.detail = null;
    renderDetail();
    showError(error);
  } finally {
    if (sequence === page.sequence.detail) busy("detail", false);
  }
}

function renderDetail() {
  const body = document.getElementById("detail-body");
  const close = document.getElementById("detail-close");
  const heading = document.getElementById("detail-heading");
  const detail = page.data.detail;
  close.hidden = !detail;
  if (!detail) {
    heading.textContent = t("detail_title");
    body.replaceChildren(el("p", { className: "help", text: t("detail_empty") }));
    return;
  }
  if (detail.doc) {
    heading.textContent = t("document_title");
    body.replaceChildren(...documentView(detail.doc, detail.event));
  } else {
    heading.textContent = t("detail_title");
    body.replaceChildren(...eventView(detail.event));
  }
  // The table marks the open event.
  for (const row of document.querySelectorAll("#event-rows tr")) {
    const chosen = row.dataset.eventId === page.state.event;
    row.classList.toggle("chosen", chosen);
    if (chosen) row.setAttribute("aria-current", "true");
    else row.removeAttribute("aria-current");
  }
}

/** A definition list of [label, value] pairs; empty values are left out. */
function facts(pairs) {
  const list = el("dl", { className: "facts" });
  for (const [label, value] of pairs) {
    if (value === null || value === undefined || value === "") continue;
    list.append(el("dt", { text: label }), el("dd", {}, [value]));
  }
  return list;
}

function entityText(entity) {
  const parts = [entity.text];
  if (entity.name && entity.name !== entity.text) parts.push(`= ${entity.name}`);
  const tags = [entity.country, entity.sector].filter(Boolean).join(" ");
  if (tags) parts.push(`[${tags}]`);
  return parts.join(" ");
}

function entityList(entities) {
  if (!entities || entities.length === 0) return null;
  return el("ul", { className: "entities" }, entities.map((entity) => el("li", { text: entityText(entity) })));
}

function placeText(location) {
  if (!location) return null;
  const parts = [location.name ?? location.text];
  if (location.country) parts.push(location.country);
  if (typeof location.lat === "number" && typeof location.lon === "number") parts.push(`${location.lat.toFixed(3)}, ${location.lon.toFixed(3)}`);
  return parts.filter(Boolean).join(" · ");
}

function linkOrText(url) {
  if (!url) return null;
  const href = safeHref(url);
  if (!href) return el("span", { className: "unsafe-url", text: url });
  const link = el("a", { rel: "noopener noreferrer", target: "_blank", text: url });
  link.href = href;
  return link;
}

function highlightedText(text, highlights, className) {
  const container = el("p", { className });
  for (const run of splitHighlights(text, highlights)) {
    if (run.kinds.length === 0) {
      container.append(run.text);
    } else {
      container.append(el("mark", { className: run.kinds.map((kind) => `hl-${HIGHLIGHT_KINDS.includes(kind) ? kind : "other"}`).join(" "), "data-kinds": run.kinds.join(" "), title: run.kinds.map((kind) => t(`kind_${kind}`)).join(", "), text: run.text }));
    }
  }
  return container;
}

function highlightLegend() {
  return el("p", { className: "hl-legend" }, [
    t("legend"),
    ...HIGHLIGHT_KINDS.map((kind) => el("mark", { className: `hl-${kind}`, text: t(`kind_${kind}`) })),
  ]);
}

function eventView(event) {
  const size = event.size ?? {};
  const title = el("h3", { className: "event-title" }, [
    el("span", { className: `quad-badge ${quadClass(event.quad_class)}`, text: String(event.quad_class ?? "?") }),
    ` ${event.event_type ?? ""}${event.mode ? ` · ${event.mode}` : ""}`,
  ]);
  const summary = facts([
    [t("field_type"), event.event_type],
    [t("field_mode"), [event.mode, ...(Array.isArray(event.modes) ? event.modes.filter((m) => m !== event.mode) : [])].filter(Boolean).join(", ")],
    [t("field_context"), (event.context ?? []).join(", ")],
    [t("field_cameo"), event.cameo],
    [t("field_quad"), `${event.quad_class} · ${quadName(event.quad_class)}`],
    [t("field_intensity"), event.intensity === null || event.intensity === undefined ? null : String(event.intensity)],
    [t("field_date"), event.date ? `${event.date}${event.date_precision ? ` (${event.date_precision})` : ""}` : null],
    [t("field_date_source"), event.date_source],
    [t("field_place"), placeText(event.location)],
    [t("field_actor"), entityList(event.actor)],
    [t("field_recipient"), entityList(event.recipient)],
    [t("field_dead"), size.dead === null || size.dead === undefined ? null : String(size.dead)],
    [t("field_injured"), size.injured === null || size.injured === undefined ? null : String(size.injured)],
    [t("field_arrested"), size.arrested === null || size.arrested === undefined ? null : String(size.arrested)],
    [t("field_confidence"), typeof event.confidence === "number" ? event.confidence.toFixed(2) : null],
    [t("field_mentions"), numberText(event.num_mentions)],
    [t("field_articles"), numberText(event.num_articles)],
    [t("field_sources"), numberText(event.num_sources)],
    [t("field_seen"), event.first_seen ? (event.first_seen === event.last_seen || !event.last_seen ? event.first_seen : `${event.first_seen} – ${event.last_seen}`) : null],
    [t("field_id"), event.event_id],
  ]);
  const mentions = el("ol", { className: "mentions" });
  for (const mention of event.mentions ?? []) mentions.append(mentionItem(mention));
  return [title, summary, el("h4", { text: t("mentions_title") }), highlightLegend(), mentions];
}

function mentionItem(mention) {
  const openDoc = el("button", { type: "button", className: "open-document", "data-doc-id": mention.doc_id, text: t("open_document") });
  openDoc.addEventListener("click", () => navigate({ ...page.state, doc: mention.doc_id }, { focusDetail: true }));
  const meta = el("p", { className: "mention-meta" }, [
    el("span", { className: "source", text: mention.source ?? t("none") }),
    " · ",
    el("span", { text: mention.publication_date ?? t("none") }),
    " · ",
    el("code", { text: mention.doc_id }),
  ]);
  return el("li", { className: "mention" }, [
    meta,
    highlightedText(mention.sentence, mention.highlights, "sentence"),
    facts([
      [t("field_trigger"), mention.trigger],
      [t("field_rule"), el("code", { text: mention.rule })],
      [t("field_merge"), mention.merge === "new" ? t("merge_new") : mention.merge === "joined" ? t("merge_joined") : mention.merge],
      [t("field_why"), mention.why],
      [t("field_url"), linkOrText(mention.url)],
    ]),
    openDoc,
  ]);
}

function documentView(doc, fromEvent) {
  const parts = [];
  if (fromEvent) {
    const back = el("button", { type: "button", className: "back", text: t("back_to_event") });
    back.addEventListener("click", () => navigate({ ...page.state, doc: null }, { focusDetail: true }));
    parts.push(back);
  }
  parts.push(el("h3", { className: "document-title", text: doc.title ?? doc.doc_id }));
  parts.push(facts([
    [t("field_document"), el("code", { text: doc.doc_id })],
    [t("field_source"), doc.source],
    [t("field_published"), doc.publication_date],
    [t("field_language"), doc.language],
    [t("field_url"), linkOrText(doc.url)],
  ]));
  parts.push(highlightLegend());
  parts.push(highlightedText(doc.text, doc.spans, "document-text"));
  const mentions = Array.isArray(doc.mentions) ? doc.mentions : [];
  if (mentions.length) {
    parts.push(el("h4", { text: t("document_events") }));
    const list = el("ul", { className: "document-events" });
    for (const mention of mentions) {
      const open = el("button", { type: "button", className: "link-button", text: `${mention.event_type ?? ""} · ${mention.trigger ?? ""}` });
      open.addEventListener("click", () => navigate({ ...page.state, event: mention.event_id, doc: null }, { focusDetail: true }));
      list.append(el("li", {}, [open, " ", el("code", { text: mention.rule ?? "" })]));
    }
    parts.push(list);
  }
  return parts;
}

// --- code this text ----------------------------------------------------------

async function submitCode(submitEvent) {
  submitEvent.preventDefault();
  const form = submitEvent.target;
  const text = form.elements.text.value;
  const date = form.elements.date.value.trim();
  if (!text.trim()) {
    page.data.code = { error: t("code_empty_text") };
    renderCodeResults();
    return;
  }
  const sequence = ++page.sequence.code;
  busy("code-section", true);
  try {
    const body = { text };
    if (date) body.date = date;
    const result = await api("/api/code", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (sequence !== page.sequence.code) return;
    page.data.code = { result };
  } catch (error) {
    if (sequence !== page.sequence.code) return;
    page.data.code = { error: error.message };
  } finally {
    if (sequence === page.sequence.code) busy("code-section", false);
  }
  renderCodeResults();
}

function renderCodeResults() {
  const container = document.getElementById("code-results");
  const outcome = page.data.code;
  if (!outcome) {
    container.replaceChildren();
    return;
  }
  if (outcome.error) {
    container.replaceChildren(el("p", { className: "error", text: `${t("error_prefix")}: ${outcome.error}` }));
    return;
  }
  const records = Array.isArray(outcome.result?.records) ? outcome.result.records : [];
  const parts = [];
  if (outcome.result?.skipped) parts.push(el("p", { className: "note", text: t("code_skipped", { reason: outcome.result.skipped }) }));
  parts.push(el("p", { className: "code-count", text: records.length ? t("code_result", { count: records.length }) : t("code_none") }));
  const list = el("ol", { className: "code-records" });
  for (const record of records) {
    list.append(el("li", { className: "code-record" }, [
      el("h3", {}, [
        el("span", { className: `quad-badge ${quadClass(record.quad_class)}`, text: String(record.quad_class ?? "?") }),
        ` ${record.event_type ?? ""}${record.mode ? ` · ${record.mode}` : ""}`,
      ]),
      facts([
        [t("field_actor"), entityList(record.actor)],
        [t("field_recipient"), entityList(record.recipient)],
        [t("field_cameo"), record.cameo],
        [t("field_date"), record.date],
        [t("field_place"), placeText(record.location)],
        [t("field_trigger"), el("mark", { className: "hl-trigger", text: record.trigger ?? "" })],
        [t("field_rule"), el("code", { text: record.rule ?? "" })],
        [t("field_confidence"), typeof record.confidence === "number" ? record.confidence.toFixed(2) : null],
      ]),
      el("p", { className: "sentence", text: record.sentence ?? "" }),
    ]));
  }
  parts.push(list);
  container.replaceChildren(...parts);
}

// --- start ------------------------------------------------------------------

async function start() {
  try {
    page.strings = await api("/assets/strings.json");
  } catch (error) {
    page.strings = { id: {}, en: {} };
    showError(error);
  }
  let saved = null;
  try {
    saved = localStorage.getItem("warta.lang");
  } catch {
    saved = null;
  }
  page.lang = saved && page.strings[saved] ? saved : "id";
  applyStaticStrings();

  for (const button of document.querySelectorAll(".lang-button")) {
    button.addEventListener("click", () => setLanguage(button.dataset.lang));
  }
  document.getElementById("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    navigate({ ...page.state, filters: readForm(), offset: 0 });
  });
  document.getElementById("filter-reset").addEventListener("click", () => {
    navigate({ ...page.state, filters: {}, offset: 0 });
  });
  document.getElementById("timeline-by").addEventListener("change", (event) => {
    navigate({ ...page.state, by: event.target.value });
  });
  document.getElementById("timeline-clear").addEventListener("click", () => {
    const filters = { ...page.state.filters };
    delete filters.from;
    delete filters.to;
    navigate({ ...page.state, filters, offset: 0 });
  });
  document.getElementById("page-prev").addEventListener("click", () => {
    navigate({ ...page.state, offset: Math.max(0, page.state.offset - PAGE_SIZE) });
  });
  document.getElementById("page-next").addEventListener("click", () => {
    navigate({ ...page.state, offset: page.state.offset + PAGE_SIZE });
  });
  document.getElementById("detail-close").addEventListener("click", () => {
    navigate({ ...page.state, event: null, doc: null });
  });
  document.getElementById("code-form").addEventListener("submit", submitCode);
  window.addEventListener("popstate", () => applyState(parseState(location.search)));
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      renderTimeline();
      renderNetwork();
    }, 150);
  });

  loadStats();
  applyState(parseState(location.search));
}

if (typeof document !== "undefined") start();
