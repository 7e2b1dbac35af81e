// axe-core's WCAG 2.1 A and AA rules on one page of every kind, in the light and the dark
// colour scheme: any violation fails, printed rule by rule with the offending elements.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGES, contrastToReview, formatAxe, htmlPaths, runAxe, startSession } from './harness.js';

// axe-core is injected as an inline script (page.addScriptTag), which the portal's
// `default-src 'self'` policy forbids: this context bypasses the policy for that. The policy
// itself is tested, without any bypass, in markup.test.js.
const session = await startSession({ contextOptions: { bypassCSP: true } });
after(async () => {
  await session.close();
});

const AXE_PAGES = [
  ['home', PAGES.home],
  ['vacancy', PAGES.vacancy],
  ['vacancy (apply by e-mail)', PAGES.vacancyEmail],
  ['closed vacancy', PAGES.closedVacancy],
  ['organisation', PAGES.organisation],
  ['organisations', PAGES.organisations],
  ['listing (term, page 1)', PAGES.listing],
  ['listing (term, page 2)', PAGES.listingPage2],
  ['listing index', PAGES.taxonomy],
  ['all vacancies', PAGES.vacancies],
  ['brochure', PAGES.brochure],
  ['free page', PAGES.page],
  ['404 page', PAGES.notFound],
];

// One page of every other kind the build makes (a kind: the first path segment, the rest
// wildcards), so that a new kind of page is checked the day it appears.
const kindOf = (url) =>
  url
    .split('/')
    .map((part, i) => (i <= 1 || part === '' || part === 'pagina' ? part : '*'))
    .join('/');
const covered = new Set(AXE_PAGES.map(([, url]) => kindOf(url)));
for (const url of htmlPaths(session.site)) {
  if (!covered.has(kindOf(url))) {
    covered.add(kindOf(url));
    AXE_PAGES.push([`other kind ${kindOf(url)}`, url]);
  }
}

for (const colorScheme of ['light', 'dark']) {
  describe(`axe WCAG 2.1 AA, ${colorScheme} colour scheme`, () => {
    for (const [name, url] of AXE_PAGES) {
      test(`${name} ${url}`, async (t) => {
        const page = await session.newPage();
        try {
          await page.emulateMedia({ colorScheme });
          await session.open(url, { page });
          const results = await runAxe(page);
          const review = contrastToReview(results);
          for (const line of formatAxe(`${url} (${colorScheme}, needs review)`, review).split('\n')) {
            if (line) t.diagnostic(line);
          }
          assert.equal(
            results.violations.length,
            0,
            `axe found ${results.violations.length} violation(s) on ${url} (${colorScheme}):\n${formatAxe(
              url,
              results,
            )}`,
          );
        } finally {
          await page.close();
        }
      });
    }
  });
}

test('the dark colour scheme really changes the colours', async () => {
  const page = await session.newPage();
  try {
    const background = async () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    await session.open(PAGES.vacancy, { page });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    assert.notEqual(light, dark, 'body background is the same in both colour schemes');
  } finally {
    await page.close();
  }
});

test('reduced motion turns smooth scrolling off', async () => {
  const page = await session.newPage();
  try {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await session.open(PAGES.vacancy, { page });
    const behaviour = await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior);
    assert.equal(behaviour, 'auto');
  } finally {
    await page.close();
  }
});

test('no request left 127.0.0.1', () => {
  assert.ok(session.requests.length > 0, 'no requests were recorded at all');
  assert.deepEqual(session.offHost, [], `requests to other hosts:\n${session.offHost.join('\n')}`);
});
