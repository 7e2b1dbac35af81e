// Fast and private: a vacancy page loads under 30 KB of CSS and JS (before compression) and
// asks nothing of other hosts. (Image width/height is checked on every page in markup.test.js.)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGES, startSession } from './harness.js';

const BUDGET = 30 * 1000;

let session;
before(async () => {
  session = await startSession();
});
after(async () => {
  await session?.close();
});

for (const url of [PAGES.vacancy, PAGES.vacancyEmail, PAGES.closedVacancy]) {
  test(`CSS + JS of ${url} is under ${BUDGET / 1000} KB`, async (t) => {
    const page = await session.newPage();
    const loads = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type === 'stylesheet' || type === 'script') {
        loads.push(response.body().then((body) => ({ url: response.url(), type, bytes: body.length })));
      }
    });
    try {
      await session.open(url, { page });
      await page.waitForLoadState('networkidle');
      const files = await Promise.all(loads);
      const total = files.reduce((sum, f) => sum + f.bytes, 0);
      for (const f of files) t.diagnostic(`${f.type} ${new URL(f.url).pathname}: ${f.bytes} bytes`);
      t.diagnostic(`total: ${total} bytes`);
      assert.ok(files.some((f) => f.type === 'stylesheet'), 'no stylesheet was loaded at all');
      assert.ok(total < BUDGET, `${total} bytes of CSS + JS:\n${files.map((f) => `${f.url}: ${f.bytes}`).join('\n')}`);
    } finally {
      await page.close();
    }
  });
}

test('no request left 127.0.0.1', () => {
  assert.ok(session.requests.length > 0, 'no requests were recorded at all');
  assert.deepEqual(session.offHost, [], `requests to other hosts:\n${session.offHost.join('\n')}`);
});
