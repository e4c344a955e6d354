// Warta explorer page. Plain ES module, no dependencies, no build step.
// Every value from the API reaches the DOM through textContent,
// createElement or setAttribute on attributes that cannot run code:
// article text is hostile input.

// ---------------------------------------------------------------------------
// Pure logic: exported so that Node's test runner can check it without a DOM.
// ---------------------------------------------------------------------------

export const FILTER_KEYS = ["actor", "recipient", "party", "type", "quad", "from", "to", "q", "source", "place"];
export const SORT_KEYS = ["date", "type", "quad", "articles", "sources"];
export const TIMELINE_METRICS = ["count", "sum", "mean"];
export const NETWORK_MEASURES = ["events", "intensity"];
export const DEFAULT_TOP = 30;
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
  const view = {};
  const sort = params.get("sort");
  if (SORT_KEYS.includes(sort)) view.sort = sort;
  if (params.get("order") === "asc") view.order = "asc";
  if (TIMELINE_METRICS.includes(params.get("metric")) && params.get("metric") !== "count") view.metric = params.get("metric");
  if (params.get("span") === "all") view.span = "all";
  const top = params.get("top") ?? "";
  if (/^\d+$/.test(top) && Number(top) >= 1 && Number(top) <= 500 && Number(top) !== DEFAULT_TOP) view.top = Number(top);
  if (params.get("net") === "intensity") view.net = "intensity";
  return { filters, offset, by, event, doc, ...view };
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
  if (state.sort && state.sort !== "date") params.set("sort", state.sort);
  if (state.order === "asc") params.set("order", "asc");
  if (state.metric && state.metric !== "count") params.set("metric", state.metric);
  if (state.span === "all") params.set("span", "all");
  if (state.top && state.top !== DEFAULT_TOP) params.set("top", String(state.top));
  if (state.net === "intensity") params.set("net", "intensity");
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
 * Turns dyads into a directed graph between countries, keeping the `top`
 * pairs by events or by intensity (the sum of |Goldstein|). Edges keep
 * their events per quad class; a node's total counts all its events, shown
 * or not; self-pairs count towards the node only; a side without a country
 * (`-`) cannot be drawn and is counted apart. Says how much is left out.
 */
export function buildNetwork(dyads, top = DEFAULT_TOP, by = "events") {
  const edges = new Map();
  const totals = new Map();
  let leftOut = 0;
  let allEvents = 0;
  const addTotal = (code, events) => totals.set(code, (totals.get(code) ?? 0) + events);
  for (const dyad of dyads ?? []) {
    const events = Number(dyad.events) || 0;
    allEvents += events;
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
    const edge = edges.get(key) ?? { source: actor, target: recipient, events: 0, intensity: 0, byQuad: [0, 0, 0, 0, 0] };
    edge.events += events;
    edge.intensity += Math.abs(Number(dyad.goldstein) || 0);
    const quad = Number(dyad.quad_class);
    edge.byQuad[quad >= 1 && quad <= 4 ? quad : 0] += events;
    edges.set(key, edge);
  }
  const measure = (edge) => (by === "intensity" ? edge.intensity : edge.events);
  const ranked = [...edges.values()].sort((a, b) =>
    measure(b) - measure(a) || b.events - a.events || (a.source + a.target < b.source + b.target ? -1 : 1));
  const kept = ranked.slice(0, Math.max(0, top)).map((e) => ({ ...e, intensity: Math.round(e.intensity * 10) / 10, quad: dominantQuad(e.byQuad) }));
  const codes = [];
  for (const edge of kept) {
    for (const code of [edge.source, edge.target]) if (!codes.includes(code)) codes.push(code);
  }
  const nodes = codes
    .map((code) => ({ code, total: totals.get(code) ?? 0 }))
    .sort((a, b) => b.total - a.total || (a.code < b.code ? -1 : 1));
  return {
    nodes,
    edges: kept,
    leftOut,
    pairs: ranked.length,
    shownEvents: kept.reduce((sum, e) => sum + e.events, 0),
    pairEvents: ranked.reduce((sum, e) => sum + e.events, 0),
    allEvents,
  };
}

/**
 * The percentile span of a timeline: the first and last day between which
 * `share` of the events lie (the rest split evenly before and after), so
 * that a few events from long ago do not squeeze the rest into a corner.
 */
