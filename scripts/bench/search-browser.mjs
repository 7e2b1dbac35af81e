// The browser half of the search benchmark (scripts/bench/search.sh): in Debian's headless
// Chromium (playwright-core from tests/browser/node_modules), measures what a student's
// searches download and how long one query with facet counts takes to compute.
//
//   node scripts/bench/search-browser.mjs stagebord SITE_DIR WORD...
//   node scripts/bench/search-browser.mjs pagefind  PAGEFIND_SITE_DIR WORD...
//
// Prints one JSON object. Bytes are response bodies as sent (the servers here compress
// nothing), for every request the search needs beyond the page's HTML and CSS (and the
// favicon): for stagebord the script and the index files under /zoeken/<version>/; for Pagefind
// its script, WebAssembly, index, filter and fragment files. "first" is the page load plus
// the first word with its facet counts and the first page of result cards; "further" is
// what each next word (typed after the others) adds. stagebord's query time is the
// script's own measurement of computing results and counts (data-query-ms: text scoring,
// disjunctive counts and order, files already loaded); Pagefind's is the time of
// `pagefind.search()` for the same words with its files already loaded.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(ROOT, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');
const { serve, CHROMIUM_ARGS } = await import(path.join(ROOT, 'tests/browser/harness.js'));

const [tool, site, ...words] = process.argv.slice(2);
if (!tool || !site || words.length === 0) {
  console.error('usage: search-browser.mjs stagebord|pagefind SITE_DIR WORD...');
  process.exit(2);
}
const CARDS = 10; // result cards on screen, as the search page shows them

/** A static server without a Content-Security-Policy (Pagefind needs WebAssembly). */
async function servePlain(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    let file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(dir) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
const server = tool === 'pagefind' ? await servePlain(path.resolve(site)) : await serve(path.resolve(site));
const page = await browser.newPage();
let bytes = 0;
const counted = [];
page.on('response', async (response) => {
  const request = response.request();
  const type = request.resourceType();
  const url = response.url();
  if (type === 'document' || type === 'stylesheet' || url.endsWith('favicon.svg')) return;
  try {
    const body = await response.body();
    bytes += body.length;
    counted.push([new URL(url).pathname, body.length]);
  } catch {
    // Redirects have no body.
  }
});
const settle = () => page.waitForLoadState('networkidle');

const out = { tool, site, words, first: 0, further: [], query_ms: [], files_first: 0 };
try {
  if (tool === 'stagebord') {
    const rendered = (search) =>
      page.waitForFunction(
        (want) => {
          const form = document.getElementById('search');
          return form?.dataset.rendered === want && !form.hasAttribute('aria-busy');
        },
        search,
        { timeout: 120_000 },
      );
    await page.goto(`${server.origin}/zoeken/`);
    await rendered('');
    out.load = bytes;
    let typed = '';
    for (const [i, word] of words.entries()) {
      const before = bytes;
      typed = typed ? `${typed} ${word}` : word;
      await page.fill('#search-q', typed);
      await rendered(`?${new URLSearchParams({ q: typed })}`);
      await settle();
      out.query_ms.push(Number(await page.evaluate(() => document.getElementById('search').dataset.queryMs)));
      out.results ??= [];
      out.results.push(await page.evaluate(() => document.getElementById('search-status').textContent));
      if (i === 0) {
        out.first = bytes;
        out.files_first = counted.length;
      } else {
        out.further.push(bytes - before);
      }
    }
    // Facet choices on top of the words: one level, then a second facet (no new words).
    await page.keyboard.press('Escape'); // close the suggestions
    for (const selector of ['input[name="niveau"][value="hbo"]', 'input[name="vergoeding"][value="betaald"]', 'input[name="sluit"][value="maand"]']) {
      if (await page.isDisabled(`#search ${selector}`)) continue;
      await page.check(`#search ${selector}`);
      await page.waitForFunction(() => !document.getElementById('search').hasAttribute('aria-busy'));
      await page.waitForTimeout(50);
      await page.waitForFunction(() => !document.getElementById('search').hasAttribute('aria-busy'));
      out.query_ms.push(Number(await page.evaluate(() => document.getElementById('search').dataset.queryMs)));
    }
    // Without words: every open vacancy, counts over all of them.
    await page.goto(`${server.origin}/zoeken/?niveau=hbo`);
    await rendered('?niveau=hbo');
    out.query_ms.push(Number(await page.evaluate(() => document.getElementById('search').dataset.queryMs)));
  } else {
    fs.writeFileSync(
      path.join(site, 'bench.html'),
      '<!doctype html><html lang="nl"><title>bench</title><body><script type="module">window.pagefind = await import("/pagefind/pagefind.js"); await window.pagefind.init(); window.ready = true;</script></body></html>',
    );
    await page.goto(`${server.origin}/bench.html`);
    await page.waitForFunction(() => window.ready === true, null, { timeout: 120_000 });
    out.load = bytes;
    let typed = '';
    for (const [i, word] of words.entries()) {
      const before = bytes;
      typed = typed ? `${typed} ${word}` : word;
      const result = await page.evaluate(
        async ({ q, cards }) => {
          const search = await window.pagefind.search(q);
          // The facet counts (Pagefind loads its filter index for these) and the first cards.
          await window.pagefind.filters();
          await Promise.all(search.results.slice(0, cards).map((r) => r.data()));
          const started = performance.now();
          await window.pagefind.search(q);
          return { count: search.results.length, filters: Object.keys(search.filters ?? {}).length, ms: performance.now() - started };
        },
        { q: typed, cards: CARDS },
      );
      await settle();
      out.query_ms.push(result.ms);
      out.results ??= [];
      out.results.push(`${result.count} results, ${result.filters} filters`);
      if (i === 0) {
        out.first = bytes;
        out.files_first = counted.length;
      } else {
        out.further.push(bytes - before);
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
out.query_ms_max = Math.max(...out.query_ms);
out.query_ms_median = [...out.query_ms].sort((a, b) => a - b)[Math.floor(out.query_ms.length / 2)];
out.further_max = out.further.length ? Math.max(...out.further) : 0;
if (process.env.VERBOSE) out.requests = counted;
console.log(JSON.stringify(out));
