// The explorer end to end: ingest the seed reports, the example articles
// and a hostile article into a fresh store, start `warta serve` on it and
// drive the page in Debian's headless Chromium.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const warta = path.resolve(here, process.env.WARTA_BIN ?? "../../target/debug/warta");
const chromiumPath = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";
const screenshots = path.resolve(here, "../../target/browser-screenshots");
const inputs = [
  path.resolve(here, "../../../shared/seeds"),
  path.resolve(here, "../../examples/articles"),
  path.resolve(here, "fixtures/hostile.jsonl"),
];
const HOSTILE_DOC_PREFIX = "hostile-";
const strings = JSON.parse(await readFile(path.resolve(here, "../../crates/warta-serve/assets/strings.json"), "utf8"));

// A phone call between two presidents, written for this test.
const PASTED_TEXT =
  "Presiden Joko Widodo melakukan percakapan telepon dengan Presiden Turki Recep Tayyip Erdogan " +
  "pada Senin (6/5/2024) untuk membahas situasi kemanusiaan di Gaza.";

let workDir;
let server;
let serverLog = "";
let baseUrl;
let browser;
let context;

/** Starts `warta serve` and resolves with the URL it prints once listening. */
function startServer(db) {
  return new Promise((resolve, reject) => {
    server = spawn(warta, ["serve", "--db", db, "--addr", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => reject(new Error(`warta serve printed no URL within 30 s:\n${serverLog}`)), 30000);
    server.stdout.on("data", (chunk) => { serverLog += chunk; });
    server.stderr.on("data", (chunk) => {
      serverLog += chunk;
      const match = /warta: serving (http:\/\/\S+?\/)\s/.exec(serverLog);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    server.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`warta serve exited (${code ?? signal}) before listening:\n${serverLog}`));
    });
  });
}

function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.kill("SIGKILL"), 5000);
    server.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    server.kill("SIGTERM");
  });
}

// The server must not outlive the test run, even when it is interrupted.
process.on("exit", () => {
  if (server && server.exitCode === null && server.signalCode === null) server.kill("SIGKILL");
});

async function api(pathAndQuery, options) {
  const response = await fetch(new URL(pathAndQuery, baseUrl), options);
  assert.ok(response.ok, `${pathAndQuery}: HTTP ${response.status} ${await response.clone().text()}`);
  return response.json();
}

/**
 * A new page that records everything that must not happen: script
 * errors, console errors, dialogs, CSP violations and requests to any
 * other origin (the page must work offline).
 */
async function openPage() {
  const page = await context.newPage();
  const problems = [];
  const dialogs = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("dialog", async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.origin === new URL(baseUrl).origin || url.protocol === "data:") return route.continue();
    problems.push(`request to another origin: ${url.href}`);
    return route.abort();
  });
  const expectClean = async () => {
    const violations = await page.evaluate(() => window.__cspViolations ?? []);
    assert.deepEqual(violations, [], "Content-Security-Policy violations");
    assert.deepEqual(problems, [], "errors or foreign requests on the page");
    assert.deepEqual(dialogs, [], "dialogs opened");
    assert.equal(await page.locator("#status.error").count(), 0, `page shows an error: ${await page.locator("#status").textContent()}`);
  };
  return { page, expectClean, dialogs };
}

