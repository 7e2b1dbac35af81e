// Screenshots of the home page and a vacancy page at 1280x900 and 390x844, light and dark,
// written to target/screenshots/ (test artefacts, not committed).
//
// STAGEBORD_UPDATE_SCREENSHOTS=1 also copies the desktop home page and the phone vacancy page
// to docs/screenshots/ (committed, shown in the README): run it after a visible theme change.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTEFACTS, PAGES, ROOT, startSession } from './harness.js';

const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };
const SHOTS = { home: PAGES.home, vacancy: PAGES.vacancy };
const DOCS = { 'home-desktop.png': 'home-desktop.png', 'vacancy-phone.png': 'vacancy-phone.png' };
const DOCS_MAX_BYTES = 300 * 1024;

let session;
before(async () => {
  session = await startSession();
  fs.mkdirSync(ARTEFACTS, { recursive: true });
});
after(async () => {
  await session?.close();
});

for (const [name, url] of Object.entries(SHOTS)) {
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    for (const colorScheme of ['light', 'dark']) {
      const file = `${name}-${device}${colorScheme === 'dark' ? '-dark' : ''}.png`;
      test(`screenshot ${file} of ${url}`, async (t) => {
        const page = await session.newPage();
        try {
          await page.setViewportSize(viewport);
          await page.emulateMedia({ colorScheme });
          await session.open(url, { page });
          const out = path.join(ARTEFACTS, file);
          await page.screenshot({ path: out, animations: 'disabled', caret: 'hide' });
          const bytes = fs.statSync(out).size;
          t.diagnostic(`${path.relative(ROOT, out)}: ${bytes} bytes`);
          // Nothing wider than the screen: no sideways scrolling on a phone.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
          assert.ok(overflow <= 0, `${url} is ${overflow}px wider than ${viewport.width}px`);
          // Nothing in the content sticks out of the page's column (unless a scroll box clips it).
          const outside = await page.evaluate(() => {
            const out = [];
            for (const wrap of document.querySelectorAll('main .wrap')) {
              const style = getComputedStyle(wrap);
              const right = wrap.getBoundingClientRect().right - parseFloat(style.paddingRight) + 1;
              for (const el of wrap.querySelectorAll('*')) {
                const box = el.getBoundingClientRect();
                if (box.width <= 1 || box.right <= right) continue;
                let clipped = false;
                for (let p = el.parentElement; p && p !== wrap; p = p.parentElement) {
                  if (getComputedStyle(p).overflowX !== 'visible') clipped = true;
                }
                if (!clipped) out.push(`<${el.localName} class="${el.className}"> ends at ${Math.round(box.right)}px, the column at ${Math.round(right)}px`);
              }
            }
            return out.slice(0, 10);
          });
          assert.deepEqual(outside, [], `${url} at ${viewport.width}px`);
        } finally {
          await page.close();
        }
      });
    }
  }
}

test('copy the README screenshots', { skip: process.env.STAGEBORD_UPDATE_SCREENSHOTS !== '1' && 'set STAGEBORD_UPDATE_SCREENSHOTS=1' }, () => {
  const docs = path.join(ROOT, 'docs', 'screenshots');
  fs.mkdirSync(docs, { recursive: true });
  for (const [from, to] of Object.entries(DOCS)) {
    const source = path.join(ARTEFACTS, from);
    const bytes = fs.statSync(source).size;
    assert.ok(bytes < DOCS_MAX_BYTES, `${from} is ${bytes} bytes, more than ${DOCS_MAX_BYTES}`);
    fs.copyFileSync(source, path.join(docs, to));
  }
});

test('no request left 127.0.0.1', () => {
  assert.ok(session.requests.length > 0, 'no requests were recorded at all');
  assert.deepEqual(session.offHost, [], `requests to other hosts:\n${session.offHost.join('\n')}`);
});
