// A brochure printed (Chromium's printToPDF, print media, A4) is a clean hand-out: the
// organisation's name, the title and the date on page 1, no site navigation. The PDF's text is
// read with poppler's pdftotext, not with our own code.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ARTEFACTS, BROCHURE_ORGANISATION_SOURCE, PAGES, ROOT, frontMatterString, startSession } from './harness.js';

const BROCHURE_SOURCE = 'content/brochures/huisregels-ellekoorn.md';
const MONTHS_NL = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

let session;
let pdf;
before(async () => {
  session = await startSession();
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  const page = await session.open(PAGES.brochure);
  try {
    pdf = path.join(ARTEFACTS, 'brochure.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    // Page 1 as a picture, for people to look at (not checked).
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(ARTEFACTS, 'brochure-page1')]);
  } finally {
    await page.close();
  }
});
after(async () => {
  await session?.close();
});

const page1 = () => execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

test('page 1 of the printed brochure names the organisation, the title and the date', (t) => {
  const text = page1();
  t.diagnostic(`page 1 begins: ${text.slice(0, 160)}`);
  const name = frontMatterString(BROCHURE_ORGANISATION_SOURCE, 'name');
  assert.ok(text.includes(name), `"${name}" is not on page 1:\n${text}`);
  const title = frontMatterString(BROCHURE_SOURCE, 'title');
  assert.ok(text.includes(title), `"${title}" is not on page 1`);
  const updated = fs.readFileSync(path.join(ROOT, BROCHURE_SOURCE), 'utf8').match(/^updated\s*=\s*(\d{4})-(\d\d)-(\d\d)/m);
  assert.ok(updated, `${BROCHURE_SOURCE} has no updated date`);
  const date = `${Number(updated[3])} ${MONTHS_NL[Number(updated[2]) - 1]} ${updated[1]}`;
  assert.ok(text.includes(date), `the date "${date}" is not on page 1`);
});

test('the printed brochure is A4 and leaves out the site navigation', () => {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  assert.match(info, /^Page size:.*\(A4\)$/m, `not A4:\n${info}`);
  const text = page1();
  const skip = 'Direct naar de inhoud'; // the skip link (themes/default/i18n/nl.toml)
  assert.ok(!text.includes(skip), 'the skip link is printed');
  assert.ok(!/Hoofdmenu|Kruimelpad/.test(text), 'navigation is printed');
});

test('no request left 127.0.0.1', () => {
  assert.deepEqual(session.offHost, [], `requests to other hosts:\n${session.offHost.join('\n')}`);
});