export function coreSpan(rows, share = 0.98) {
  const items = (rows ?? [])
    .map((row) => ({ days: periodDays(row.period), total: Number(row.total) || 0 }))
    .filter((item) => item.days !== null)
    .sort((a, b) => a.days.start - b.days.start);
  const total = items.reduce((sum, item) => sum + item.total, 0);
  if (items.length === 0 || total === 0) return null;
  const tail = (total * (1 - share)) / 2;
  let seen = 0;
  let first = items[0];
  for (const item of items) {
    seen += item.total;
    if (seen > tail) {
      first = item;
      break;
    }
  }
  seen = 0;
  let last = items[items.length - 1];
  for (const item of [...items].reverse()) {
    seen += item.total;
    if (seen > tail) {
      last = item;
      break;
    }
  }
  const outside = items
    .filter((item) => item.days.end < first.days.start || item.days.start > last.days.end)
    .reduce((sum, item) => sum + item.total, 0);
  return { start: first.days.start, end: last.days.end, outside, total };
}

/** The height of a timeline bar part: events, or the Goldstein sum or mean. */
export function timelineValues(row, metric) {
  const counts = (row.quad_class ?? [0, 0, 0, 0]).map((n) => Number(n) || 0);
  const sums = (row.goldstein ?? [0, 0, 0, 0]).map((n) => Number(n) || 0);
  if (metric === "sum") return { up: [Math.max(0, sums[0]), Math.max(0, sums[1])], down: [Math.max(0, -sums[2]), Math.max(0, -sums[3])] };
  if (metric === "mean") {
    const total = counts.reduce((a, b) => a + b, 0);
    const mean = total ? sums.reduce((a, b) => a + b, 0) / total : 0;
    return { up: [Math.max(0, mean), 0], down: [0, Math.max(0, -mean)], mean };
  }
  return { up: [counts[0], counts[1]], down: [counts[2], counts[3]] };
}

/**
 * Country outlines of a TopoJSON topology (world-atlas) as SVG paths in an
 * equirectangular projection of `width` × `height`, latitudes 84°N to
 * 58°S (Antarctica left out). Arcs are delta-encoded and quantised;
 * a negative index walks an arc backwards.
 */
export function topologyPaths(topology, width, height) {
  const [sx, sy] = topology?.transform?.scale ?? [1, 1];
  const [tx, ty] = topology?.transform?.translate ?? [0, 0];
  const arcs = (topology?.arcs ?? []).map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
  const [north, south] = [84, -58];
  const project = ([lon, lat]) => [((lon + 180) / 360) * width, ((north - lat) / (north - south)) * height];
  const ring = (indexes) => {
    const points = [];
    for (const index of indexes) {
      const arc = index >= 0 ? arcs[index] : [...(arcs[~index] ?? [])].reverse();
      if (!arc) continue;
      points.push(...(points.length ? arc.slice(1) : arc));
    }
    return points.length ? `M${points.map((p) => project(p).map((v) => v.toFixed(1)).join(",")).join("L")}Z` : "";
  };
  const geometries = topology?.objects?.countries?.geometries ?? [];
  const out = [];
  for (const geometry of geometries) {
    if (geometry.id === "010") continue;
    const polygons = geometry.type === "Polygon" ? [geometry.arcs] : geometry.type === "MultiPolygon" ? geometry.arcs : [];
    const d = polygons.flatMap((polygon) => polygon.map(ring)).join("");
    if (d) out.push({ id: geometry.id ?? null, name: geometry.properties?.name ?? "", d });
  }
  return { paths: out, project };
}

