// stagebord search: the script of the search page (/zoeken/), and of no other page.
//
// It reads the index the build wrote into /zoeken/<version>/ (docs/search-index.md in the
// stagebord repository describes every file), loading only what a query needs: the manifest,
// the facet columns of the facets on screen, the lexicon and postings shards of the typed
// words, and the result cards of the rows it shows. No framework, no eval, no inline code:
// it runs under Content-Security-Policy: default-src 'self'. Files are gzip members, unpacked
// with the browser's DecompressionStream. The whole state lives in the URL
// (?q=communicatie&niveau=hbo&plaats=utrecht), so a search can be bookmarked and shared and
// the back button works. Its algorithm is the one of src/outputs/search/reader.rs.
'use strict';

(() => {
  const form = document.getElementById('search');
  const configElement = document.getElementById('search-config');
  if (!form || !configElement) return;
  let config;
  try {
    config = JSON.parse(configElement.textContent);
  } catch {
    return;
  }
  const S = config.strings;
  const U = config.ui;
  const byId = (id) => document.getElementById(id);
  const input = byId('search-q');
  const listbox = byId('search-suggestions');
  const status = byId('search-status');
  const list = byId('search-results');
  const more = byId('search-more');
  const sortSelect = byId('search-sort');
  const clear = byId('search-clear');
  const fallback = byId('search-fallback');
  const PAGE = 10; // results per step of "show more"
  const LIMIT = 8; // facet options shown before "show all"
  const SUGGEST_WORDS = 6;
  const SUGGEST_TERMS = 4;
  const NONE = 2147483647; // "no deadline" in the deadline column
  const SORTS = ['relevantie', 'deadline', 'nieuw'];
  const TERM_FACETS = ['vakgebied', 'plaats', 'organisatie', 'regio', 'soort', 'niveau'];
  const base = new URL('.', new URL(config.manifest, location.href)).href;
  const utf8 = new TextDecoder();

  // ---------------------------------------------------------------------------------------
  // Text: the same folding and word splitting as the build (src/outputs/search/text.rs).

  const SPECIAL = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ς: 'σ' };
  const fold = (text) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[ßæøœłđðþıς]/g, (c) => SPECIAL[c]);
  const wordsOf = (text) => fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  const chars = (s) => [...s].length;
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));

  // ---------------------------------------------------------------------------------------
  // Files: fetched once, unpacked, kept.

  const files = new Map();
  let downloaded = 0;
  function fetchFile(name) {
    let promise = files.get(name);
    if (!promise) {
      promise = (async () => {
        const response = await fetch(base + name);
        if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
        let bytes = new Uint8Array(await response.arrayBuffer());
        downloaded += bytes.length;
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
          const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
          bytes = new Uint8Array(await new Response(stream).arrayBuffer());
        }
        return bytes;
      })();
      promise.catch(() => files.delete(name));
      files.set(name, promise);
    }
    return promise;
  }
  const fetchJson = async (name) => JSON.parse(utf8.decode(await fetchFile(name)));

  const BITS = new Uint8Array(256);
  for (let i = 1; i < 256; i++) BITS[i] = BITS[i >> 1] + (i & 1);

  class Cursor {
    constructor(bytes) {
      this.bytes = bytes;
      this.at = 0;
    }
    byte() {
      if (this.at >= this.bytes.length) throw new Error('index file ends early');
      return this.bytes[this.at++];
    }
    take(n) {
      if (this.at + n > this.bytes.length) throw new Error('index file ends early');
      const out = this.bytes.subarray(this.at, this.at + n);
      this.at += n;
      return out;
    }
    varint() {
      let value = 0;
      let scale = 1;
      for (;;) {
        const b = this.byte();
        value += (b & 0x7f) * scale;
        if (!(b & 0x80)) return value;
        scale *= 128;
      }
    }
    // A set of numbers below `universe` (src/outputs/search/encode.rs: `set`).
    set(universe) {
      const form = this.byte();
      if (form === 3) return new Int32Array(0);
      if (form === 2) {
        const all = new Int32Array(universe);
        for (let i = 0; i < universe; i++) all[i] = i;
        return all;
      }
      if (form === 1) {
        const bytes = this.take(Math.ceil(universe / 8));
        let count = 0;
        for (let i = 0; i < bytes.length; i++) count += BITS[bytes[i]];
        const out = new Int32Array(count);
        let k = 0;
        for (let i = 0; i < bytes.length; i++) {
          let b = bytes[i];
          while (b) {
            const low = b & -b;
            out[k++] = i * 8 + 31 - Math.clz32(low);
            b ^= low;
          }
        }
        return out;
      }
      if (form === 0) {
        const n = this.varint();
        const out = new Int32Array(n);
        let previous = -1;
        for (let i = 0; i < n; i++) {
          previous += this.varint() + 1;
          out[i] = previous;
        }
        return out;
      }
      throw new Error('unknown set form');
    }
  }

  // A file with a JSON header: 4 bytes of length (little-endian), the JSON, the data.
  function splitHeader(bytes) {
    const length = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
    return [JSON.parse(utf8.decode(bytes.subarray(4, 4 + length))), bytes.subarray(4 + length)];
  }

  // A column of `rows` numbers stored as `width` byte planes.
  function unplanar(data, rows, width) {
    if (data.length !== rows * width) throw new Error('column length');
    if (width === 1) return data;
    const out = width === 2 ? new Uint16Array(rows) : new Uint32Array(rows);
    for (let plane = 0; plane < width; plane++) {
      const shift = 8 * plane;
      for (let r = 0; r < rows; r++) out[r] += data[plane * rows + r] * 2 ** shift;
    }
    return out;
  }

  // The position of the last element <= key (0 when none is): which shard holds a key.
  function shardOf(sorted, key) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= key) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  }

  // ---------------------------------------------------------------------------------------
  // Days, in the portal's time zone: "today" is the visitor's today there.

  const dayOf = (iso) => Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5);
  function todayNumber() {
    const now = new Date();
    try {
      const parts = new Intl.DateTimeFormat('en-CA', {
        timeZone: config.timezone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).formatToParts(now);
      const get = (type) => parts.find((p) => p.type === type).value;
      return dayOf(`${get('year')}-${get('month')}-${get('day')}`);
    } catch {
      return Math.round(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / 864e5);
    }
  }

  // ---------------------------------------------------------------------------------------
  // The index.

  let meta; // the manifest
  let rows = 0;
  let today = 0;
  let firstVisible = 0; // rows before this one closed after the build
  let deadline; // Int32Array: day number per row, NONE without a deadline
  let facets = []; // see loadFacet
  let published = null;
  const wordShards = new Map();
  const postingShards = new Map();
  const decoded = new Map();

  async function loadIndex() {
    meta = await fetchJson('meta.bin');
    rows = meta.rows;
    today = todayNumber();
    deadline = new Int32Array(rows);
    let r = 0;
    for (const [day, count] of meta.deadlines) {
      deadline.fill(day === null ? NONE : day, r, r + count);
      r += count;
    }
    firstVisible = 0;
    while (firstVisible < rows && deadline[firstVisible] < today) firstVisible++;
    facets = meta.facets.map((f) => ({
      key: f.key,
      legend: f.legend,
      file: f.file,
      lazy: f.lazy,
      virtual: f.virtual || null,
      values: f.values || null,
      combos: null,
      column: null,
      ready: false,
      loading: null,
      counts: null,
      expanded: false,
      box: form.querySelector(`[data-facet="${f.key}"]`),
      inputs: [],
      items: [],
      toggle: null,
    }));
    for (const f of facets) {
      if (f.virtual === 'deadline') {
        // Groups for the day of the visit: within a week, a month, later, none.
        const column = new Uint8Array(rows);
        for (let i = 0; i < rows; i++) {
          const d = deadline[i];
          const left = d - today;
          column[i] = d === NONE ? 3 : left < 0 ? 4 : left <= 6 ? 0 : left <= 30 ? 1 : 2;
        }
        f.column = column;
        f.combos = [[0], [1], [2], [3], []];
        f.ready = true;
        renderFacet(f);
      }
    }
  }

  function loadFacet(f) {
    if (f.ready) return Promise.resolve();
    if (!f.loading) {
      f.loading = fetchFile(f.file).then((bytes) => {
        const [header, data] = splitHeader(bytes);
        f.values = header.values;
        f.combos = header.single ? header.values.map((v, i) => [i]).concat([[]]) : header.combos;
        f.column = unplanar(data, rows, header.width);
        f.ready = true;
        renderFacet(f);
      });
      f.loading.catch(() => {
        f.loading = null;
      });
    }
    return f.loading;
  }

  // Facets whose counts are on screen: the open ones, and any with a choice.
  const wanted = (f) => !f.lazy || (f.box && f.box.open) || (state.filters.get(f.key) || new Set()).size > 0;

  async function wordShard(i) {
    if (!wordShards.has(i)) wordShards.set(i, fetchJson(`w/${i}.bin`));
    return wordShards.get(i);
  }

  // The stem number of a whole word: its own, else that of the entry whose word or stem is
  // the longest beginning of it leaving at most four letters ("begrotingen" -> "begroting").
  async function stemOf(word) {
    const firsts = meta.words.first;
    if (!firsts.length) return null;
    const shard = await wordShard(shardOf(firsts, word));
    const hit = shard.find((e) => e[0] === word);
    if (hit) return hit[1];
    const length = chars(word);
    let best = null;
    for (const e of shard) {
      // How much of the word this entry explains: its word or its stem, when the word
      // starts with it, it has three letters or more and at most four letters are left.
      let n = 0;
      for (const p of [e[0], e[3] || e[0]]) {
        const k = chars(p);
        if (word.startsWith(p) && k >= 3 && length - k <= 4 && k > n) n = k;
      }
      if (n && (!best || n > best.n || (n === best.n && e[1] < best.id))) best = { n, id: e[1] };
    }
    return best ? best.id : null;
  }

  // Words that start with `prefix`, most frequent first: from the lexicon when they are in
  // at most two of its shards, else from the prefix's suggestion list.
  async function completions(prefix) {
    const firsts = meta.words.first;
    if (!firsts.length) return [];
    const lo = shardOf(firsts, prefix);
    const hi = shardOf(firsts, `${prefix}\uffff`);
    let found = [];
    if (hi - lo < 2) {
      for (let i = lo; i <= hi; i++) found = found.concat(await wordShard(i));
    } else {
      const i = meta.suggest.indexOf(prefix);
      if (i >= 0) found = await fetchJson(`s/${i}.bin`);
    }
    return found
      .filter((e) => e[0].startsWith(prefix))
      .sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, meta.expand);
  }

  const stopWords = () => (meta.stopSet ||= new Set(meta.stop));
  function queryWords(text) {
    const out = [];
    for (const w of wordsOf(text)) {
      if (chars(w) >= meta.min_word && !stopWords().has(w) && !out.includes(w)) out.push(w);
    }
    return out;
  }

  // Loads what the words need; returns per word the stems (number -> factor).
  async function prepareText(text) {
    const words = queryWords(text);
    if (!words.length) return null;
    const plan = [];
    for (let i = 0; i < words.length; i++) {
      const stems = new Map();
      const exact = await stemOf(words[i]);
      if (exact !== null) stems.set(exact, 1);
      if (i === words.length - 1) {
        for (const e of await completions(words[i])) if (!stems.has(e[1])) stems.set(e[1], meta.weights.prefix);
      }
      plan.push(stems);
    }
    const shards = new Set();
    for (const stems of plan) for (const stem of stems.keys()) shards.add(shardOf(meta.postings.first, stem));
    await Promise.all([...shards].map(loadPostingShard));
    // Unpacking belongs to loading: the postings are decoded as they arrive.
    for (const stems of plan) for (const stem of stems.keys()) postings(stem);
    return plan;
  }

  async function loadPostingShard(shard) {
    if (postingShards.has(shard)) return;
    const bytes = await fetchFile(`p/${shard}.bin`);
    if (postingShards.has(shard)) return;
    const c = new Cursor(bytes);
    const count = c.varint();
    const offsets = new Int32Array(count);
    const lengths = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      lengths[i] = c.varint();
      offsets[i] = c.at;
      c.take(lengths[i]);
    }
    postingShards.set(shard, { bytes, offsets, lengths });
  }

  // One stem's rows, and which of them (by position) have it in the title and in the facts.
  function postings(stem) {
    let p = decoded.get(stem);
    if (p) return p;
    const shard = shardOf(meta.postings.first, stem);
    const s = postingShards.get(shard);
    const k = stem - meta.postings.first[shard];
    const c = new Cursor(s.bytes.subarray(s.offsets[k], s.offsets[k] + s.lengths[k]));
    const found = c.set(rows);
    const title = c.set(found.length);
    p = { rows: found, title, meta: c.set(found.length) };
    decoded.set(stem, p);
    return p;
  }

  // One word's rows (sorted) with their scores: per row its best stem, a stem scoring
  // idf x (1 + title weight + facts weight) x factor (1, or less for a longer word).
  let best = null; // scratch, one score per row, zero between uses
  function wordScores(stems) {
    const wt = meta.weights.title;
    const wm = meta.weights.meta;
    const lists = [];
    for (const [stem, factor] of stems) {
      const p = postings(stem);
      const found = p.rows;
      const idf = Math.log(1 + rows / Math.max(1, found.length));
      const score = new Float64Array(found.length);
      const title = p.title;
      const facts = p.meta;
      let t = 0;
      let m = 0;
      for (let i = 0; i < found.length; i++) {
        let w = 1;
        if (t < title.length && title[t] === i) {
          w += wt;
          t++;
        }
        if (m < facts.length && facts[m] === i) {
          w += wm;
          m++;
        }
        score[i] = idf * w * factor;
      }
      lists.push({ rows: found, score });
    }
    if (lists.length === 1) return lists[0];
    if (!lists.length) return { rows: new Int32Array(0), score: new Float64Array(0) };
    best ||= new Float64Array(rows);
    let n = 0;
    for (const list of lists) {
      for (let i = 0; i < list.rows.length; i++) {
        const r = list.rows[i];
        if (best[r] === 0) n++;
        if (list.score[i] > best[r]) best[r] = list.score[i];
      }
    }
    const out = { rows: new Int32Array(n), score: new Float64Array(n) };
    for (let r = 0, k = 0; k < n; r++) {
      if (best[r] > 0) {
        out.rows[k] = r;
        out.score[k++] = best[r];
        best[r] = 0;
      }
    }
    return out;
  }

  // Row scores: every word must match, its scores add up. Returns the rows (sorted) and
  // a score per row (valid for those rows).
  let scoreByRow = null;
  function scoreText(plan) {
    let all = wordScores(plan[0]);
    for (let k = 1; k < plan.length; k++) {
      const next = wordScores(plan[k]);
      const n = Math.min(all.rows.length, next.rows.length);
      const rowsOut = new Int32Array(n);
      const scoreOut = new Float64Array(n);
      let a = 0;
      let b = 0;
      let o = 0;
      while (a < all.rows.length && b < next.rows.length) {
        const ra = all.rows[a];
        const rb = next.rows[b];
        if (ra < rb) a++;
        else if (rb < ra) b++;
        else {
          rowsOut[o] = ra;
          scoreOut[o++] = all.score[a++] + next.score[b++];
        }
      }
      all = { rows: rowsOut.subarray(0, o), score: scoreOut.subarray(0, o) };
    }
    scoreByRow ||= new Float64Array(rows);
    for (let i = 0; i < all.rows.length; i++) scoreByRow[all.rows[i]] = all.score[i];
    return { scores: scoreByRow, rows: all.rows };
  }

  // Runs the hot loops of a text query once on made-up postings as large as the index,
  // while the page is idle, so the browser has compiled them before the first real query.
  function warmUp() {
    const size = Math.ceil(rows / 8);
    const bytes = new Uint8Array(1 + size + 1 + 1 + 3 * 3);
    bytes[0] = 1; // a bitmap: every other row
    bytes.fill(0x55, 1, 1 + size);
    bytes.set([0, 3, 0, 1, 1, 0, 3, 0, 1, 1], 1 + size); // two short lists
    const c = new Cursor(bytes);
    const found = c.set(rows);
    const fake = { rows: found, title: c.set(found.length), meta: c.set(found.length) };
    decoded.set(-1, fake);
    decoded.set(-2, fake);
    for (let i = 0; i < 3; i++) {
      const text = scoreText([new Map([[-1, 1], [-2, 0.5]]), new Map([[-1, 1]])]);
      compute(text, 'relevantie', PAGE);
    }
    decoded.delete(-1);
    decoded.delete(-2);
  }

  async function loadPublished() {
    if (published) return;
    const [header, data] = splitHeader(await fetchFile(meta.newest));
    published = unplanar(data, rows, header.width);
  }

  // ---------------------------------------------------------------------------------------
  // One query: results in order and disjunctive counts (each facet counted as if its own
  // choice were not made), over the rows still open on the day of the visit.

  function compute(text, sort, wantedRows) {
    const ready = facets.filter((f) => f.ready);
    const columns = ready.map((f) => f.column);
    const comboCounts = ready.map((f) => new Int32Array(f.combos.length));
    const active = []; // positions in `ready` of the facets with a choice
    const matches = []; // per active facet: combination -> has a chosen value
    ready.forEach((f, i) => {
      const chosen = state.filters.get(f.key);
      if (!chosen || !chosen.size) return;
      const ids = new Set();
      f.values.forEach(([slug], v) => {
        if (chosen.has(slug)) ids.add(v);
      });
      active.push(i);
      matches.push(Uint8Array.from(f.combos, (combo) => (combo.some((v) => ids.has(v)) ? 1 : 0)));
    });
    const found = [];
    const consider = (r) => {
      let failing = -1;
      let fails = 0;
      for (let a = 0; a < active.length; a++) {
        if (!matches[a][columns[active[a]][r]]) {
          fails++;
          if (fails > 1) return;
          failing = active[a];
        }
      }
      if (fails === 0) {
        found.push(r);
        for (let i = 0; i < columns.length; i++) comboCounts[i][columns[i][r]]++;
      } else {
        comboCounts[failing][columns[failing][r]]++;
      }
    };
    if (text) {
      const matched = text.rows;
      for (let i = 0; i < matched.length; i++) if (matched[i] >= firstVisible) consider(matched[i]);
    } else {
      for (let r = firstVisible; r < rows; r++) consider(r);
    }
    const counts = new Map();
    ready.forEach((f, i) => {
      const values = new Int32Array(f.values.length);
      f.combos.forEach((combo, c) => {
        const n = comboCounts[i][c];
        if (n) for (const v of combo) values[v] += n;
      });
      counts.set(f, values);
    });
    return { rows: order(found, text, sort, wantedRows), total: found.length, counts };
  }

  // The first `k` rows of `found` in the chosen order (rows are in deadline order already).
  function order(found, text, sort, k) {
    if (sort === 'relevantie' && text) {
      const score = text.scores;
      const better = (a, b) => score[a] > score[b] || (score[a] === score[b] && a < b);
      // A heap of the best k: its root is the worst of them.
      const heap = [];
      const down = (i) => {
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let worst = i;
          if (l < heap.length && better(heap[worst], heap[l])) worst = l;
          if (r < heap.length && better(heap[worst], heap[r])) worst = r;
          if (worst === i) return;
          [heap[i], heap[worst]] = [heap[worst], heap[i]];
          i = worst;
        }
      };
      for (const row of found) {
        if (heap.length < k) {
          heap.push(row);
          let i = heap.length - 1;
          while (i > 0) {
            const p = (i - 1) >> 1;
            if (!better(heap[p], heap[i])) break;
            [heap[i], heap[p]] = [heap[p], heap[i]];
            i = p;
          }
        } else if (better(row, heap[0])) {
          heap[0] = row;
          down(0);
        }
      }
      return heap.sort((a, b) => (better(a, b) ? -1 : 1));
    }
    if (sort === 'nieuw' && published) {
      let max = 0;
      for (const r of found) if (published[r] > max) max = published[r];
      const buckets = new Int32Array(max + 2);
      for (const r of found) buckets[max - published[r] + 1]++;
      for (let i = 1; i < buckets.length; i++) buckets[i] += buckets[i - 1];
      const out = new Int32Array(found.length);
      for (const r of found) out[buckets[max - published[r]]++] = r;
      return Array.from(out.subarray(0, k));
    }
    return found.slice(0, k);
  }

  // ---------------------------------------------------------------------------------------
  // State, in the URL.

  const state = { q: '', filters: new Map(), sort: '', shown: PAGE };

  function readURL() {
    const params = new URLSearchParams(location.search);
    state.q = params.get('q') || '';
    state.filters = new Map();
    for (const f of meta.facets) {
      const values = params.getAll(f.key).filter(Boolean);
      if (values.length) state.filters.set(f.key, new Set(values));
    }
    const sort = params.get('volgorde');
    state.sort = SORTS.includes(sort) ? sort : '';
    state.shown = PAGE;
  }

  function stateURL() {
    const params = new URLSearchParams();
    const q = state.q.trim();
    if (q) params.set('q', q);
    for (const f of facets) {
      const chosen = state.filters.get(f.key);
      if (!chosen || !chosen.size) continue;
      const position = (slug) => (f.values ? f.values.findIndex((v) => v[0] === slug) : -1);
      for (const slug of [...chosen].sort((a, b) => position(a) - position(b) || (a < b ? -1 : 1))) params.append(f.key, slug);
    }
    if (state.sort) params.set('volgorde', state.sort);
    const search = params.toString();
    return search ? `?${search}` : '';
  }

  const effectiveSort = () => {
    const hasWords = meta && queryWords(state.q).length > 0;
    if (state.sort === 'relevantie' && !hasWords) return 'deadline';
    return state.sort || (hasWords ? 'relevantie' : 'deadline');
  };

  let typing = false; // the history entry of the current typing session exists
  function commit(how) {
    const url = `${location.pathname}${stateURL()}`;
    const current = `${location.pathname}${location.search}`;
    if (how === 'type') {
      if (!typing) history.pushState(null, '', url);
      else history.replaceState(null, '', url);
      typing = true;
    } else {
      typing = false;
      if (url !== current) history.pushState(null, '', url);
    }
    run();
  }

  function syncControls() {
    if (input.value !== state.q && document.activeElement !== input) input.value = state.q;
    for (const f of facets) {
      const chosen = state.filters.get(f.key) || new Set();
      f.inputs.forEach((box) => {
        box.checked = chosen.has(box.value);
      });
      if (f.lazy && chosen.size && f.box && !f.box.open) f.box.open = true;
    }
    const hasWords = queryWords(state.q).length > 0;
    for (const option of sortSelect.options) if (option.value === 'relevantie') option.disabled = !hasWords;
    sortSelect.value = effectiveSort();
  }

  // ---------------------------------------------------------------------------------------
  // Drawing.

  const element = (tag, className, text) => {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function renderFacet(f) {
    if (!f.box) return;
    const ul = f.box.querySelector('.facet__options');
    const old = f.box.querySelector('.facet__more');
    if (old) old.remove();
    f.inputs = [];
    f.items = f.values.map(([slug, label], i) => {
      const li = element('li', 'facet__option');
      const box = element('input');
      box.type = 'checkbox';
      box.name = f.key;
      box.value = slug;
      box.id = `f-${f.key}-${i}`;
      const text = element('label');
      text.htmlFor = box.id;
      text.append(`${label} `, element('span', 'facet__count', ''));
      li.append(box, ' ', text);
      f.inputs.push(box);
      return li;
    });
    ul.replaceChildren(...f.items);
    if (f.values.length > LIMIT) {
      f.toggle = element('button', 'facet__toggle');
      f.toggle.type = 'button';
      f.toggle.setAttribute('aria-expanded', 'false');
      f.toggle.addEventListener('click', () => {
        f.expanded = !f.expanded;
        updateFacet(f);
      });
      ul.after(f.toggle);
    }
    const chosen = state.filters.get(f.key) || new Set();
    for (const box of f.inputs) box.checked = chosen.has(box.value);
    updateFacet(f);
  }

  function updateFacet(f) {
    if (!f.box || !f.items.length) return;
    f.items.forEach((li, i) => {
      const box = f.inputs[i];
      const count = f.counts ? f.counts[i] : null;
      li.querySelector('.facet__count').textContent = count === null ? '' : String(count);
      box.disabled = count === 0 && !box.checked;
      li.classList.toggle('is-empty', count === 0);
      li.hidden = !f.expanded && i >= LIMIT && !box.checked;
    });
    if (f.toggle) {
      f.toggle.textContent = f.expanded ? S.show_fewer : fill(S.show_all, { n: f.values.length });
      f.toggle.setAttribute('aria-expanded', String(f.expanded));
    }
  }

  const formatDate = (iso) => `${+iso.slice(8, 10)} ${config.months[+iso.slice(5, 7) - 1]} ${iso.slice(0, 4)}`;
  function euros(n) {
    if (n < 1000) return String(n);
    return `${Math.floor(n / 1000)}${U.thousands_separator}${String(n % 1000).padStart(3, '0')}`;
  }

  // The labels of a row's values in a facet (place, kind, levels come from the columns).
  function labelsOf(key, row) {
    const f = facets.find((x) => x.key === key);
    if (!f || !f.ready) return [];
    return f.combos[f.column[row]].map((v) => f.values[v][1]);
  }
  const isoOf = (day) => new Date(day * 864e5).toISOString().slice(0, 10);

  // A result card, like the theme's partials/vacancy_card.html: the card file has the title,
  // slug, organisation, hours and allowance; the rest is in the columns already loaded.
  function card(row, c) {
    const [title, slug, organisation, hoursMin, hoursMax, allowance] = c;
    const href = `${meta.vacancy_link.before}${slug}${meta.vacancy_link.after}`;
    const place = labelsOf('plaats', row).join(', ');
    const kind = labelsOf('soort', row).join(', ');
    const levels = labelsOf('niveau', row);
    const closes = deadline[row] === NONE ? null : isoOf(deadline[row]);
    const article = element('article', 'card vacancy-card');
    const h = element('h3', 'card__title');
    const a = element('a', null, title);
    a.href = href;
    h.append(a);
    const org = element('p', 'card__org', organisation);
    const sep = element('span', 'sep', ' · ');
    sep.setAttribute('aria-hidden', 'true');
    org.append(sep, element('span', 'visually-hidden', ', '), element('span', 'place', place));
    const tags = element('ul', 'tags');
    tags.append(element('li', 'tag tag--kind', kind));
    for (const level of levels) tags.append(element('li', 'tag', level));
    if (hoursMin !== null) {
      const hours =
        hoursMin === hoursMax
          ? fill(U.hours_fixed, { n: hoursMin })
          : fill(U.hours_range, { min: hoursMin, max: hoursMax });
      tags.append(element('li', 'tag tag--plain', hours));
    }
    const money =
      allowance === null
        ? `${U.fact_allowance}: ${U.allowance_not_stated.toLowerCase()}`
        : allowance === 0
          ? U.allowance_unpaid
          : fill(U.allowance_amount, { n: euros(allowance) });
    tags.append(element('li', 'tag tag--plain', money));
    const due = element('p', 'card__deadline');
    if (closes) {
      const time = element('time', null, formatDate(closes));
      time.dateTime = closes;
      const left = dayOf(closes) - today;
      const text =
        left === 0 ? U.days_left_today : left === 1 ? U.days_left_one : fill(U.days_left_other, { n: left });
      const note = left <= 14 ? element('strong', 'soon', `(${text})`) : element('span', 'muted', `(${text})`);
      due.append(`${U.closes} `, time, ' ', note);
    } else {
      due.textContent = U.no_deadline;
    }
    article.append(h, org, tags, due);
    const li = element('li');
    li.append(article);
    return li;
  }

  function found(n) {
    return n === 0 ? S.found_zero : n === 1 ? S.found_one : fill(S.found_other, { n });
  }

  // ---------------------------------------------------------------------------------------
  // Running a search.

  let generation = 0;
  let last = null; // the last result, for "show more" focus
  async function run({ focusFrom = -1 } = {}) {
    const mine = ++generation;
    form.setAttribute('aria-busy', 'true');
    try {
      syncControls();
      await Promise.all(facets.filter(wanted).map(loadFacet));
      const sort = effectiveSort();
      const [plan] = await Promise.all([prepareText(state.q), sort === 'nieuw' ? loadPublished() : null]);
      if (mine !== generation) return;
      const started = performance.now();
      const text = plan ? scoreText(plan) : null;
      const result = compute(text, sort, state.shown);
      const took = performance.now() - started;
      for (const [f, counts] of result.counts) f.counts = counts;
      const perFile = meta.cards.per_file;
      const shards = [...new Set(result.rows.map((r) => Math.floor(r / perFile)))];
      const cards = new Map(await Promise.all(shards.map(async (s) => [s, await fetchJson(`c/${s}.bin`)])));
      if (mine !== generation) return;
      list.replaceChildren(...result.rows.map((r) => card(r, cards.get(Math.floor(r / perFile))[r % perFile])));
      more.hidden = result.rows.length >= result.total;
      for (const f of facets) updateFacet(f);
      const message = found(result.total);
      if (status.textContent !== message) status.textContent = message;
      last = result;
      form.dataset.state = 'ready';
      form.dataset.queryMs = took.toFixed(3);
      form.dataset.downloaded = String(downloaded);
      form.dataset.rendered = stateURL();
      if (focusFrom >= 0) {
        const next = list.children[focusFrom];
        if (next) next.querySelector('a').focus();
      }
    } catch (error) {
      if (mine !== generation) return;
      form.dataset.state = 'error';
      status.textContent = S.error;
      fallback.hidden = false;
      console.error(error);
    } finally {
      if (mine === generation) form.removeAttribute('aria-busy');
    }
  }

  // ---------------------------------------------------------------------------------------
  // Type-ahead: a combobox with a listbox of words and facet terms.

  let options = [];
  let active = -1;
  function closeSuggestions() {
    options = [];
    active = -1;
    listbox.replaceChildren();
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function highlight(i) {
    active = i;
    options.forEach((o, k) => o.node.setAttribute('aria-selected', String(k === i)));
    if (i >= 0) input.setAttribute('aria-activedescendant', options[i].node.id);
    else input.removeAttribute('aria-activedescendant');
  }

  const lastRawWord = (value) => (/\s$/.test(value) ? '' : (value.match(/[\p{L}\p{N}]+$/u) || [''])[0]);

  let suggestGeneration = 0;
  async function suggest() {
    const mine = ++suggestGeneration;
    const raw = lastRawWord(input.value);
    const prefix = raw ? wordsOf(raw).pop() || '' : '';
    if (!meta || chars(prefix) < 2) return closeSuggestions();
    let words = [];
    try {
      words = (await completions(prefix)).slice(0, SUGGEST_WORDS);
    } catch {
      words = [];
    }
    if (mine !== suggestGeneration || document.activeElement !== input) return;
    const terms = [];
    for (const f of facets) {
      if (!f.ready || !TERM_FACETS.includes(f.key)) continue;
      f.values.forEach(([slug, label], i) => {
        if ((state.filters.get(f.key) || new Set()).has(slug)) return;
        if (wordsOf(label).some((w) => w.startsWith(prefix))) {
          terms.push({ f, slug, label, count: f.counts ? f.counts[i] : 0 });
        }
      });
    }
    terms.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
    options = [];
    for (const t of terms.slice(0, SUGGEST_TERMS)) {
      options.push({ kind: 'term', facet: t.f, slug: t.slug, text: t.label, note: t.f.legend });
    }
    for (const e of words) options.push({ kind: 'word', text: e[4] || e[0], note: S.suggestion_word });
    if (!options.length) return closeSuggestions();
    listbox.replaceChildren(
      ...options.map((o, i) => {
        const li = element('li', 'search__option', o.text);
        li.id = `search-option-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.append(' ', element('span', 'search__option-note', o.note));
        li.addEventListener('mousedown', (event) => event.preventDefault());
        li.addEventListener('click', () => choose(i));
        o.node = li;
        return li;
      }),
    );
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(-1);
  }

  function choose(i) {
    const o = options[i];
    if (!o) return;
    const raw = lastRawWord(input.value);
    const before = input.value.slice(0, input.value.length - raw.length);
    if (o.kind === 'word') {
      input.value = `${before}${o.text} `;
    } else {
      input.value = before;
      const chosen = state.filters.get(o.facet.key) || new Set();
      chosen.add(o.slug);
      state.filters.set(o.facet.key, chosen);
      if (o.facet.lazy && o.facet.box) o.facet.box.open = true;
    }
    state.q = input.value;
    state.shown = PAGE;
    closeSuggestions();
    input.focus();
    commit('push');
  }

  // ---------------------------------------------------------------------------------------
  // Events.

  let typingTimer = 0;
  let suggestTimer = 0;
  function wire() {
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', listbox.id);
    input.setAttribute('aria-expanded', 'false');

    input.addEventListener('input', () => {
      clearTimeout(typingTimer);
      clearTimeout(suggestTimer);
      suggestTimer = setTimeout(suggest, 80);
      typingTimer = setTimeout(() => {
        state.q = input.value;
        state.shown = PAGE;
        commit('type');
      }, 200);
    });
    input.addEventListener('keydown', (event) => {
      const open = !listbox.hidden && options.length > 0;
      if (event.key === 'ArrowDown' && open) {
        event.preventDefault();
        highlight((active + 1) % options.length);
      } else if (event.key === 'ArrowUp' && open) {
        event.preventDefault();
        highlight(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === 'Enter' && open && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === 'Escape' && open) {
        event.preventDefault();
        closeSuggestions();
      }
    });
    input.addEventListener('blur', () => setTimeout(closeSuggestions, 150));

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearTimeout(typingTimer);
      closeSuggestions();
      state.q = input.value;
      state.shown = PAGE;
      commit('push');
    });
    form.addEventListener('change', (event) => {
      const box = event.target;
      if (box.type !== 'checkbox') return;
      const chosen = new Set(state.filters.get(box.name) || []);
      if (box.checked) chosen.add(box.value);
      else chosen.delete(box.value);
      if (chosen.size) state.filters.set(box.name, chosen);
      else state.filters.delete(box.name);
      state.shown = PAGE;
      commit('push');
    });
    sortSelect.addEventListener('change', () => {
      state.sort = sortSelect.value;
      state.shown = PAGE;
      commit('push');
    });
    for (const f of facets) {
      if (f.lazy && f.box) {
        f.box.addEventListener('toggle', () => {
          if (f.box.open && !f.ready) run();
        });
      }
    }
    more.addEventListener('click', () => {
      const from = state.shown;
      state.shown += PAGE;
      run({ focusFrom: from });
    });
    clear.addEventListener('click', (event) => {
      event.preventDefault();
      state.q = '';
      state.filters = new Map();
      state.sort = '';
      state.shown = PAGE;
      input.value = '';
      commit('push');
    });
    window.addEventListener('popstate', () => {
      typing = false;
      readURL();
      input.value = state.q;
      run();
    });
  }

  async function start() {
    if (typeof DecompressionStream !== 'function' || typeof fetch !== 'function') {
      status.textContent = S.unsupported;
      byId('search-fallback-text').textContent = S.unsupported;
      fallback.hidden = false;
      form.dataset.state = 'error';
      return;
    }
    try {
      await loadIndex();
    } catch (error) {
      status.textContent = S.error;
      fallback.hidden = false;
      form.dataset.state = 'error';
      console.error(error);
      return;
    }
    readURL();
    input.value = state.q;
    wire();
    await run();
    setTimeout(warmUp, 0);
  }

  start();
})();
