// The search page /zoeken/ and its script, in Debian's headless Chromium under
// `Content-Security-Policy: default-src 'self'`: typing a word and choosing facets gives the
// vacancies and counts the content files say (read here with a small front-matter reader, not
// with stagebord's code), the state round-trips through the URL and the back button, closed
// and draft vacancies never appear, a vacancy whose deadline passes after the build disappears
// (the browser's clock is faked), type-ahead works by keyboard, axe-core finds nothing, and no
// request leaves 127.0.0.1.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, TODAY, formatAxe, runAxe, startSession } from './harness.js';

// --- What the content says --------------------------------------------------------------

/** The values of a front matter: strings, numbers, booleans, dates and arrays of strings. */
function frontMatter(file) {
  const text = fs.readFileSync(file, 'utf8');
  const [, front = '', body = ''] = text.split(/^\+\+\+\s*$/m);
  const values = {};
  for (const line of front.split('\n')) {
    const m = line.match(/^(\w+)\s*=\s*(.+?)\s*$/);
    if (!m) continue;
    const raw = m[2];
    if (raw.startsWith('"')) values[m[1]] = JSON.parse(raw.match(/^"(?:[^"\\]|\\.)*"/)[0]);
    else if (raw.startsWith('[')) values[m[1]] = [...raw.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => JSON.parse(`"${x[1]}"`));
    else if (raw === 'true' || raw === 'false') values[m[1]] = raw === 'true';
    else values[m[1]] = raw.replace(/\s*#.*$/, '');
  }
  return { values, body };
}

function markdownFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(full));
    else if (entry.name.endsWith('.md')) out.push(full);
  }
  return out.sort();
}

const fold = (text) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const slugOf = (text) => fold(text).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Every vacancy of the example portal, as its file says. */
function contentVacancies() {
  const organisations = {};
  for (const file of markdownFiles(path.join(ROOT, 'content/organisations'))) {
    organisations[path.basename(file, '.md')] = frontMatter(file).values.name;
  }
  const dir = path.join(ROOT, 'content/vacancies');
  return markdownFiles(dir).map((file) => {
    const { values, body } = frontMatter(file);
    const folder = path.relative(dir, path.dirname(file));
    const organisation = values.organisation ?? folder;
    const fields = values.fields ?? [];
    const text = [values.title, organisations[organisation], values.location, values.summary ?? '', body, ...fields].join(' ');
    return {
      slug: values.slug ?? slugOf(path.basename(file, '.md')),
      title: values.title,
      levels: values.levels ?? [],
      kind: values.kind ?? 'stage',
      closes: values.closes ?? null,
      draft: values.draft === true,
      words: fold(text).match(/[\p{L}\p{N}]+/gu) ?? [],
    };
  });
}

const VACANCIES = contentVacancies();
const openOn = (day) => VACANCIES.filter((v) => !v.draft && (v.closes === null || v.closes >= day));
const link = (v) => `/vacatures/${v.slug}/`;
const mentions = (v, prefix) => v.words.some((w) => w.startsWith(prefix));

// --- Driving the page ---------------------------------------------------------------------

/** Waits until the script has drawn the results for `search` (a URL query string, '' for none). */
async function rendered(page, search) {
  await page.waitForFunction(
    (want) => {
      const form = document.getElementById('search');
      return form?.dataset.rendered === want && !form.hasAttribute('aria-busy');
    },
    search,
    { timeout: 15_000 },
  );
}

/** What the page shows: status, result links, and counts per facet value. */
const shown = () => {
  const counts = {};
  for (const box of document.querySelectorAll('#search .facet input[type="checkbox"]')) {
    const count = box.closest('li').querySelector('.facet__count')?.textContent ?? '';
    (counts[box.name] ??= {})[box.value] = { count: count === '' ? null : Number(count), disabled: box.disabled, checked: box.checked };
  }
  return {
    status: document.getElementById('search-status').textContent,
    links: [...document.querySelectorAll('#search-results .card__title a')].map((a) => a.getAttribute('href')),
    more: !document.getElementById('search-more').hidden,
    counts,
    search: location.search,
    q: document.getElementById('search-q').value,
  };
};