/** Waits until every part of the page has finished loading its data. */
async function settled(page) {
  for (const id of ["timeline-section", "network-section", "events", "detail"]) {
    await page.locator(`#${id}:not([aria-busy="true"])`).waitFor({ timeout: 15000 });
  }
  await page.locator("#event-rows tr, #events-count").first().waitFor({ timeout: 15000 });
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

describe("warta explorer in Chromium", () => {
  before(async () => {
    assert.ok(existsSync(warta), `no warta binary at ${warta}; build it with cargo build -p warta-cli or set WARTA_BIN`);
    assert.ok(existsSync(chromiumPath), `no Chromium at ${chromiumPath}; apt-get install -y chromium`);
    workDir = await mkdtemp(path.join(tmpdir(), "warta-browser-"));
    await mkdir(screenshots, { recursive: true });
    const db = path.join(workDir, "explorer.db");
    const ingest = spawnSync(warta, ["ingest", ...inputs, "--db", db], { encoding: "utf8" });
    assert.equal(ingest.status, 0, `warta ingest failed:\n${ingest.stderr}`);
    baseUrl = await startServer(db);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      // Root in a container has no user namespaces for Chromium's sandbox.
      args: ["--no-sandbox"],
    });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "id-ID" });
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
      });
    });
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await stopServer();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  test("the page is served with a strict Content-Security-Policy", async () => {
    const response = await fetch(baseUrl);
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /text\/html/);
    const policy = response.headers.get("content-security-policy") ?? "";
    assert.match(policy, /default-src 'self'/, `policy: ${policy}`);
    assert.match(policy, /script-src 'self'/, `policy: ${policy}`);
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/, `policy: ${policy}`);
  });

  test("loads in Indonesian with counts, timeline, network and events", async () => {
    const { page, expectClean } = await openPage();
    await page.goto(baseUrl);
    await settled(page);
    assert.equal(await page.getAttribute("html", "lang"), "id");
    assert.equal(await page.textContent("#events-heading"), strings.id.events_title);
    const stats = await api("/api/stats");
    assert.ok(stats.events > 0, "the sample store has events");
    const statsText = await page.textContent("#stats");
    assert.match(statsText, new RegExp(`\\b${stats.events.toLocaleString("id-ID").replace(".", "\\.")} peristiwa`));
    assert.ok(await page.locator("#timeline .bar rect").count() > 0, "timeline bars drawn");
    assert.ok(await page.locator("#network .node").count() >= 2, "network nodes drawn");
    assert.ok(await page.locator('#network .node[data-code="RUS"]').count() === 1, "RUS is in the network");
    assert.ok(await page.locator("#network path.edge").count() > 0, "network edges drawn");
    const total = (await api("/api/events?limit=1")).total;
    assert.equal(await page.locator("#event-rows tr").count(), Math.min(50, total));
    await shot(page, "01-overview-id");
    await expectClean();
    await page.close();
  });

  test("filtering by actor and type is kept in the URL, restored on load and by back/forward", async () => {
    const { page, expectClean } = await openPage();
    await page.goto(baseUrl);
    await settled(page);
    const unfilteredRows = await page.locator("#event-rows tr").count();
    await page.fill("#f-actor", "RUS");
    await page.selectOption("#f-type", "CONSULT");
    await page.click("#filter-apply");
    await page.waitForURL(/\?actor=RUS&type=CONSULT$/);
    await settled(page);
    const expected = await api("/api/events?actor=RUS&type=CONSULT&limit=50");
    assert.ok(expected.total > 0, "the sample has RUS CONSULT events");
    const rows = page.locator("#event-rows tr");
    assert.equal(await rows.count(), expected.events.length);
    assert.deepEqual(
      await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.eventId)),
      expected.events.map((event) => event.event_id),
    );
    for (const row of await rows.all()) {
      assert.match(await row.locator("td").nth(1).textContent(), /^CONSULT\b/);
      assert.match(await row.locator("td").nth(4).textContent(), /\bRUS\b/);
    }
    assert.match(await page.textContent("#events-count"), new RegExp(`dari ${expected.total}$`));
    await shot(page, "02-filtered-rus-consult");

    await page.reload();
    await settled(page);
    assert.equal(await page.inputValue("#f-actor"), "RUS");
    assert.equal(await page.inputValue("#f-type"), "CONSULT");
    assert.equal(await rows.count(), expected.events.length);

    await page.goBack();
    await page.waitForURL((url) => url.search === "");
    await settled(page);
    assert.equal(await page.inputValue("#f-actor"), "");
    assert.equal(await page.inputValue("#f-type"), "");
    assert.equal(await rows.count(), unfilteredRows);
    await page.goForward();
    await page.waitForURL(/\?actor=RUS&type=CONSULT$/);
    await settled(page);
    assert.equal(await page.inputValue("#f-actor"), "RUS");
    assert.equal(await rows.count(), expected.events.length);
    await expectClean();
    await page.close();
  });

  test("brushing the timeline sets the from/to filters", async () => {
    const { page, expectClean } = await openPage();
    await page.goto(`${baseUrl}?by=day`);
    await settled(page);
    const box = await page.locator("#timeline .brush-area").boundingBox();
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    await settled(page);
    const url = new URL(page.url());
    const from = url.searchParams.get("from");
    const to = url.searchParams.get("to");
    assert.ok(from < to, `${from} before ${to}`);
    assert.equal(await page.inputValue("#f-from"), from);
    assert.equal(await page.inputValue("#f-to"), to);
    const expected = await api(`/api/events?from=${from}&to=${to}&limit=50`);
    assert.equal(await page.locator("#event-rows tr").count(), expected.events.length);
    for (const event of expected.events) assert.ok(event.date >= from && event.date <= to, event.date);
    // The timeline zooms to the brushed period.
    assert.match(await page.textContent("#timeline-note"), new RegExp(`${from}`));
    assert.equal(await page.locator("#timeline .axis-label").filter({ hasText: from }).count(), 1, "the axis starts at the period");
    await shot(page, "03-brushed-period");
    await page.click("#timeline-clear");
    await page.waitForURL((u) => !u.search.includes("from="));
    await expectClean();
    await page.close();
  });

  test("opening an event shows its sentence with the trigger highlighted and why", async () => {
    const { page, expectClean } = await openPage();
    await page.goto(`${baseUrl}?actor=RUS&type=CONSULT`);
    await settled(page);
    const first = page.locator("#event-rows tr").first();
    const eventId = await first.getAttribute("data-event-id");
    await first.locator("button").click();
    await page.waitForURL((url) => url.searchParams.get("event") === eventId);
    await settled(page);
    const event = await api(`/api/events/${encodeURIComponent(eventId)}`);
    assert.equal(event.event_type, "CONSULT");
    const mentions = page.locator("#detail-body .mention");
    assert.equal(await mentions.count(), event.mentions.length);
    assert.equal(event.mentions.length, event.num_mentions);
    for (const [index, mention] of event.mentions.entries()) {
      const item = mentions.nth(index);
      const trigger = mention.highlights.find((h) => h.kind === "trigger");
      assert.ok(trigger, "every mention has a trigger highlight");
      const expectedTrigger = Array.from(mention.sentence).slice(trigger.start, trigger.end).join("");
      const marked = await item.locator(".sentence mark.hl-trigger").allTextContents();
      assert.ok(marked.includes(expectedTrigger), `trigger "${expectedTrigger}" marked in ${JSON.stringify(marked)}`);
      assert.equal(await item.locator(".sentence").textContent(), mention.sentence, "sentence shown whole");
      const actorHighlights = mention.highlights.filter((h) => h.kind === "actor").length;
      assert.ok(await item.locator(".sentence mark.hl-actor").count() >= Math.min(1, actorHighlights));
      const factsText = await item.locator(".facts").textContent();
      assert.ok(factsText.includes(mention.rule), `rule ${mention.rule} shown`);
      assert.ok(factsText.includes(mention.why), "merge reason shown");
    }
    const summary = await page.locator("#detail-body > .facts").textContent();
    assert.ok(summary.includes(event.cameo), "CAMEO code shown");
    assert.ok(summary.includes(String(event.num_articles)), "article count shown");
    await shot(page, "04-event-view");
    await expectClean();
    await page.close();
  });

  test("codes pasted text and shows the record with its trigger and rule", async () => {
    const { page, expectClean } = await openPage();
    await page.goto(baseUrl);
    await settled(page);
    await page.fill("#code-text", PASTED_TEXT);
    await page.fill("#code-date", "2024-05-07");
    await page.click("#code-submit");
    await page.locator("#code-results .code-record").first().waitFor({ timeout: 15000 });
    const expected = await api("/api/code", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: PASTED_TEXT, date: "2024-05-07" }),
    });
    const consult = expected.records.find((record) => record.event_type === "CONSULT");
    assert.ok(consult, `a CONSULT record from the pasted call: ${JSON.stringify(expected)}`);
    const shown = page.locator("#code-results .code-record");
    assert.equal(await shown.count(), expected.records.length);
    const index = expected.records.indexOf(consult);
    const record = shown.nth(index);
    assert.match(await record.locator("h3").textContent(), /CONSULT/);
    assert.equal(await record.locator("mark.hl-trigger").textContent(), consult.trigger);
    assert.ok((await record.textContent()).includes(consult.rule));
    const parties = await record.locator(".entities li").allTextContents();
    assert.ok(parties.some((p) => p.includes("IDN")) && parties.some((p) => p.includes("TUR")), JSON.stringify(parties));
    const stats = await api("/api/stats");
    assert.equal(await page.evaluate(() => document.querySelectorAll("#code-results .code-record").length), expected.records.length);
    await shot(page, "05-code-this-text");
    // Coding must not store anything.
    assert.deepEqual(await api("/api/stats"), stats);
    await expectClean();
    await page.close();
  });

  test("a hostile article's event and document render as text and run nothing", async () => {
    const { page, expectClean, dialogs } = await openPage();
    const candidates = await api("/api/events?actor=RUS&type=CONSULT&limit=500");
    const hostile = candidates.events.find((event) => event.mentions.some((m) => m.doc_id.startsWith(HOSTILE_DOC_PREFIX)));
    assert.ok(hostile, "the hostile article was coded into a RUS CONSULT event");
    await page.goto(`${baseUrl}?event=${encodeURIComponent(hostile.event_id)}`);
    await settled(page);
    const mention = page.locator("#detail-body .mention", { has: page.locator(`button[data-doc-id^="${HOSTILE_DOC_PREFIX}"]`) });
    await mention.first().waitFor();
    const sentence = await mention.first().locator(".sentence").textContent();
    assert.ok(sentence.includes("<script>window.__pwned=1</script>") || sentence.includes("<svg onload"), `markup kept as text: ${sentence}`);
    const mentionUrl = mention.first().locator(".unsafe-url");
    assert.equal(await mentionUrl.textContent(), "javascript:window.__pwned=1//https://hostile.example/");

    await mention.first().locator("button.open-document").click();
    await page.locator("#detail-body .document-text").waitFor();
    await settled(page);
    const text = await page.textContent("#detail-body .document-text");
    assert.ok(text.includes("<script>window.__pwned=1</script>"), "script tag shown as text");
    // The cleaner may space out "alert(1)"; the tag's opening is kept as written.
    assert.ok(text.includes(`<img src=x onerror="window.__pwned=1;`), "img tag shown as text");
    assert.ok(text.includes(`"'><svg onload="window.__pwned=1">`), "attribute breaker shown as text");
    const title = await page.textContent("#detail-body .document-title");
    assert.ok(title.startsWith("<img src=x onerror="), title);
    assert.ok(await page.locator("#detail-body .document-text mark.hl-trigger").count() > 0, "document spans marked");
    await shot(page, "06-hostile-document");

    // Give any injected handler a chance to run before looking.
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => typeof window.__pwned), "undefined");
    assert.deepEqual(dialogs, []);
    const injected = await page.evaluate(() => ({
      scripts: [...document.scripts].map((s) => s.getAttribute("src")),
      embedded: document.querySelectorAll("iframe, img, object, embed, body body").length,
      handlers: document.querySelectorAll("[onerror], [onload], [onmouseover], [onclick]").length,
      scriptLinks: [...document.querySelectorAll("a[href]")].filter((a) => !/^https?:$/.test(new URL(a.href).protocol)).length,
      markupInDetail: document.querySelectorAll("#detail-body svg, #detail-body b, #detail-body script, #detail-body a:not([href^='http'])").length,
    }));
    assert.deepEqual(injected, { scripts: ["/assets/app.js"], embedded: 0, handlers: 0, scriptLinks: 0, markupInDetail: 0 });
    await expectClean();
    await page.close();
  });

  test("switches the interface to English and keeps the choice", async () => {
    const { page, expectClean } = await openPage();
    await page.goto(`${baseUrl}?actor=RUS`);
    await settled(page);
    await page.click('button[data-lang="en"]');
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.getAttribute('button[data-lang="en"]', "aria-pressed"), "true");
    assert.equal(await page.textContent("#events-heading"), strings.en.events_title);
    assert.equal(await page.textContent('label[for="f-actor"]'), strings.en.filter_actor);
    assert.equal(await page.textContent("#code-heading"), strings.en.code_title);
    assert.match(await page.textContent("#events-count"), / of \d+$/);
    assert.match(await page.textContent("#stats"), /events/);
    await shot(page, "07-english");
    await page.reload();
    await settled(page);
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.textContent("#timeline-heading"), strings.en.timeline_title);
    await page.click('button[data-lang="id"]');
    assert.equal(await page.textContent("#timeline-heading"), strings.id.timeline_title);
    await expectClean();
    await page.close();
  });

  test("the page is usable from the keyboard", async () => {
    const { page, expectClean } = await openPage();
    await page.goto(baseUrl);
    await settled(page);
    await page.focus("#f-actor");
    await page.keyboard.type("IRN");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\?actor=IRN$/);
    await settled(page);
    await page.locator("#event-rows tr button").first().focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/event=/);
    await settled(page);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "detail", "focus moves to the event view");
    await page.locator('#network .node[data-code="RUS"]').focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/actor=RUS/);
    await expectClean();
    await page.close();
  });
});