/** A choropleth class 1–4 for a count (log scale up to the largest), 0 for none. */
export function mapLevel(count, max) {
  if (!(count > 0) || !(max > 0)) return 0;
  return Math.max(1, Math.min(4, Math.ceil((Math.log(count + 1) / Math.log(max + 1)) * 4)));
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

/**
 * How an entity list reads in a table cell: country codes (with the
 * country's name when `names` knows it), else names, else the text.
 */
export function partyLabel(entities, names = null) {
  const labels = [];
  for (const entity of entities ?? []) {
    const code = entity?.country;
    const label = code ? (names?.get(code) ? `${code} ${names.get(code)}` : code) : entity?.name || entity?.text;
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
  loaded: { timeline: null, network: null, table: null, detail: null, places: null },
  data: {
    stats: null, timeline: null, network: null, actors: null, table: null, detail: null, code: null,
    places: null, world: null, countries: null,
  },
  sequence: { timeline: 0, network: 0, table: 0, detail: 0, code: 0, places: 0 },
  /** The actor view's sort, kept on the page only. */
  actorSort: { actors: { key: "total", desc: true }, pairs: { key: "events", desc: true } },
};

/** Country code to English name, from the lexicon (`/api/countries`). */
function countryNames() {
  return new Map((page.data.countries ?? []).map((c) => [c.code, c.name]));
}

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

/** A drawn or listed item that acts like a button: click, Enter or Space. */
function onActivate(node, choose) {
  node.addEventListener("click", () => choose());
  node.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      choose();
    }
  });
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
  document.getElementById("map").setAttribute("aria-label", t("map_aria"));
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
  renderActorView();
  renderMap();
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
  // The timeline shows the chosen period: from/to zoom it.
  const timelineKey = apiQuery(state.filters, { by: state.by });
  const order = {};
  if (state.sort) order.sort = state.sort;
  if (state.order) order.order = state.order;
  const tableKey = apiQuery(state.filters, { limit: PAGE_SIZE, offset: state.offset, ...order });
  updateDownloads(filterKey);
  if (page.loaded.places !== filterKey) loadPlaces(filterKey);
  const detailKey = `${state.event ?? ""}\u0000${state.doc ?? ""}`;
  if (page.loaded.timeline !== timelineKey) loadTimeline(timelineKey);
  else renderTimeline(); // the brushed period may have changed
  if (page.loaded.network !== filterKey) loadNetwork(filterKey);
  else {
    renderNetwork();
    renderActorView();
  }
  if (page.loaded.table !== tableKey) loadTable(tableKey);
  else renderTable();
  if (page.loaded.detail !== detailKey) loadDetail(state, detailKey, focusDetail);
}

function syncForm(state) {
  const form = document.getElementById("filters");
  for (const key of FILTER_KEYS) form.elements[key].value = state.filters[key] ?? "";
  document.getElementById("timeline-by").value = state.by;
  document.getElementById("timeline-metric").value = state.metric ?? "count";
  document.getElementById("network-top").value = String(state.top ?? DEFAULT_TOP);
  document.getElementById("network-by").value = state.net ?? "events";
}

