// The explorer page's pure logic (URL state, highlight splitting, dates,
// network building and layout), imported from the asset the server embeds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

// app.js is an ES module inside a Rust crate, with no package.json saying
// so; importing its source as a data: URL makes Node read it as a module.
const source = await readFile(new URL("../../crates/warta-serve/assets/app.js", import.meta.url), "utf8");
const app = await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`);

test("state round-trips through the query string in a fixed key order", () => {
  const state = {
    filters: { type: "CONSULT", actor: "RUS", from: "2024-04", q: "telepon presiden" },
    offset: 50,
    by: "day",
    event: "abc123",
    doc: null,
  };
  const search = app.stateToSearch(state);
  assert.equal(search, "?actor=RUS&type=CONSULT&from=2024-04&q=telepon+presiden&by=day&offset=50&event=abc123");
  assert.deepEqual(app.parseState(search), state);
});

test("default state gives an empty query string", () => {
  const state = app.parseState("");
  assert.deepEqual(state, { filters: {}, offset: 0, by: app.DEFAULT_BUCKET, event: null, doc: null });
  assert.equal(app.stateToSearch(state), "");
});

test("values the API would reject are dropped from the URL state", () => {
  const state = app.parseState("?quad=7&from=April&to=2024-13-99x&offset=-3&by=month&actor=%20%20");
  assert.deepEqual(state.filters, {});
  assert.equal(state.offset, 0);
  assert.equal(state.by, app.DEFAULT_BUCKET);
  assert.deepEqual(app.parseState("?quad=4&to=2024").filters, { quad: "4", to: "2024" });
});

test("API query keeps filters, adds extras and can omit the period", () => {
  const filters = { actor: "RUS", from: "2024-04-01", to: "2024-04-30", source: "antara" };
  assert.equal(app.apiQuery(filters, { by: "week" }, ["from", "to"]), "?actor=RUS&source=antara&by=week");
  assert.equal(app.apiQuery(filters, { limit: 50, offset: 0 }), "?actor=RUS&from=2024-04-01&to=2024-04-30&source=antara&limit=50&offset=0");
  assert.equal(app.apiQuery({}), "");
});

test("highlights are cut at code points, not UTF-16 units", () => {
  // The emoji and the mathematical letter take two UTF-16 units each:
  // indexing the string directly would shift every later mark.
  const sentence = "🇮🇩 𝐑usia menelepon Iran.";
  const chars = Array.from(sentence);
  const start = chars.indexOf("m");
  const runs = app.splitHighlights(sentence, [
    { start, end: start + "menelepon".length, kind: "trigger" },
    { start: 3, end: 8, kind: "actor" },
    { start: start + 10, end: start + 14, kind: "recipient" },
  ]);
  assert.deepEqual(runs, [
    { text: "🇮🇩 ", kinds: [] },
    { text: "𝐑usia", kinds: ["actor"] },
    { text: " ", kinds: [] },
    { text: "menelepon", kinds: ["trigger"] },
    { text: " ", kinds: [] },
    { text: "Iran", kinds: ["recipient"] },
    { text: ".", kinds: [] },
  ]);
  assert.equal(runs.map((run) => run.text).join(""), sentence);
});

test("overlapping highlights split into runs that list every covering kind", () => {
  const runs = app.splitHighlights("Presiden Rusia di Moskow", [
    { start: 0, end: 24, kind: "actor" },
    { start: 18, end: 24, kind: "place" },
    { start: 9, end: 14, kind: "trigger" },
  ]);
  assert.deepEqual(runs, [
    { text: "Presiden ", kinds: ["actor"] },
    { text: "Rusia", kinds: ["trigger", "actor"] },
    { text: " di ", kinds: ["actor"] },
    { text: "Moskow", kinds: ["actor", "place"] },
  ]);
});

test("out-of-range and empty highlights cannot lose or duplicate text", () => {
  const runs = app.splitHighlights("abc", [
    { start: 2, end: 99, kind: "place" },
    { start: 1, end: 1, kind: "actor" },
    { start: "x", end: 2, kind: "trigger" },
  ]);
  assert.deepEqual(runs, [
    { text: "ab", kinds: [] },
    { text: "c", kinds: ["place"] },
  ]);
  assert.deepEqual(app.splitHighlights("", []), []);
});

test("only plain http(s) URLs may become links", () => {
  assert.equal(app.safeHref("https://example.org/a?b=1"), "https://example.org/a?b=1");
  assert.equal(app.safeHref("HTTP://example.org"), "http://example.org/");
  assert.equal(app.safeHref("javascript:alert(1)"), null);
  assert.equal(app.safeHref(" javascript:window.__pwned=1"), null);
  assert.equal(app.safeHref("data:text/html,<script>1</script>"), null);
  assert.equal(app.safeHref("//evil.example/x"), null);
  assert.equal(app.safeHref("http://"), null);
  assert.equal(app.safeHref(null), null);
});

test("format fills known placeholders and leaves unknown ones visible", () => {
  assert.equal(app.format("{first}–{last} dari {total}", { first: 1, last: 50, total: 120 }), "1–50 dari 120");
  assert.equal(app.format("{a} {missing}", { a: "x" }), "x {missing}");
});

test("timeline periods map to day spans, ISO weeks starting on Monday", () => {
  const day = app.isoToDay("2024-04-16");
  assert.deepEqual(app.periodDays("2024-04-16"), { start: day, end: day });
  // ISO week 16 of 2024 runs from Monday 15 to Sunday 21 April.
  const week = app.periodDays("2024-W16");
  assert.equal(app.dayToIso(week.start), "2024-04-15");
  assert.equal(app.dayToIso(week.end), "2024-04-21");
  // 2021-01-01 is a Friday in week 53 of 2020; week 1 of 2021 starts 4 January.
  assert.equal(app.dayToIso(app.periodDays("2021-W01").start), "2021-01-04");
  assert.equal(app.dayToIso(app.periodDays("2020-W53").start), "2020-12-28");
  assert.equal(app.periodDays("2024-04"), null);
});

test("partial dates cover their whole month or year", () => {
  const month = app.partialDateDays("2024-02");
  assert.equal(app.dayToIso(month.start), "2024-02-01");
  assert.equal(app.dayToIso(month.end), "2024-02-29");
  const year = app.partialDateDays("2023");
  assert.equal(app.dayToIso(year.start), "2023-01-01");
  assert.equal(app.dayToIso(year.end), "2023-12-31");
  assert.equal(app.partialDateDays("soon"), null);
});

test("a brushed span becomes from/to, snapped to whole weeks when by week", () => {
  const wed = app.isoToDay("2024-04-17");
  const fri = app.isoToDay("2024-04-26");
  assert.deepEqual(app.brushFilters(wed, fri, "day"), { from: "2024-04-17", to: "2024-04-26" });
  assert.deepEqual(app.brushFilters(fri, wed, "week"), { from: "2024-04-15", to: "2024-04-28" });
});

test("dyads become a country graph with per-quad counts and a dominant class", () => {
  const network = app.buildNetwork([
    { actor: "RUS", recipient: "IRN", event_type: "CONSULT", quad_class: 1, events: 3, goldstein: 3 },
    { actor: "RUS", recipient: "IRN", event_type: "THREATEN", quad_class: 3, events: 1, goldstein: -4.4 },
    { actor: "IRN", recipient: "ISR", event_type: "ASSAULT", quad_class: 4, events: 2, goldstein: -20 },
    { actor: "IDN", recipient: "IDN", event_type: "COERCE", quad_class: 4, events: 5, goldstein: -35 },
    { actor: "-", recipient: "UKR", event_type: "ASSAULT", quad_class: 4, events: 4, goldstein: -40 },
  ]);
  assert.equal(network.leftOut, 4);
  // Only countries of the drawn pairs are nodes; their size counts all their events.
  assert.deepEqual(network.nodes, [
    { code: "IRN", total: 6 },
    { code: "RUS", total: 4 },
    { code: "ISR", total: 2 },
  ]);
  const rusIrn = network.edges.find((e) => e.source === "RUS" && e.target === "IRN");
  assert.equal(rusIrn.events, 4);
  assert.equal(rusIrn.intensity, 7.4);
  assert.deepEqual(rusIrn.byQuad, [0, 3, 0, 1, 0]);
  assert.equal(rusIrn.quad, 1);
  assert.equal(network.edges.length, 2, "self-pairs are not drawn as edges");
  assert.deepEqual([network.pairs, network.shownEvents, network.pairEvents, network.allEvents], [2, 6, 6, 15]);
  assert.equal(app.dominantQuad([0, 0, 0, 0, 0]), null);
  // By intensity, the strike outweighs the talks.
  const byIntensity = app.buildNetwork([
    { actor: "RUS", recipient: "IRN", quad_class: 1, events: 3, goldstein: 3 },
    { actor: "IRN", recipient: "ISR", quad_class: 4, events: 2, goldstein: -20 },
  ], 1, "intensity");
  assert.deepEqual(byIntensity.edges.map((e) => e.source), ["IRN"]);
  assert.deepEqual(app.buildNetwork(byIntensity.edges.length ? [
    { actor: "RUS", recipient: "IRN", quad_class: 1, events: 3, goldstein: 3 },
    { actor: "IRN", recipient: "ISR", quad_class: 4, events: 2, goldstein: -20 },
  ] : [], 1, "events").edges.map((e) => e.source), ["RUS"]);
});

test("the network keeps the top N pairs and says what it leaves out", () => {
  const dyads = [];
  for (let i = 0; i < 40; i += 1) {
    dyads.push({ actor: `A${String(i).padStart(2, "0")}`, recipient: "HUB", quad_class: 2, events: i + 1 });
  }
  const network = app.buildNetwork(dyads, 10);
  assert.equal(network.edges.length, 10);
  assert.equal(network.nodes.length, 11);
  assert.equal(network.nodes[0].code, "HUB");
  assert.equal(network.edges[0].source, "A39", "largest pair first");
  assert.equal(network.pairs, 40);
  assert.equal(network.shownEvents, (31 + 40) * 10 / 2);
  assert.ok(network.edges.every((e) => network.nodes.some((n) => n.code === e.source)));
});

test("the timeline opens on the middle 98 % of events", () => {
  const rows = [{ period: "1945-08-06", total: 1 }];
  for (let d = 1; d <= 28; d += 1) rows.push({ period: `2017-02-${String(d).padStart(2, "0")}`, total: 10 });
  const span = app.coreSpan(rows);
  assert.equal(app.dayToIso(span.start), "2017-02-01");
  assert.equal(app.dayToIso(span.end), "2017-02-28");
  assert.equal(span.outside, 1);
  assert.equal(app.coreSpan([]), null);
  const row = { quad_class: [2, 0, 1, 1], goldstein: [2, 0, -4, -10] };
  assert.deepEqual(app.timelineValues(row, "count"), { up: [2, 0], down: [1, 1] });
  assert.deepEqual(app.timelineValues(row, "sum"), { up: [2, 0], down: [4, 10] });
  assert.equal(app.timelineValues(row, "mean").mean, -3);
});

test("TopoJSON outlines become projected paths; counts become map classes", () => {
  const topology = {
    transform: { scale: [1, 1], translate: [0, 0] },
    arcs: [[[0, 0], [10, 0], [0, 10], [-10, 0], [0, -10]]],
    objects: { countries: { geometries: [
      { type: "Polygon", id: "360", properties: { name: "Indonesia" }, arcs: [[0]] },
      { type: "Polygon", id: "010", properties: { name: "Antarctica" }, arcs: [[0]] },
    ] } },
  };
  const { paths, project } = app.topologyPaths(topology, 360, 142);
  assert.deepEqual(paths.map((p) => p.id), ["360"], "Antarctica left out");
  assert.match(paths[0].d, /^M180\.0,84\.0L190\.0,84\.0L190\.0,74\.0/);
  assert.deepEqual(project([0, 84]), [180, 0]);
  assert.equal(app.mapLevel(0, 10), 0);
  assert.equal(app.mapLevel(10, 10), 4);
  assert.ok(app.mapLevel(1, 1000) >= 1 && app.mapLevel(1, 1000) < app.mapLevel(500, 1000));
});

test("the page speaks the browser's language when it can, else Indonesian", () => {
  const strings = { id: {}, en: {} };
  assert.equal(app.browserLanguage(["en-GB", "id"], strings), "en");
  assert.equal(app.browserLanguage(["de-DE", "id-ID"], strings), "id");
  assert.equal(app.browserLanguage(["ms-MY"], strings), "id");
  assert.equal(app.browserLanguage(["fr"], strings), "id");
  assert.equal(app.browserLanguage([], strings), "id");
});

test("actor-view rows sort by numbers or text, either way", () => {
  const rows = [{ code: "RUS", total: 3 }, { code: "IRN", total: 10 }, { code: "ISR", total: 1 }];
  assert.deepEqual(app.sortRows(rows, "total", true).map((r) => r.code), ["IRN", "RUS", "ISR"]);
  assert.deepEqual(app.sortRows(rows, "code", false).map((r) => r.code), ["IRN", "ISR", "RUS"]);
});

test("force layout keeps nodes inside the box, apart, and linked nodes closer", () => {
  const nodes = ["RUS", "IRN", "ISR", "USA", "CHN", "IDN"].map((code) => ({ code, total: 1 }));
  const edges = [
    { source: "RUS", target: "IRN" },
    { source: "USA", target: "CHN" },
  ];
  const width = 560;
  const height = 300;
  const pos = app.layoutNetwork(nodes, edges, width, height);
  assert.equal(pos.length, nodes.length);
  for (const p of pos) {
    assert.ok(p.x >= 0 && p.x <= width && p.y >= 0 && p.y <= height, JSON.stringify(p));
  }
  const distance = (a, b) => Math.hypot(pos[a].x - pos[b].x, pos[a].y - pos[b].y);
  for (let i = 0; i < pos.length; i += 1) {
    for (let j = i + 1; j < pos.length; j += 1) assert.ok(distance(i, j) > 20, `${i} and ${j} overlap`);
  }
  const unlinked = [distance(0, 2), distance(0, 5), distance(1, 5), distance(3, 5)];
  assert.ok(distance(0, 1) < Math.min(...unlinked), "RUS–IRN should be pulled together");
  assert.deepEqual(app.layoutNetwork(nodes, edges, width, height), pos, "layout is deterministic");
});

test("party labels prefer countries, then names, without repeats", () => {
  assert.equal(app.partyLabel([
    { text: "Presiden Putin", name: "Vladimir Putin", country: "RUS" },
    { text: "Lavrov", name: "Sergey Lavrov", country: "RUS" },
    { text: "Hamas", name: "Hamas", country: null },
    { text: "para demonstran", name: null, country: null },
  ]), "RUS, Hamas, para demonstran");
  assert.equal(app.partyLabel([{ text: "Rusia", country: "RUS" }], new Map([["RUS", "Russia"]])), "RUS Russia");
  assert.equal(app.partyLabel([]), "");
});

test("every interface string exists in Indonesian and English", async () => {
  const strings = JSON.parse(await readFile(new URL("../../crates/warta-serve/assets/strings.json", import.meta.url), "utf8"));
  assert.deepEqual(Object.keys(strings).sort(), ["en", "id"]);
  assert.deepEqual(Object.keys(strings.en).sort(), Object.keys(strings.id).sort());
  const html = await readFile(new URL("../../crates/warta-serve/assets/index.html", import.meta.url), "utf8");
  const used = new Set([...html.matchAll(/data-i18n(?:-placeholder)?="([a-z_0-9]+)"/g)].map((m) => m[1]));
  for (const match of source.matchAll(/\bt\("([a-z_0-9]+)"/g)) used.add(match[1]);
  for (const key of used) {
    assert.ok(strings.id[key], `missing id string ${key}`);
    assert.ok(strings.en[key], `missing en string ${key}`);
  }
});

test("the page's assets keep to the Content-Security-Policy and never parse data as HTML", async () => {
  const html = await readFile(new URL("../../crates/warta-serve/assets/index.html", import.meta.url), "utf8");
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, "no inline script");
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, "no inline event handler");
  assert.doesNotMatch(html, /\sstyle\s*=/i, "no inline style attribute");
  assert.doesNotMatch(html, /(?:src|href)="(?:https?:)?\/\//i, "nothing loaded from another origin");
  assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
  const css = await readFile(new URL("../../crates/warta-serve/assets/style.css", import.meta.url), "utf8");
  assert.doesNotMatch(css, /@import|url\(\s*["']?(?:https?:)?\/\//i, "no external stylesheet or font");
});