// The analyst's views on a real store: IndoSum (2,100 events over 2016–2018,
// with a few dated decades back), as a new user would open it.
describe("warta explorer on the IndoSum store", () => {
  let indosumServer;
  let indosumUrl;
  let indosumDir;
  let browser2;

  const get = async (pathAndQuery) => {
    const response = await fetch(new URL(pathAndQuery, indosumUrl));
    assert.ok(response.ok, `${pathAndQuery}: HTTP ${response.status}`);
    return response.json();
  };

  const open = async (query = "", locale = "id-ID") => {
    const context2 = await browser2.newContext({ viewport: { width: 1280, height: 900 }, locale, acceptDownloads: true });
    const page = await context2.newPage();
    const problems = [];
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    await page.goto(`${indosumUrl}${query}`);
    await settledAll(page);
    return { page, problems, close: () => context2.close() };
  };

  const settledAll = async (page) => {
    for (const id of ["timeline-section", "network-section", "events", "map-section"]) {
      await page.locator(`#${id}:not([aria-busy="true"])`).waitFor({ timeout: 20000 });
    }
  };

  before(async () => {
    indosumDir = await mkdtemp(path.join(tmpdir(), "warta-indosum-"));
    await mkdir(screenshots, { recursive: true });
    const db = path.join(indosumDir, "indosum.db");
    const corpus = path.resolve(here, "../../../shared/corpus/indosum");
    const ingest = spawnSync(warta, ["ingest", corpus, "--db", db, "--quiet"], { encoding: "utf8" });
    // Two IndoSum ids are shared by different articles: reported, the rest stored.
    assert.ok(ingest.status === 0 || ingest.status === 1, `warta ingest failed:\n${ingest.stderr}`);
    indosumServer = spawn(warta, ["serve", "--db", db, "--addr", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "pipe"] });
    indosumUrl = await new Promise((resolve, reject) => {
      let log = "";
      const timer = setTimeout(() => reject(new Error(`no URL within 30 s:\n${log}`)), 30000);
      indosumServer.stderr.on("data", (chunk) => {
        log += chunk;
        const match = /warta: serving (http:\/\/\S+?\/)\s/.exec(log);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    browser2 = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox"] });
  });

  after(async () => {
    await browser2?.close().catch(() => {});
    if (indosumServer && indosumServer.exitCode === null) indosumServer.kill("SIGKILL");
    if (indosumDir) await rm(indosumDir, { recursive: true, force: true });
  });

  test("the page speaks the browser's language by default", async () => {
    const english = await open("", "en-GB");
    assert.equal(await english.page.getAttribute("html", "lang"), "en");
    assert.equal(await english.page.textContent("#map-heading"), strings.en.map_title);
    await english.close();
    const indonesian = await open("", "id-ID");
    assert.equal(await indonesian.page.getAttribute("html", "lang"), "id");
    await shot(indonesian.page, "10-indosum-overview");
    assert.deepEqual(indonesian.problems, []);
    await indonesian.close();
  });

  test("the timeline opens where the data is, zooms to a brushed period and back out", async () => {
    const { page, problems, close } = await open("?by=week");
    const note = await page.textContent("#timeline-note");
    assert.match(note, /di luar rentang/, `a few old events are left out of the opening view: ${note}`);
    const firstTick = await page.locator("#timeline .axis-label").filter({ hasText: /^\d{4}-\d{2}-\d{2}$/ }).first().textContent();
    assert.ok(firstTick >= "2016", `opens on the data, not 1945: ${firstTick}`);
    const box = await page.locator("#timeline .brush-area").boundingBox();
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    await settledAll(page);
    const url = new URL(page.url());
    const from = url.searchParams.get("from");
    assert.equal(await page.locator("#timeline .axis-label").filter({ hasText: /^\d{4}-\d{2}-\d{2}$/ }).first().textContent(), from, "zoomed: the axis starts at the period");
    await shot(page, "11-indosum-timeline-zoomed");
    await page.click("#timeline-clear");
    await page.waitForURL((u) => !u.search.includes("from="));
    await settledAll(page);
    await page.click("#timeline-all");
    await page.waitForURL(/span=all/);
    const allTick = await page.locator("#timeline .axis-label").filter({ hasText: /^\d{4}-\d{2}-\d{2}$/ }).first().textContent();
    assert.ok(allTick < firstTick, `show all reaches back: ${allTick}`);
    await page.selectOption("#timeline-metric", "sum");
    await page.waitForURL(/metric=sum/);
    assert.match(await page.locator("#timeline .bar title").first().textContent(), /Goldstein/);
    assert.deepEqual(problems, []);
    await close();
  });

  test("clicking a country on the map filters by it", async () => {
    const { page, problems, close } = await open();
    const places = await get("/api/places");
    const busiest = places.countries.find((c) => c.country !== "IDN");
    const shape = page.locator(`#map path.country[data-code="${busiest.country}"]`);
    assert.equal(await shape.count(), 1, `${busiest.country} is drawn`);
    assert.ok(await page.locator("#map circle.place").count() > 0, "places with coordinates are dots");
    await shape.dispatchEvent("click");
    await page.waitForURL(new RegExp(`place=${busiest.country}`));
    await settledAll(page);
    const expected = await get(`/api/events?place=${busiest.country}&limit=50`);
    assert.equal(expected.total, busiest.events);
    assert.equal(await page.locator("#event-rows tr").count(), expected.events.length);
    assert.match(await page.textContent("#events-count"), new RegExp(`${expected.total}$`));
    assert.equal(await page.inputValue("#f-place"), busiest.country);
    await shot(page, "12-indosum-map-filtered");
    await page.click("#map-clear");
    await page.waitForURL((u) => !u.search.includes("place="));
    assert.deepEqual(problems, []);
    await close();
  });

  test("the network shows the top N pairs and says what it leaves out", async () => {
    const { page, problems, close } = await open();
    const defaultEdges = await page.locator("#network path.edge").count();
    assert.ok(defaultEdges > 5 && defaultEdges <= 30, `${defaultEdges} edges by default`);
    assert.match(await page.textContent("#network-note"), /Menampilkan 30 dari \d+ pasangan/);
    await page.fill("#network-top", "5");
    await page.click("#network-apply");
    await page.waitForURL(/top=5/);
    assert.equal(await page.locator("#network path.edge").count(), 5);
    assert.match(await page.textContent("#network-note"), /Menampilkan 5 dari/);
    const title = await page.locator("#network .node title").first().textContent();
    assert.match(title, /[A-Z]{3} \(.+\)/, `names on hover: ${title}`);
    await page.selectOption("#network-by", "intensity");
    await page.waitForURL(/net=intensity/);
    await shot(page, "13-indosum-network-top5");
    // The actor view lists counts with names, sortable.
    const firstActor = await page.locator("#actor-table tbody tr").first().locator("td").nth(1).textContent();
    assert.ok(firstActor.length > 2, "names beside codes");
    await page.locator('#actor-table th button[data-key="as_recipient"]').click();
    const received = await page.locator("#actor-table tbody tr td:nth-child(4)").allTextContents();
    const numbers = received.map((v) => Number(v.replace(/\D/g, "")));
    assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a), "sorted by recipient count");
    await shot(page, "14-indosum-actors");
    assert.deepEqual(problems, []);
    await close();
  });

  test("the table opens newest first and sorts by a column both ways", async () => {
    const { page, problems, close } = await open();
    const newest = await get("/api/events?limit=50");
    assert.deepEqual(
      await page.locator("#event-rows tr").evaluateAll((trs) => trs.map((tr) => tr.dataset.eventId)),
      newest.events.map((e) => e.event_id),
    );
    assert.equal(await page.getAttribute('#event-table th[data-sort="date"]', "aria-sort"), "descending");
    await page.click('#event-table th[data-sort="articles"] button');
    await page.waitForURL(/sort=articles/);
    await settledAll(page);
    const articles = (await page.locator("#event-rows tr td:nth-child(8)").allTextContents()).map(Number);
    assert.deepEqual(articles, [...articles].sort((a, b) => b - a));
    assert.ok(articles[0] >= 2, "the most reported event first");
    await page.click('#event-table th[data-sort="articles"] button');
    await page.waitForURL(/order=asc/);
    await settledAll(page);
    const ascending = (await page.locator("#event-rows tr td:nth-child(8)").allTextContents()).map(Number);
    assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b));
    assert.match(await page.locator("#event-rows tr td:nth-child(5)").first().textContent(), /^[A-Z]{3} \S/, "country names beside codes");
    await shot(page, "15-indosum-sorted");
    assert.deepEqual(problems, []);
    await close();
  });

  test("the current filter downloads as CSV and Parquet", async () => {
    const { page, problems, close } = await open("?actor=USA&type=ACCUSE");
    const expected = await get("/api/events?actor=USA&type=ACCUSE&limit=500");
    assert.ok(expected.total > 0);
    const [csv] = await Promise.all([page.waitForEvent("download"), page.click("#download-csv")]);
    const csvText = await readFile(await csv.path(), "utf8");
    assert.ok(csvText.startsWith("id,doc_id,"), csvText.slice(0, 80));
    const ids = [...csvText.matchAll(/,(ACCUSE),/g)].length;
    assert.equal(ids, expected.total, "one row per matching event");
    for (const event of expected.events) assert.ok(csvText.includes(event.event_id), event.event_id);
    const [parquet] = await Promise.all([page.waitForEvent("download"), page.click("#download-parquet")]);
    const bytes = await readFile(await parquet.path());
    assert.equal(bytes.subarray(0, 4).toString(), "PAR1");
    assert.equal(bytes.subarray(bytes.length - 4).toString(), "PAR1");
    assert.equal(parquet.suggestedFilename(), "warta-events.parquet");
    assert.deepEqual(problems, []);
    await close();
  });
});
