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
    assert.equal(await page.getAttribute("#timeline .brush-selection", "visibility"), "visible");
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