/** The download links carry the current filters. */
function updateDownloads(filterKey) {
  // Same-origin paths built from checked filter values only.
  document.getElementById("download-csv").href = `/api/download/events.csv${filterKey}`;
  document.getElementById("download-parquet").href = `/api/download/events.parquet${filterKey}`;
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
  const showAll = document.getElementById("timeline-all");
  const metric = page.state?.metric ?? "count";
  let rows = (page.data.timeline ?? [])
    .map((row) => ({ row, days: periodDays(row.period), values: timelineValues(row, metric) }))
    .filter((item) => item.days !== null);
  const width = Math.max(320, Math.round(svg.clientWidth || 600));
  const height = Math.max(160, Math.round(svg.clientHeight || 220));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  note.textContent = "";
  showAll.hidden = true;
  document.getElementById("timeline-clear").hidden = !(page.state?.filters.from || page.state?.filters.to);
  if (page.data.timeline === null) return;
  if (rows.length === 0) {
    note.textContent = t("timeline_empty");
    return;
  }
  const g = timelineGeometry;
  const chosen = chosenPeriod(rows);
  let range = { start: Math.min(...rows.map((item) => item.days.start)), end: Math.max(...rows.map((item) => item.days.end)) };
  const notes = [];
  if (chosen) {
    // Zoomed to the from/to period.
    range = chosen;
    notes.push(t("timeline_zoomed", { from: dayToIso(chosen.start), to: dayToIso(chosen.end) }));
  } else if (page.state?.span !== "all") {
    // Open on where the data is: the middle 98 % of events.
    const core = coreSpan(rows.map((item) => item.row));
    if (core && core.outside > 0) {
      range = { start: core.start, end: core.end };
      rows = rows.filter((item) => item.days.end >= range.start && item.days.start <= range.end);
      notes.push(t("timeline_outside", { count: numberText(core.outside), from: dayToIso(core.start), to: dayToIso(core.end) }));
      showAll.hidden = false;
    }
  }
  Object.assign(g, { width, height, firstDay: range.start, lastDay: range.end });
  const top = g.margin.top;
  const bottom = height - g.margin.bottom;
  const middle = (top + bottom) / 2;
  const half = (bottom - top) / 2;
  const sum = (values) => values.reduce((a, b) => a + b, 0);
  const peak = metric === "mean" ? 10 : Math.max(1, ...rows.map(({ values }) => Math.max(sum(values.up), sum(values.down))));
  const scale = (value) => (value / peak) * half;
  const valueText = (value) => (metric === "count" ? String(value) : value.toFixed(1));

  const bars = svgEl("g", { className: "bars" });
  for (const { row, days, values } of rows) {
    const x0 = timelineX(days.start);
    const barWidth = Math.max(1.5, timelineX(days.end + 1) - x0 - 1);
    const counts = [1, 2, 3, 4].map((q) => `${quadName(q)} ${row.quad_class[q - 1]}`).join(", ");
    const label = metric === "count"
      ? `${row.period}: ${counts}`
      : metric === "sum"
        ? `${row.period}: ${t("metric_sum")} ${[1, 2, 3, 4].map((q) => `${quadName(q)} ${(row.goldstein?.[q - 1] ?? 0).toFixed(1)}`).join(", ")}`
        : `${row.period}: ${t("metric_mean")} ${values.mean.toFixed(2)} (${counts})`;
    const group = svgEl("g", { className: "bar" });
    group.append(svgTitle(label));
    let up = middle;
    for (const [i, quad] of [1, 2].entries()) {
      const h = scale(values.up[i]);
      if (h > 0) group.append(svgEl("rect", { x: x0, y: up - h, width: barWidth, height: h, className: `fill-${quadClass(quad)}` }));
      up -= h;
    }
    let down = middle;
    for (const [i, quad] of [3, 4].entries()) {
      const h = scale(values.down[i]);
      if (h > 0) group.append(svgEl("rect", { x: x0, y: down, width: barWidth, height: h, className: `fill-${quadClass(quad)}` }));
      down += h;
    }
    bars.append(group);
  }

  const axes = svgEl("g", { className: "axes" });
  axes.append(svgEl("line", { x1: g.margin.left, x2: width - g.margin.right, y1: middle, y2: middle, className: "baseline" }));
  const upLabel = svgEl("text", { x: g.margin.left - 6, y: top + 10, "text-anchor": "end", className: "axis-label" });
  upLabel.textContent = valueText(peak);
  const downLabel = svgEl("text", { x: g.margin.left - 6, y: bottom, "text-anchor": "end", className: "axis-label" });
  downLabel.textContent = metric === "count" ? valueText(peak) : `-${valueText(peak)}`;
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
  const area = svgEl("rect", { className: "brush-area", x: g.margin.left, y: top, width: width - g.margin.left - g.margin.right, height: bottom - top });
  svg.append(bars, axes, selection, area);
  attachBrush(svg, area, selection);
  note.textContent = notes.join(" ");
}