/** Clicks "more" until every result is on the page. */
async function showAll(page) {
  while (await page.locator('#search-more').isVisible()) {
    const before = await page.locator('#search-results > li').count();
    await page.click('#search-more');
    await page.waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n, before);
  }
}

const RECORD_CSP = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
};

let session;
before(async () => {
  session = await startSession();
  await session.context.addInitScript(RECORD_CSP);
  // The script counts days and hides passed deadlines by the browser's clock: it reads the
  // build's today (noon in the portal's time zone), whatever day the tests run on.
  await session.context.clock.setFixedTime(new Date(`${TODAY}T12:00:00+01:00`));
});
after(async () => {
  await session?.close();
});

describe('search under the strict policy', () => {
  test('"communicatie" with level hbo shows exactly the open hbo vacancies that mention it', async () => {
    const page = await session.open('/zoeken/');
    try {
      await rendered(page, '');
      await page.fill('#search-q', 'communicatie');
      await rendered(page, '?q=communicatie');
      await page.keyboard.press('Escape'); // close the suggestions over the filters
      await page.check('#search input[name="niveau"][value="hbo"]');
      await rendered(page, '?q=communicatie&niveau=hbo');
      await showAll(page);
      const seen = await page.evaluate(shown);
      const matching = openOn(TODAY).filter((v) => mentions(v, 'communicatie'));
      const want = matching.filter((v) => v.levels.includes('hbo'));
      assert.ok(want.length >= 3, `the example lost its test case: ${want.map(link)}`);
      assert.deepEqual([...seen.links].sort(), want.map(link).sort());
      assert.equal(seen.status, want.length === 1 ? '1 stage gevonden' : `${want.length} stages gevonden`);
      // The vacancy with the word in its title first.
      assert.equal(seen.links[0], '/vacatures/communicatie-en-online-media/');
      // Disjunctive level counts: as if no level were chosen.
      for (const level of ['vmbo', 'mbo', 'hbo', 'wo']) {
        const n = matching.filter((v) => v.levels.includes(level)).length;
        assert.equal(seen.counts.niveau[level].count, n, `count of ${level}`);
        assert.equal(seen.counts.niveau[level].disabled, n === 0 && level !== 'hbo', `${level} disabled`);
      }
      // Kind counts within the hbo results; kinds without any are shown, disabled.
      const kinds = ['stage', 'snuffelstage', 'meewerkstage', 'afstudeerstage', 'onderzoeksstage', 'bbl', 'traineeship', 'werkervaringsplaats'];
      for (const kind of kinds) {
        const n = want.filter((v) => v.kind === kind).length;
        assert.equal(seen.counts.soort[kind].count, n, `count of ${kind}`);
        assert.equal(seen.counts.soort[kind].disabled, n === 0, `${kind} disabled`);
      }
      // The cards say what the files say.
      const first = await page.locator('#search-results .vacancy-card').first().textContent();
      assert.match(first, /Stagiair communicatie en online media/);
      assert.match(first, /Gemeente Ellekoorn/);
      assert.match(first, /Meewerkstage/);
      assert.match(first, /24–32 uur per week/);
      assert.match(first, /€\s450 per maand/);
      assert.match(first, /15 januari 2027 \(nog 53 dagen\)/);
    } finally {
      await page.close();
    }
  });

  test('the state round-trips through the URL, a reload and the back button', async () => {
    const page = await session.open('/zoeken/?q=communicatie&niveau=hbo');
    try {
      await rendered(page, '?q=communicatie&niveau=hbo');
      const first = await page.evaluate(shown);
      assert.equal(first.q, 'communicatie');
      assert.equal(first.counts.niveau.hbo.checked, true);
      await page.check('#search input[name="soort"][value="meewerkstage"]');
      await rendered(page, '?q=communicatie&niveau=hbo&soort=meewerkstage');
      const narrowed = await page.evaluate(shown);
      assert.ok(narrowed.links.length < first.links.length && narrowed.links.length > 0);
      await page.selectOption('#search-sort', 'nieuw');
      await rendered(page, '?q=communicatie&niveau=hbo&soort=meewerkstage&volgorde=nieuw');
      await page.reload();
      await rendered(page, '?q=communicatie&niveau=hbo&soort=meewerkstage&volgorde=nieuw');
      assert.equal(await page.inputValue('#search-sort'), 'nieuw');
      assert.deepEqual((await page.evaluate(shown)).links.sort(), [...narrowed.links].sort());
      await page.goBack();
      await rendered(page, '?q=communicatie&niveau=hbo&soort=meewerkstage');
      await page.goBack();
      await rendered(page, '?q=communicatie&niveau=hbo');
      const back = await page.evaluate(shown);
      assert.deepEqual(back.links, first.links);
      assert.equal(back.counts.soort.meewerkstage.checked, false);
      await page.goForward();
      await rendered(page, '?q=communicatie&niveau=hbo&soort=meewerkstage');
      assert.equal((await page.evaluate(shown)).counts.soort.meewerkstage.checked, true);
    } finally {
      await page.close();
    }
  });

  test('closed and draft vacancies never appear', async () => {
    const page = await session.open('/zoeken/');
    try {
      await rendered(page, '');
      await showAll(page);
      const seen = await page.evaluate(shown);
      assert.deepEqual([...seen.links].sort(), openOn(TODAY).map(link).sort());
      const hidden = VACANCIES.filter((v) => v.draft || (v.closes !== null && v.closes < TODAY));
      assert.ok(hidden.some((v) => v.draft) && hidden.some((v) => !v.draft), 'the example has a draft and a closed vacancy');
      for (const v of hidden) assert.ok(!seen.links.includes(link(v)), `${v.slug} is shown`);
      // Not even by its own words.
      for (const v of hidden) {
        await page.fill('#search-q', v.title);
        await rendered(page, `?${new URLSearchParams({ q: v.title })}`);
        assert.ok(!(await page.evaluate(shown)).links.includes(link(v)), `${v.slug} found by its title`);
      }
    } finally {
      await page.close();
    }
  });

  test('a vacancy whose deadline passes after the build disappears (faked clock)', async () => {
    const later = '2026-12-01';
    const page = await session.newPage();
    try {
      await page.clock.setFixedTime(new Date(`${later}T10:00:00+01:00`));
      await session.open('/zoeken/', { page });
      await rendered(page, '');
      await showAll(page);
      const seen = await page.evaluate(shown);
      const gone = openOn(TODAY).filter((v) => v.closes !== null && v.closes < later);
      assert.ok(gone.length > 0, `no vacancy of the example closes between ${TODAY} and ${later}`);
      assert.deepEqual([...seen.links].sort(), openOn(later).map(link).sort());
      for (const v of gone) assert.ok(!seen.links.includes(link(v)), `${v.slug} is still shown on ${later}`);
      assert.equal(seen.status, `${openOn(later).length} stages gevonden`);
      // "Within a week" counts from the faked day.
      const week = openOn(later).filter((v) => v.closes !== null && (Date.parse(v.closes) - Date.parse(later)) / 864e5 <= 6).length;
      assert.equal(seen.counts.sluit.week.count, week);
    } finally {
      await page.close();
    }
  });

  test('type-ahead after two letters, chosen by keyboard', async () => {
    const page = await session.open('/zoeken/');
    try {
      await rendered(page, '');
      await page.focus('#search-q');
      await page.keyboard.type('c');
      await page.waitForTimeout(300);
      assert.equal(await page.locator('#search-suggestions').isVisible(), false, 'suggestions after one letter');
      await page.keyboard.type('ommunicati');
      await page.waitForSelector('#search-suggestions [role="option"]');
      assert.equal(await page.getAttribute('#search-q', 'aria-expanded'), 'true');
      const options = await page.locator('#search-suggestions [role="option"]').allTextContents();
      assert.ok(options.some((o) => /^communicatie\b.*Vakgebied/.test(o)), `no field suggestion: ${options}`);
      assert.ok(options.some((o) => /^communicatieadviseurs\b/.test(o)), `no word suggestion: ${options}`);
      // The field term: Down selects it, Enter chooses it as a filter.
      await page.keyboard.press('ArrowDown');
      const active = await page.getAttribute('#search-q', 'aria-activedescendant');
      assert.equal(await page.getAttribute(`#${active}`, 'aria-selected'), 'true');
      await page.keyboard.press('Enter');
      await rendered(page, '?vakgebied=communicatie');
      assert.equal(await page.inputValue('#search-q'), '');
      assert.equal(await page.isChecked('#search input[name="vakgebied"][value="communicatie"]'), true);
      assert.equal(await page.getAttribute('#search-q', 'aria-expanded'), 'false');
      // Escape closes the list.
      await page.keyboard.type('wa');
      await page.waitForSelector('#search-suggestions [role="option"]');
      await page.keyboard.press('Escape');
      assert.equal(await page.locator('#search-suggestions').isVisible(), false);
    } finally {
      await page.close();
    }
  });

  test('the facets are usable by keyboard alone', async () => {
    const page = await session.open('/zoeken/');
    try {
      await rendered(page, '');
      await page.focus('#search-q');
      let found = false;
      for (let i = 0; i < 10 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => document.activeElement?.name === 'niveau');
      }
      assert.ok(found, 'Tab does not reach the level checkboxes');
      await page.keyboard.press('Space');
      const value = await page.evaluate(() => document.activeElement.value);
      await rendered(page, `?niveau=${value}`);
      // Focus stays on the checkbox that was toggled.
      assert.equal(await page.evaluate(() => document.activeElement.value), value);
    } finally {
      await page.close();
    }
  });

  test('no CSP violation, no console error, no request to another host', async () => {
    const page = await session.open('/zoeken/?q=water&plaats=ellekoorn');
    try {
      await rendered(page, '?q=water&plaats=ellekoorn');
      assert.deepEqual(await page.evaluate(() => window.__csp), []);
    } finally {
      await page.close();
    }
    const problems = session.consoleProblems.filter((p) => p.url.includes('/zoeken/'));
    assert.deepEqual(problems, []);
    assert.ok(session.requests.some((u) => u.includes('/zoeken/') && u.endsWith('/meta.bin')));
    assert.deepEqual(session.offHost, [], `requests to other hosts:\n${session.offHost.join('\n')}`);
  });

  test('other pages do not load the script; listing pages link to the search with their slice', async () => {
    const page = await session.open('/niveau/hbo/');
    try {
      const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.src).filter(Boolean));
      assert.deepEqual(scripts, []);
      const refine = await page.locator('.refine a[href^="/zoeken/?niveau=hbo&vakgebied="]').first();
      const href = await refine.getAttribute('href');
      const count = Number(await refine.locator('.refine__count').textContent());
      await refine.click();
      await rendered(page, href.slice('/zoeken/'.length));
      const seen = await page.evaluate(shown);
      assert.equal(seen.status, count === 1 ? '1 stage gevonden' : `${count} stages gevonden`);
      // The refine form searches within the slice.
      await session.open('/niveau/hbo/', { page });
      await page.fill('#refine-q', 'water');
      await page.click('.refine__submit');
      await rendered(page, '?q=water&niveau=hbo');
    } finally {
      await page.close();
    }
  });
});

describe('axe-core on the search page', () => {
  let axeSession;
  before(async () => {
    // axe is injected inline, which the policy forbids: this context bypasses it.
    axeSession = await startSession({ contextOptions: { bypassCSP: true } });
  });
  after(async () => {
    await axeSession?.close();
  });
  for (const colorScheme of ['light', 'dark']) {
    for (const url of ['/zoeken/', '/zoeken/?q=communicatie&niveau=hbo', '/niveau/hbo/']) {
      test(`${url} (${colorScheme}) has no WCAG 2.1 AA violation`, async () => {
        const page = await axeSession.newPage();
        try {
          await page.emulateMedia({ colorScheme });
          await axeSession.open(url, { page });
          if (url.startsWith('/zoeken/')) {
            await rendered(page, url.slice('/zoeken/'.length));
            // With the suggestions open, too.
            await page.focus('#search-q');
            await page.keyboard.type(' wa');
            await page.waitForSelector('#search-suggestions [role="option"]');
          }
          const results = await runAxe(page);
          assert.equal(results.violations.length, 0, formatAxe(url, results));
        } finally {
          await page.close();
        }
      });
    }
  }
  test('no request left 127.0.0.1', () => {
    assert.deepEqual(axeSession.offHost, []);
  });
});
