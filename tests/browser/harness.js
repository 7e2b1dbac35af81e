// Shared set-up of the browser tests: build the example portal, serve it on 127.0.0.1 with a
// strict Content-Security-Policy, and drive Debian's Chromium headless with playwright-core.
//
// Nothing here downloads a browser: playwright-core is pointed at /usr/bin/chromium (or
// $CHROMIUM). The binary under test is $STAGEBORD_BIN, or `cargo build`'s debug binary.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The build's "today": the same as the integration tests use. */
export const TODAY = '2026-11-23';
/** The policy every response is served with; the theme must work under it. */
export const CSP = "default-src 'self'";
/** Test artefacts (screenshots, PDFs): under target/, never committed. */
export const ARTEFACTS = path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'screenshots');
/** The axe-core build injected into pages. */
export const AXE_PATH = require.resolve('axe-core/axe.min.js');
/** WCAG 2.1 level A and AA rules. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One page of each kind in the example portal (content/ at the repository root). */
export const PAGES = {
  home: '/',
  vacancy: '/vacatures/meewerkstage-gemaal-en-zuivering/', // applies by link; has a Markdown image
  vacancyEmail: '/vacatures/stage-mobiliteit-verkeersdata/', // applies by e-mail; has a Markdown image
  closedVacancy: '/vacatures/snuffelstage-waterkeringen/', // closed on 2026-10-30
  organisation: '/organisaties/gemeente-ellekoorn/',
  organisations: '/organisaties/',
  listing: '/niveau/hbo/', // a term page with pagination
  listingPage2: '/niveau/hbo/pagina/2/',
  taxonomy: '/vakgebied/',
  vacancies: '/vacatures/',
  brochure: '/organisaties/gemeente-ellekoorn/huisregels-ellekoorn/',
  page: '/over/',
  notFound: '/404.html',
  missing: '/vacatures/bestaat-niet/', // served with status 404 and the 404 page
};

/** The vacancy files behind PAGES.vacancy and PAGES.vacancyEmail, for their `apply` key. */
export const VACANCY_SOURCES = {
  [PAGES.vacancy]: 'content/vacancies/waterschap-vlieterstromen/meewerkstage-gemaal-en-zuivering.md',
  [PAGES.vacancyEmail]: 'content/vacancies/provincie-noordervaart/stage-mobiliteit-verkeersdata.md',
};

/** The organisation file behind PAGES.brochure, for its `name` key. */
export const BROCHURE_ORGANISATION_SOURCE = 'content/organisations/gemeente-ellekoorn.md';

/** The string value of a top-level `key = "value"` line of a content file's front matter. */
export function frontMatterString(relativePath, key) {
  const text = fs.readFileSync(path.join(ROOT, relativePath), 'utf8');
  const front = text.split(/^\+\+\+\s*$/m)[1] ?? '';
  const match = front.match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm'));
  if (!match) throw new Error(`${relativePath}: no ${key} = "..." in the front matter`);
  return match[1];
}

