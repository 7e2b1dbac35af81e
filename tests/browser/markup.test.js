// Every HTML page of the example portal, served with `Content-Security-Policy: default-src 'self'`
// (no bypass): `lang` set, one h1, one main, no inline style or script, images with alt, the
// theme's images with width and height, no CSP violation and no request to another host.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PAGES, ROOT, buildPortal, frontMatterString, htmlPaths, startSession } from './harness.js';

// Records every CSP violation the page reports, before any of the page's own code runs.
// (Init scripts come from the DevTools protocol, so the policy does not apply to them.)
const RECORD_CSP = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile || ''}:${e.lineNumber})`);
  });
};

const isCspMessage = (p) => /Content Security Policy/i.test(p.text);

let session;
let pages;
before(async () => {
  session = await startSession();
  await session.context.addInitScript(RECORD_CSP);
  pages = htmlPaths(session.site);
  // A page that breaks the policy on purpose, to prove the check below can fail.
  fs.writeFileSync(
    path.join(session.site, '__csp-probe.html'),
    '<!doctype html><html lang="nl"><title>probe</title><p style="color:red">x</p><script>document.title = "ran"</script>',
  );
});
after(async () => {
  await session?.close();
});

/** What a page looks like to these checks, read in the page itself. */
const inspect = () => {
  const attrs = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name === 'style' || a.name.startsWith('on')) attrs.push(`<${el.localName} ${a.name}="${a.value.slice(0, 40)}">`);
    }
  }
  const images = [...document.images].map((img) => ({
    src: img.getAttribute('src'),
    alt: img.getAttribute('alt'),
    width: img.getAttribute('width'),
    height: img.getAttribute('height'),
    inBody: Boolean(img.closest('.prose')),
  }));
  return {
    lang: document.documentElement.getAttribute('lang'),
    h1: document.querySelectorAll('h1').length,
    main: document.querySelectorAll('main, [role="main"]').length,
    title: document.title,
    // Data blocks (JSON-LD) are not run, so the policy allows them; code is another matter.
    inlineScripts: [...document.scripts].filter(
      (s) => !s.src && (s.type === '' || s.type === 'module' || /javascript|ecmascript/i.test(s.type)),
    ).length,
    styleElements: document.querySelectorAll('style').length,
    attrs,
    images,
    csp: window.__csp ?? [],
  };
};

test('the CSP check catches inline style and script', async () => {
  const before = session.consoleProblems.length;
  const page = await session.open('/__csp-probe.html');
  try {
    const seen = await page.evaluate(inspect);
    assert.equal(await page.title(), 'probe', 'the inline script ran despite the policy');
    assert.ok(seen.csp.length >= 2, `expected two violations, got ${JSON.stringify(seen.csp)}`);
    assert.ok(session.consoleProblems.slice(before).some(isCspMessage), 'no CSP message in the console');
  } finally {
    await page.close();
    session.consoleProblems.splice(before);
  }
});

test('every page: lang, one h1, one main, a title, no inline style or script, no CSP violation', async (t) => {
  assert.ok(pages.length > 50, `only ${pages.length} pages were built`);
  const language = fs.readFileSync(path.join(ROOT, 'portal.toml'), 'utf8').match(/^language\s*=\s*"(\w+)"/m)?.[1] ?? 'nl';
  const page = await session.newPage();
  const problems = [];
  const bodyImages = [];
  try {
    for (const url of [...pages.filter((p) => p !== '/__csp-probe.html'), PAGES.missing]) {
      const before = session.consoleProblems.length;
      await session.open(url, { page, status: url === PAGES.missing ? 404 : 200 });
      const seen = await page.evaluate(inspect);
      const here = (what) => problems.push(`${url}: ${what}`);
      if (seen.lang !== language) here(`<html lang="${seen.lang}">, expected "${language}"`);
      if (seen.h1 !== 1) here(`${seen.h1} h1 elements`);
      if (seen.main !== 1) here(`${seen.main} main landmarks`);
      if (!seen.title.trim()) here('empty <title>');
      if (seen.inlineScripts) here(`${seen.inlineScripts} inline <script>`);
      if (seen.styleElements) here(`${seen.styleElements} <style> elements`);
      for (const a of seen.attrs) here(`inline attribute ${a}`);
      for (const v of seen.csp) here(`CSP violation: ${v}`);
      for (const p of session.consoleProblems.slice(before)) {
        // The not-found page is served with status 404 on purpose; Chromium says so.
        if (url === PAGES.missing && /status of 404/.test(p.text) && p.url.endsWith(url)) continue;
        here(`console ${p.type}: ${p.text}`);
      }
      for (const img of seen.images) {
        if (img.alt === null) here(`<img src="${img.src}"> has no alt`);
        if (img.width === null || img.height === null) {
          if (img.inBody) bodyImages.push(`${url}: ${img.src}`);
          else here(`theme image <img src="${img.src}"> has no width/height`);
        }
      }
    }
  } finally {
    await page.close();
  }
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
  // Markdown body images get their size from the Rust side (src/load/images.rs read by
  // src/render/markdown.rs): every image beside a vacancy must have it.
  assert.deepEqual(bodyImages, [], `Markdown images without width/height:\n${bodyImages.join('\n')}`);
});

test('lang follows the portal language (en)', async () => {
  // A copy of the example portal with `language = "en"`.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stagebord-en-'));
  try {
    for (const item of ['content', 'static']) {
      if (fs.existsSync(path.join(ROOT, item))) fs.cpSync(path.join(ROOT, item), path.join(root, item), { recursive: true });
    }
    const toml = fs.readFileSync(path.join(ROOT, 'portal.toml'), 'utf8').replace(/^language\s*=.*$/m, 'language = "en"');
    fs.writeFileSync(path.join(root, 'portal.toml'), toml.includes('language = "en"') ? toml : `language = "en"\n${toml}`);
    const site = buildPortal(root);
    for (const file of ['index.html', 'vacatures/index.html', '404.html', path.join(PAGES.vacancy.slice(1), 'index.html')]) {
      const html = fs.readFileSync(path.join(site, file), 'utf8');
      assert.match(html, /<html lang="en"/, `${file} is not lang="en"`);
    }
    const vacancy = fs.readFileSync(path.join(site, PAGES.vacancy.slice(1), 'index.html'), 'utf8');
    const title = frontMatterString('content/vacancies/waterschap-vlieterstromen/meewerkstage-gemaal-en-zuivering.md', 'title');
    assert.ok(vacancy.includes(title), 'the English build lost the vacancy title');
    fs.rmSync(path.dirname(site), { recursive: true, force: true });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('no request left 127.0.0.1', () => {
  assert.ok(session.requests.length > 0, 'no requests were recorded at all');
  assert.deepEqual(session.offHost, [], `requests to other hosts:\n${session.offHost.join('\n')}`);
});
