// The default theme's UI strings: nl and en have the same keys, none empty, and the
// placeholders ({n}, {name} ...) of each string are the same in both languages.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.js';

/** `section.key` -> raw value, for the flat TOML of an i18n file (tables and one-line values). */
function strings(language) {
  const file = path.join(ROOT, 'themes', 'default', 'i18n', `${language}.toml`);
  const out = new Map();
  let section = '';
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const table = line.match(/^\s*\[([^\]]+)\]\s*$/);
    if (table) {
      section = `${table[1]}.`;
      continue;
    }
    const pair = line.match(/^\s*("[^"]+"|[A-Za-z0-9_-]+)\s*=\s*(.*)$/);
    if (pair) out.set(`${section}${pair[1].replace(/"/g, '')}`, pair[2].trim());
  }
  return out;
}

const placeholders = (value) => [...value.matchAll(/\{[a-z_]+\}/g)].map((m) => m[0]).sort();

test('nl and en UI strings are complete and match', () => {
  const nl = strings('nl');
  const en = strings('en');
  assert.ok(nl.size > 100, `only ${nl.size} strings in nl.toml`);
  assert.deepEqual([...en.keys()].filter((k) => !nl.has(k)), [], 'keys only in en.toml');
  assert.deepEqual([...nl.keys()].filter((k) => !en.has(k)), [], 'keys only in nl.toml');
  const problems = [];
  for (const [key, value] of nl) {
    for (const [language, v] of [['nl', value], ['en', en.get(key)]]) {
      if (v === '""' || v === '[]') problems.push(`${language}: ${key} is empty`);
    }
    if (placeholders(value).join() !== placeholders(en.get(key)).join()) {
      problems.push(`${key}: placeholders ${placeholders(value)} (nl) vs ${placeholders(en.get(key))} (en)`);
    }
  }
  assert.deepEqual(problems, []);
});