/** The from/to filters as a span of days, open ends reaching the data's edges. */
function chosenPeriod(rows) {
  const { from, to } = page.state?.filters ?? {};
  if (!from && !to) return null;
  const start = from ? partialDateDays(from)?.start : Math.min(...rows.map((item) => item.days.start));
  const end = to ? partialDateDays(to)?.end : Math.max(...rows.map((item) => item.days.end));
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
      // A click, not a drag: nothing to zoom to.
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
    renderActorView();
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
  const top = page.state?.top ?? DEFAULT_TOP;
  const by = page.state?.net ?? "events";
  const { nodes, edges, leftOut, pairs, shownEvents, pairEvents } = buildNetwork(page.data.network, top, by);
  const parts = [];
  if (pairs > 0) {
    parts.push(t("network_shown", {
      shown: numberText(edges.length),
      pairs: numberText(pairs),
      events: numberText(shownEvents),
      total: numberText(pairEvents),
    }));
  }
  if (leftOut > 0) parts.push(t("network_left_out", { count: numberText(leftOut) }));
  note.textContent = parts.join(" ");
  if (nodes.length === 0) {
    note.textContent = `${t("network_empty")} ${note.textContent}`.trim();
    return;
  }
  const names = new Map((page.data.actors ?? []).map((actor) => [actor.code, actor]));
  const positions = layoutNetwork(nodes, edges, width, height);
  const at = new Map(nodes.map((node, i) => [node.code, positions[i]]));
  const maxTotal = Math.max(...nodes.map((node) => node.total));
  const weight = (edge) => (by === "intensity" ? edge.intensity : edge.events);
  const maxEvents = Math.max(1, ...edges.map(weight));
  const radius = (node) => 6 + 12 * Math.sqrt(node.total / maxTotal);
  const radiusOf = new Map(nodes.map((node) => [node.code, radius(node)]));

  const defs = svgEl("defs");
  for (const quad of [0, 1, 2, 3, 4]) {
    // Arrowheads of one size, however thick the line.
    const marker = svgEl("marker", { id: `arrow-q${quad}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
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
      "stroke-width": (1 + 6 * Math.sqrt(weight(edge) / maxEvents)).toFixed(2),
      "marker-end": `url(#arrow-q${quad})`,
      "data-source": edge.source,
      "data-target": edge.target,
    });
    const split = [1, 2, 3, 4].filter((q) => edge.byQuad[q] > 0).map((q) => `${quadName(q)} ${edge.byQuad[q]}`);
    const named = (code) => (names.get(code)?.name ? `${code} ${names.get(code).name}` : code);
    path.append(svgTitle(`${t("network_edge", { actor: named(edge.source), recipient: named(edge.target), events: edge.events, intensity: edge.intensity.toFixed(1) })}${split.length ? ` (${split.join(", ")})` : ""}`));
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
    onActivate(group, choose);
    nodeLayer.append(group);
  }
  svg.append(defs, edgeLayer, nodeLayer);
}

// --- actor view -------------------------------------------------------------

/** Sorts rows by `key` (numbers or text), keeping the order stable. */
export function sortRows(rows, key, desc) {
  return [...rows].sort((a, b) => {
    const [x, y] = [a[key], b[key]];
    const order = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""));
    return desc ? -order : order;
  });
}

/** Counts per actor and per directed pair for the current filters. */
function renderActorView() {
  const names = countryNames();
  const actors = (page.data.actors ?? []).map((a) => ({
    code: a.code,
    name: a.name ?? names.get(a.code) ?? "",
    as_actor: a.as_actor,
    as_recipient: a.as_recipient,
    total: a.as_actor + a.as_recipient,
  }));
  const pairs = new Map();
  for (const dyad of page.data.network ?? []) {
    if (dyad.actor === "-" || dyad.recipient === "-" || dyad.actor === dyad.recipient) continue;
    const key = `${dyad.actor}\u0000${dyad.recipient}`;
    const pair = pairs.get(key) ?? {
      pair: `${dyad.actor} → ${dyad.recipient}`,
      names: `${names.get(dyad.actor) ?? dyad.actor} → ${names.get(dyad.recipient) ?? dyad.recipient}`,
      actor: dyad.actor,
      recipient: dyad.recipient,
      events: 0,
      goldstein: 0,
    };
    pair.events += Number(dyad.events) || 0;
    pair.goldstein = Math.round((pair.goldstein + (Number(dyad.goldstein) || 0)) * 10) / 10;
    pairs.set(key, pair);
  }
  renderSortableTable("actor-table", "actors", actors, [
    ["code", t("col_code")], ["name", t("col_name")], ["as_actor", t("col_as_actor")], ["as_recipient", t("col_as_recipient")], ["total", t("col_total")],
  ], (row) => navigate({ ...page.state, filters: { ...page.state.filters, party: row.code }, offset: 0 }));
  renderSortableTable("pair-table", "pairs", [...pairs.values()], [
    ["pair", t("col_pair")], ["events", t("col_events")], ["goldstein", t("col_goldstein")],
  ], (row) => navigate({ ...page.state, filters: { ...page.state.filters, actor: row.actor, recipient: row.recipient }, offset: 0 }));
}

/** Shows at most this many rows in each actor-view table. */
const ACTOR_ROWS = 25;

