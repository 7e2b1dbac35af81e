// Keyboard alone: from the top of a vacancy page, Tab reaches the skip link first and the apply
// link within a bounded number of presses, and every element on the way shows its focus.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGES, VACANCY_SOURCES, frontMatterString, startSession } from './harness.js';

const MAX_TABS = 40;

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

/** The link a vacancy's `apply` key becomes: an https:// URL or a mailto: link. */
function applyHref(url) {
  const apply = frontMatterString(VACANCY_SOURCES[url], 'apply');
  return apply.includes('@') && !apply.includes('://') ? `mailto:${apply}` : apply;
}

/** Remembers how every focusable element looks unfocused, before any key is pressed. */
const snapshotUnfocused = () => {
  const look = (el) => {
    const s = getComputedStyle(el);
    return {
      outline: s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 ? 'none' : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
      boxShadow: s.boxShadow,
    };
  };
  window.__look = look;
  window.__unfocused = new Map();
  for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')) {
    window.__unfocused.set(el, look(el));
  }
};

/** The focused element: what it is, whether its focus is visible, and where it is. */
const describeFocus = () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const now = window.__look(el);
  const before = window.__unfocused.get(el) ?? { outline: 'none', boxShadow: 'none' };
  const box = el.getBoundingClientRect();
  return {
    tag: el.localName,
    href: el.getAttribute('href'),
    text: (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60),
    visibleFocus: (now.outline !== 'none' && now.outline !== before.outline) || now.boxShadow !== before.boxShadow,
    inViewport: box.width > 1 && box.height > 1 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
    now,
    before,
  };
};

for (const url of [PAGES.vacancy, PAGES.vacancyEmail]) {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    test(`Tab reaches the skip link, then the apply link: ${url} at ${viewport.width}px`, async (t) => {
      const page = await session.newPage();
      try {
        await page.setViewportSize(viewport);
        await session.open(url, { page });
        await page.evaluate(snapshotUnfocused);
        const want = applyHref(url);

        await page.keyboard.press('Tab');
        const first = await page.evaluate(describeFocus);
        assert.ok(first, 'Tab focused nothing');
        assert.match(first.href ?? '', /^#./, `the first Tab stop is ${JSON.stringify(first)}, not a skip link`);
        const target = await page.evaluate((h) => document.getElementById(h.slice(1))?.localName ?? null, first.href);
        assert.equal(target, 'main', `the skip link points at ${first.href}, which is not the main element`);
        assert.ok(first.inViewport, 'the focused skip link is not on screen');

        const path = [first];
        let reached = null;
        for (let i = 1; i < MAX_TABS && !reached; i++) {
          await page.keyboard.press('Tab');
          const now = await page.evaluate(describeFocus);
          assert.ok(now, `Tab ${i + 1} focused nothing (after ${JSON.stringify(path.at(-1))})`);
          path.push(now);
          if (now.href === want) reached = now;
        }
        const route = path.map((p, i) => `${i + 1}. <${p.tag}> ${p.href} "${p.text}"`).join('\n');
        assert.ok(reached, `the apply link ${want} was not reached within ${MAX_TABS} Tabs:\n${route}`);
        t.diagnostic(`the apply link is Tab stop ${path.length}`);
        assert.ok(reached.inViewport, 'the focused apply link was not scrolled into view');
        const invisible = path.filter((p) => !p.visibleFocus);
        assert.deepEqual(
          invisible.map((p) => `<${p.tag}> ${p.href} "${p.text}" focused ${JSON.stringify(p.now)} unfocused ${JSON.stringify(p.before)}`),
          [],
          'elements whose focus is not visible',
        );
      } finally {
        await page.close();
      }
    });
  }
}

test('the skip link moves focus to the main content', async () => {
  const page = await session.open(PAGES.vacancy);
  try {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.localName), 'main');
    await page.keyboard.press('Tab');
    const inside = await page.evaluate(() => Boolean(document.activeElement?.closest('main')));
    assert.ok(inside, 'the Tab after the skip link does not land inside main');
  } finally {
    await page.close();
  }
});

test('a closed vacancy has no apply link', async () => {
  const page = await session.open(PAGES.closedVacancy);
  try {
    const apply = frontMatterString('content/vacancies/snuffelstage-waterkeringen.md', 'apply');
    const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href')));
    assert.ok(!hrefs.some((h) => h === apply || h === `mailto:${apply}`), `a closed vacancy links to ${apply}`);
  } finally {
    await page.close();
  }
});

test('no request left 127.0.0.1', () => {
  assert.ok(session.requests.length > 0, 'no requests were recorded at all');
  assert.deepEqual(session.offHost, [], `requests to other hosts:\n${session.offHost.join('\n')}`);
});