let binary;
/** The stagebord binary: $STAGEBORD_BIN, or built once per process with cargo. */
export function stagebordBinary() {
  if (binary) return binary;
  if (process.env.STAGEBORD_BIN) {
    binary = path.resolve(process.env.STAGEBORD_BIN);
  } else {
    execFileSync('cargo', ['build', '--locked', '--quiet', '--bin', 'stagebord'], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const target = process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target');
    binary = path.join(target, 'debug', process.platform === 'win32' ? 'stagebord.exe' : 'stagebord');
  }
  if (!fs.existsSync(binary)) throw new Error(`no stagebord binary at ${binary}`);
  return binary;
}

/** Builds the portal at `root` into a fresh temporary folder and returns that folder. */
export function buildPortal(root = ROOT) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stagebord-browser-')), 'public');
  execFileSync(stagebordBinary(), ['build', '--root', root, '--today', TODAY, '--output-dir', out], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.json': 'application/json',
};

/**
 * Serves `dir` on 127.0.0.1 (a free port) as a static host would: `/x/` is `/x/index.html`,
 * `/x` redirects to `/x/` when that is a folder, anything else missing is `/404.html` with
 * status 404. Every response carries `Content-Security-Policy: default-src 'self'`.
 */
export async function serve(dir) {
  const server = http.createServer((req, res) => {
    const headers = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400, headers).end();
      return;
    }
    let file = path.join(dir, path.normalize(pathname));
    if (!file.startsWith(dir)) {
      res.writeHead(403, headers).end();
      return;
    }
    let status = 200;
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { ...headers, Location: `${pathname}/` }).end();
        return;
      }
      file = path.join(file, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    if (!stat?.isFile()) {
      status = 404;
      file = path.join(dir, '404.html');
    }
    const body = fs.readFileSync(file);
    res.writeHead(status, {
      ...headers,
      'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Chromium's flags: headless, and nothing that phones home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Builds the example portal, serves it and starts Chromium with a fresh user data dir.
 * `contextOptions` go to playwright's launchPersistentContext (e.g. `bypassCSP`).
 *
 * Returns { site, origin, context, open(url, options), requests, offHost, consoleProblems, close }.
 * Every page opened with `open` (or `newPage`) records its requests; `offHost` collects every
 * request for anything other than the test server, and such requests are aborted.
 */
export async function startSession({ root = ROOT, contextOptions = {} } = {}) {
  const site = buildPortal(root);
  const server = await serve(site);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagebord-chromium-'));
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: run ./scripts/test.sh, which installs Debian's chromium`);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    ...contextOptions,
  });
  context.setDefaultTimeout(15_000);
  const isLocal = (url) => url.startsWith(`${server.origin}/`) || url === server.origin;
  const requests = [];
  const offHost = [];
  const consoleProblems = [];
  await context.route(
    (url) => !isLocal(url.href),
    (route) => {
      offHost.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );

  const watch = (page) => {
    page.on('request', (request) => {
      const url = request.url();
      requests.push(url);
      if (!isLocal(url) && !url.startsWith('data:') && !url.startsWith('blob:')) {
        if (!offHost.includes(url)) offHost.push(url);
      }
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        consoleProblems.push({ url: page.url(), type: message.type(), text: message.text() });
      }
    });
    page.on('pageerror', (error) => {
      consoleProblems.push({ url: page.url(), type: 'pageerror', text: String(error) });
    });
    return page;
  };
  for (const page of context.pages()) watch(page);

  const newPage = async () => watch(await context.newPage());
  const open = async (url, { page, status = undefined } = {}) => {
    const target = page ?? (await newPage());
    const response = await target.goto(new URL(url, server.origin).href, { waitUntil: 'load' });
    if (status !== undefined && response.status() !== status) {
      throw new Error(`${url}: status ${response.status()}, expected ${status}`);
    }
    return target;
  };

  return {
    site,
    origin: server.origin,
    context,
    newPage,
    open,
    requests,
    offHost,
    consoleProblems,
    async close() {
      await context.close().catch(() => {});
      await server.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
      fs.rmSync(path.dirname(site), { recursive: true, force: true });
    },
  };
}

/** Every HTML file of a built site, as URL paths (`/vacatures/x/`, `/404.html`). */
export function htmlPaths(site) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) {
        const rel = `/${path.relative(site, full).split(path.sep).join('/')}`;
        out.push(rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  walk(site);
  return out.sort();
}

/** Runs axe-core's WCAG 2.1 A and AA rules on `page` (needs a context with bypassCSP). */
export async function runAxe(page, tags = WCAG_TAGS) {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(
    (values) =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values },
        resultTypes: ['violations', 'incomplete'],
      }),
    tags,
  );
}

/**
 * axe's "needs review" colour-contrast results worth a look: those it could not decide for a
 * reason other than the element holding only symbols (arrows marked aria-hidden).
 */
export function contrastToReview(results) {
  return results.incomplete
    .filter((r) => r.id === 'color-contrast')
    .map((r) => ({
      ...r,
      nodes: r.nodes.filter((n) => !(n.any ?? []).every((c) => /only non-text characters/.test(c.message))),
    }))
    .filter((r) => r.nodes.length > 0);
}

/** axe results (`results.violations`, or a list) as readable lines, rule by rule, node by node. */
export function formatAxe(label, results) {
  const lines = [];
  for (const v of Array.isArray(results) ? results : results.violations) {
    lines.push(`${label}: [${v.impact ?? 'n/a'}] ${v.id}: ${v.help}`);
    lines.push(`    ${v.helpUrl}`);
    for (const node of v.nodes.slice(0, 8)) {
      lines.push(`    at ${node.target.join(' ')}`);
      lines.push(`       ${node.html.replace(/\s+/g, ' ').slice(0, 200)}`);
      const summary = (node.failureSummary ?? node.any?.map((c) => c.message).join('; ') ?? '')
        .replace(/\s+/g, ' ')
        .trim();
      if (summary) lines.push(`       ${summary}`);
    }
    if (v.nodes.length > 8) lines.push(`    ... and ${v.nodes.length - 8} more`);
  }
  return lines.join('\n');
}