function renderSortableTable(id, name, rows, columns, choose) {
  const table = document.getElementById(id);
  const sort = page.actorSort[name];
  const head = el("tr");
  for (const [key, label] of columns) {
    const button = el("button", { type: "button", className: "sort-button", text: label, "data-key": key });
    button.addEventListener("click", () => {
      page.actorSort[name] = { key, desc: sort.key === key ? !sort.desc : typeof rows[0]?.[key] === "number" };
      renderActorView();
    });
    const ariaSort = sort.key === key ? (sort.desc ? "descending" : "ascending") : null;
    head.append(el("th", { scope: "col", "aria-sort": ariaSort, className: typeof rows[0]?.[key] === "number" ? "num" : null }, [button]));
  }
  const body = el("tbody");
  for (const row of sortRows(rows, sort.key, sort.desc).slice(0, ACTOR_ROWS)) {
    const tr = el("tr", { tabindex: 0, title: row.names ?? row.name ?? null });
    for (const [key] of columns) {
      const value = row[key];
      tr.append(el("td", { className: typeof value === "number" ? "num" : null, text: typeof value === "number" ? numberText(value) : value }));
    }
    onActivate(tr, () => choose(row));
    body.append(tr);
  }
  const note = rows.length > ACTOR_ROWS ? t("rows_shown", { shown: ACTOR_ROWS, total: numberText(rows.length) }) : "";
  table.replaceChildren(el("caption", { text: note }), el("thead", {}, [head]), body);
}

// --- map --------------------------------------------------------------------

async function loadPlaces(key) {
  const sequence = ++page.sequence.places;
  busy("map-section", true);
  try {
    const needs = [api(`/api/places${key}`)];
    if (!page.data.world) needs.push(api("/assets/world-110m.json"));
    if (!page.data.countries) needs.push(api("/api/countries"));
    const [places, ...rest] = await Promise.all(needs);
    if (!page.data.world) page.data.world = rest.shift();
    if (!page.data.countries) page.data.countries = rest.shift();
    if (sequence !== page.sequence.places) return;
    page.data.places = places;
    page.loaded.places = key;
    renderMap();
    renderTable();
  } catch (error) {
    if (sequence === page.sequence.places) showError(error);
  } finally {
    if (sequence === page.sequence.places) busy("map-section", false);
  }
}

/** Outlines projected once per size: the topology never changes. */
const mapCache = { width: 0, height: 0, outlines: null };

function renderMap() {
  const svg = document.getElementById("map");
  const note = document.getElementById("map-note");
  const places = page.data.places;
  const width = Math.max(320, Math.round(svg.clientWidth || 600));
  const height = Math.round(width * 0.5);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  note.textContent = "";
  if (!places || !page.data.world) return;
  if (mapCache.width !== width || !mapCache.outlines) {
    Object.assign(mapCache, { width, height, outlines: topologyPaths(page.data.world, width, height) });
  }
  const { paths, project } = mapCache.outlines;
  const byNumeric = new Map((page.data.countries ?? []).filter((c) => c.numeric).map((c) => [c.numeric, c]));
  const counts = new Map((places.countries ?? []).map((c) => [c.country, c.events]));
  const max = Math.max(0, ...counts.values());
  const chosen = (page.state.filters.place ?? "").toUpperCase();
  const land = svgEl("g", { className: "countries" });
  for (const outline of paths) {
    const country = byNumeric.get(outline.id);
    const events = country ? counts.get(country.code) ?? 0 : 0;
    const level = mapLevel(events, max);
    const classes = [`country`, `map-l${level}`];
    if (country && country.code === chosen) classes.push("chosen");
    const label = country ? `${country.name} (${country.code}): ${t("map_events", { count: numberText(events) })}` : outline.name;
    const props = { d: outline.d, className: classes.join(" "), "data-code": country?.code ?? null };
    if (events > 0) Object.assign(props, { tabindex: 0, role: "button", "aria-label": label });
    const shape = svgEl("path", props);
    shape.append(svgTitle(label));
    if (events > 0) {
      const choose = () => navigate({ ...page.state, filters: { ...page.state.filters, place: country.code }, offset: 0 });
      onActivate(shape, choose);
    }
    land.append(shape);
  }
  const dots = svgEl("g", { className: "places" });
  const maxPoint = Math.max(1, ...(places.points ?? []).map((p) => p.events));
  for (const point of places.points ?? []) {
    const [x, y] = project([point.lon, point.lat]);
    if (!(x >= 0 && x <= width && y >= 0 && y <= height)) continue;
    const label = `${point.name}${point.country ? ` (${point.country})` : ""}: ${t("map_events", { count: numberText(point.events) })}`;
    const dot = svgEl("circle", {
      cx: x.toFixed(1), cy: y.toFixed(1), r: (2.5 + 7 * Math.sqrt(point.events / maxPoint)).toFixed(1),
      className: point.name.toLowerCase() === (page.state.filters.place ?? "").toLowerCase() ? "place chosen" : "place",
      tabindex: 0, role: "button", "aria-label": label, "data-place": point.name,
    });
    dot.append(svgTitle(label));
    const choose = () => navigate({ ...page.state, filters: { ...page.state.filters, place: point.name }, offset: 0 });
    onActivate(dot, choose);
    dots.append(dot);
  }
  svg.append(land, dots);
  const located = [...counts.values()].reduce((a, b) => a + b, 0);
  const parts = [t("map_located", { located: numberText(located), unlocated: numberText(places.unlocated ?? 0) })];
  if (page.state.filters.place) parts.push(t("map_filtered", { place: page.state.filters.place }));
  note.textContent = parts.join(" ");
  document.getElementById("map-clear").hidden = !page.state.filters.place;
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
  const names = countryNames();
  body.replaceChildren(...events.map((event) => eventRow(event, names)));
  renderSortHeaders();
}

