// First useful paint of the explorer on a running `warta serve`: the time
// from navigation to the first event rows and timeline bars, and to every
// panel loaded, in headless Chromium. Not part of the test run; used for
// the README's figures on the million-event load store:
//
//   node tests/browser/first-paint.mjs http://127.0.0.1:8080/ [runs]
import { chromium } from "playwright-core";

const url = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
if (!url) {
  console.error("usage: node first-paint.mjs URL [runs]");
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox"],
});
const results = [];
for (let run = 0; run < runs; run += 1) {
  // A fresh context each time: nothing cached in the browser.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(url);
  await page.locator("#event-rows tr").first().waitFor({ timeout: 60000 });
  await page.locator("#timeline .bar rect").first().waitFor({ timeout: 60000 });
  const useful = Date.now() - started;
  for (const id of ["timeline-section", "network-section", "events", "map-section"]) {
    await page.locator(`#${id}:not([aria-busy="true"])`).waitFor({ timeout: 60000 });
  }
  const complete = Date.now() - started;
  results.push({ useful, complete });
  await context.close();
}
await browser.close();
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(JSON.stringify({
  runs,
  first_useful_paint_ms: median(results.map((r) => r.useful)),
  all_panels_ms: median(results.map((r) => r.complete)),
  each: results,
}));