/** The table's sortable headers say which column orders the rows, and which way. */
function renderSortHeaders() {
  const sort = page.state.sort ?? "date";
  const desc = page.state.order !== "asc";
  for (const header of document.querySelectorAll("#event-table th[data-sort]")) {
    const active = header.dataset.sort === sort;
    if (active) header.setAttribute("aria-sort", desc ? "descending" : "ascending");
    else header.removeAttribute("aria-sort");
  }
}

function eventRow(event, names) {
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
    el("td", { title: (event.actor ?? []).map((e) => e.text).join("; "), text: partyLabel(event.actor, names) || t("none") }),
    el("td", { title: (event.recipient ?? []).map((e) => e.text).join("; "), text: partyLabel(event.recipient, names) || t("none") }),
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

/** The first of the browser's languages the page speaks, else Indonesian. */
export function browserLanguage(languages, strings) {
  for (const tag of languages ?? []) {
    const base = String(tag ?? "").toLowerCase().split("-")[0];
    if (base === "ms" && strings?.id) return "id";
    if (strings?.[base]) return base;
  }
  return "id";
}

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
  page.lang = saved && page.strings[saved] ? saved : browserLanguage(navigator.languages ?? [navigator.language], page.strings);
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
  document.getElementById("timeline-metric").addEventListener("change", (event) => {
    navigate({ ...page.state, metric: event.target.value === "count" ? undefined : event.target.value });
  });
  document.getElementById("timeline-all").addEventListener("click", () => {
    navigate({ ...page.state, span: "all" });
  });
  document.getElementById("network-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const top = Math.max(1, Math.min(500, Math.round(Number(document.getElementById("network-top").value) || DEFAULT_TOP)));
    const net = document.getElementById("network-by").value === "intensity" ? "intensity" : undefined;
    navigate({ ...page.state, top: top === DEFAULT_TOP ? undefined : top, net });
  });
  document.getElementById("network-by").addEventListener("change", () => {
    document.getElementById("network-form").requestSubmit();
  });
  document.getElementById("map-clear").addEventListener("click", () => {
    const filters = { ...page.state.filters };
    delete filters.place;
    navigate({ ...page.state, filters, offset: 0 });
  });
  for (const header of document.querySelectorAll("#event-table th[data-sort] button")) {
    header.addEventListener("click", () => {
      const key = header.parentElement.dataset.sort;
      const current = page.state.sort ?? "date";
      const desc = page.state.order !== "asc";
      // A new column opens descending (newest, most); the same one flips.
      const order = key === current && desc ? "asc" : undefined;
      navigate({ ...page.state, sort: key === "date" ? undefined : key, order, offset: 0 });
    });
  }
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
      renderMap();
    }, 150);
  });

  loadStats();
  applyState(parseState(location.search));
}

if (typeof document !== "undefined") start();
