/**
 * The renderer in headless Chromium against the browser host (main/host/main.ts as a child process, as the e2e
 * tests run it): how long a fresh page takes to show the profiles screen, what the page loads first, how the
 * journal's list scrolls over 100,000 entries, and how much memory the host and the page hold.
 * `node tests/bench/run.ts --only ui` (or `--only start`, `--only scroll`, `--only memory`).
 *
 * Environment: BENCH_UI_RUNS (navigations per start case, default 15), BENCH_SCROLL_SECONDS (default 10),
 * BENCH_UI_JOURNAL_ROWS (default 100,000: the app's default cap; more would be pruned to it when the host starts),
 * BENCH_SKIP_BUILD=1 (reuse out/bench/renderer).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DATABASE_FILE } from '../../main/api/app.ts';
import { de, en } from '../../main/domain/i18n/catalogue.ts';
import playwrightConfig from '../../playwright.config.ts';
import { spawnHost } from '../host-process.ts';
import { kb, mb, ms, note, pct, table } from './common.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
const BENCH_OUT = path.join(root, 'out', 'bench');
const RENDERER_DIR = path.join(BENCH_OUT, 'renderer');
const STATIC_PAGE = 'bench-static.html';
const PASSPHRASE = 'korrekt Pferd Batterie Heftklammer';

const RUNS = Number(process.env.BENCH_UI_RUNS ?? 15);
const SCROLL_SECONDS = Number(process.env.BENCH_SCROLL_SECONDS ?? 10);
const JOURNAL_ROWS = Number(process.env.BENCH_UI_JOURNAL_ROWS ?? 100_000);
/** ~17,500 px/s: a fast flick of the wheel, held. */
const WHEEL_PX = 280;
const WHEEL_EVERY_MS = 16;

export interface UiCases {
  start: boolean;
  scroll: boolean;
  memory: boolean;
}

interface Host {
  url: string;
  origin: string;
  session: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the browser host on a data folder, as the e2e tests do, on the bench's own renderer build. */
async function startHost(dataDir: string): Promise<Host> {
  const { url, pid, stop } = await spawnHost({ dataDir, rendererDir: RENDERER_DIR, readyWithinMs: 60_000 });
  const parsed = new URL(url);
  return { url, origin: parsed.origin, session: parsed.hash.replace(/^#session=/, ''), pid, stop };
}

/** One contract call over the host's bridge, as the page makes it. */
async function bridge(host: Host, channel: string, request: unknown): Promise<unknown> {
  const response = await fetch(`${host.origin}/bridge/call/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Desk-Session': host.session },
    body: JSON.stringify(request),
  });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
  if (!result.ok) throw new Error(`${channel} failed: ${result.error?.code ?? response.status}`);
  return result.value;
}

/** The resident set of a process, and its peak, from /proc (Linux); null elsewhere. */
function rssOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    return { rss: kib('VmRSS'), peak: kib('VmHWM') };
  } catch {
    return null;
  }
}

/** A child process's output once it exits well; `kill` ends it early (when the bench fails meanwhile). */
function run(command: string, args: string[]): { done: Promise<string>; kill(): void } {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  const done = new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code}:\n${err}${out}`))));
  });
  return {
    done,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}

/** An asset's name without its content hash, which changes with every build. */
const short = (file: string): string => file.replace(/-[A-Za-z0-9_-]{8,}(\.[a-z]+)$/, '-…$1');

/** What index.html loads at once (its scripts, module preloads and style sheets) against every other chunk. */
function initialBytes(): string {
  const html = readFileSync(path.join(RENDERER_DIR, 'index.html'), 'utf8');
  const direct = new Set<string>();
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"[^>]*>/g)) {
    const ref = m[1] ?? '';
    if (/\.(?:js|mjs|css)$/.test(ref)) direct.add(path.posix.normalize(ref.replace(/^\.\//, '')));
  }
  const assets = readdirSync(path.join(RENDERER_DIR, 'assets')).filter((f) => /\.(?:js|mjs|css)$/.test(f)).map((f) => `assets/${f}`);
  const sizes = (file: string) => {
    const raw = readFileSync(path.join(RENDERER_DIR, file));
    // As the host compresses them (main/host/static.ts): gzip 9, Brotli 9.
    return { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, br: brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }).length };
  };
  const rows: string[][] = [];
  const sum = { raw: 0, gzip: 0, br: 0 };
  const lazy = { raw: 0, gzip: 0, br: 0, files: 0 };
  const page = sizes('index.html');
  rows.push(['index.html', 'page', kb(page.raw), kb(page.gzip), kb(page.br)]);
  for (const file of [...direct].sort()) {
    const s = sizes(file);
    sum.raw += s.raw;
    sum.gzip += s.gzip;
    sum.br += s.br;
    rows.push([short(file), file.endsWith('.css') ? 'initial CSS' : 'initial JS', kb(s.raw), kb(s.gzip), kb(s.br)]);
  }
  rows.push(['**initial JS + CSS**', `${direct.size} files`, kb(sum.raw), kb(sum.gzip), kb(sum.br)]);
  for (const file of assets.filter((f) => !direct.has(f)).sort()) {
    const s = sizes(file);
    lazy.raw += s.raw;
    lazy.gzip += s.gzip;
    lazy.br += s.br;
    lazy.files += 1;
    rows.push([short(file), 'lazy chunk', kb(s.raw), kb(s.gzip), kb(s.br)]);
  }
  rows.push(['lazy chunks together (loaded on demand)', `${lazy.files} files`, kb(lazy.raw), kb(lazy.gzip), kb(lazy.br)]);
  return table(['file', 'kind', 'raw', 'gzip', 'brotli'], rows);
}

/**
 * Marks when the app says it is ready (`data-app-state`) and when the first heading appears, in ms since the
 * navigation started (performance.now() in the page), from a MutationObserver set up before any page script runs.
 */
const MARKS_SCRIPT = `(() => {
  const marks = {};
  let appReady, pageParsed;
  // Awaited by the bench through page.evaluate (the page's CSP forbids the string evaluation waitForFunction uses).
  Object.defineProperty(window, '__benchMarks', { value: marks });
  Object.defineProperty(window, '__benchApp', { value: new Promise((r) => (appReady = r)) });
  Object.defineProperty(window, '__benchParsed', { value: new Promise((r) => (pageParsed = r)) });
  const check = () => {
    const root = document.documentElement;
    if (marks.ready === undefined && root && root.dataset.appState === 'ready') marks.ready = performance.now();
    if (marks.h1 === undefined) {
      const h = document.querySelector('h1');
      if (h && h.textContent) { marks.h1 = performance.now(); marks.h1Text = h.textContent; }
    }
    if (marks.ready !== undefined && marks.h1 !== undefined) appReady(marks);
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-app-state'] });
  document.addEventListener('DOMContentLoaded', () => { marks.dcl = performance.now(); check(); pageParsed(marks); });
})();`;

interface Marks {
  ready?: number;
  h1?: number;
  h1Text?: string;
  dcl?: number;
}

interface Load {
  /** In the page: ms from navigation start to the moment the mark was set. */
  inPage: number;
  /** Around page.goto and the wait, in this process. */
  wall: number;
}

const PROFILES_TITLES = new Set([de['profiles.title'], en['profiles.title']]);

async function timedLoad(page: Page, url: string, kind: 'app' | 'static'): Promise<Load> {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  const marks = (await page.evaluate(kind === 'app' ? 'window.__benchApp' : 'window.__benchParsed')) as Marks;
  const wall = performance.now() - t0;
  if (kind === 'static') return { inPage: marks.dcl ?? Number.NaN, wall };
  if (!PROFILES_TITLES.has(marks.h1Text ?? '')) throw new Error(`the first heading was "${marks.h1Text}", not the profiles screen's`);
  return { inPage: Math.max(marks.ready ?? Number.NaN, marks.h1 ?? Number.NaN), wall };
}

async function newContext(browser: Browser): Promise<BrowserContext> {
  const use = playwrightConfig.use ?? {};
  const context = await browser.newContext({ viewport: use.viewport ?? { width: 1280, height: 860 }, locale: use.locale ?? 'de-DE' });
  await context.addInitScript({ content: MARKS_SCRIPT });
  return context;
}

/** N loads in a fresh context each (an empty cache, as on the first open), then N new pages in one context (cached assets). */
async function loads(browser: Browser, url: string, kind: 'app' | 'static'): Promise<{ cold: Load[]; warm: Load[] }> {
  const cold: Load[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await newContext(browser);
    cold.push(await timedLoad(await context.newPage(), url, kind));
    await context.close();
  }
  const warm: Load[] = [];
  const context = await newContext(browser);
  await timedLoad(await context.newPage(), url, kind);
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage();
    warm.push(await timedLoad(page, url, kind));
    await page.close();
  }
  await context.close();
  return { cold, warm };
}

async function benchStart(browser: Browser): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aud-bench-ui-start-'));
  const host = await startHost(dataDir);
  try {
    await bridge(host, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    // One untimed load to see what the page fetched before the profiles screen showed (the lazy chunks included).
    const probe = await newContext(browser);
    const probePage = await probe.newPage();
    await timedLoad(probePage, host.url, 'app');
    const fetched = (await probePage.evaluate(
      `performance.getEntriesByType('resource').filter((e) => /\\.(?:js|css)$/.test(new URL(e.name).pathname)).map((e) => ({ path: new URL(e.name).pathname, encoded: e.encodedBodySize, decoded: e.decodedBodySize }))`,
    )) as { path: string; encoded: number; decoded: number }[];
    await probe.close();
    note(`start: ${RUNS} + ${RUNS} loads of the app`);
    const app = await loads(browser, host.url, 'app');
    note(`start: ${RUNS} + ${RUNS} loads of a static page`);
    const plain = await loads(browser, `${host.origin}/${STATIC_PAGE}`, 'static');
    const row = (name: string, xs: Load[]) => {
      const inPage = xs.map((x) => x.inPage);
      const wall = xs.map((x) => x.wall);
      return [name, String(xs.length), ms(pct(inPage, 50)), ms(pct(inPage, 95)), ms(pct(wall, 50)), ms(pct(wall, 95))];
    };
    return [
      `### Renderer start: a fresh page on the host's session address until the profiles screen shows (${RUNS} navigations each)`,
      '',
      'App: ready = `data-app-state="ready"` set and the profiles heading in the document (passphrase set, vault open, no profiles). ' +
        'Static: a one-heading HTML file served by the same host, ready = DOMContentLoaded. "In page" counts from navigation start ' +
        '(performance.now() in the page); "wall" is around page.goto + the wait in the bench. Cold: a new browser context (empty cache) ' +
        'per navigation; warm: new pages in one context that has loaded the page once (hashed assets cached).',
      '',
      `Scripts and style sheets the app fetched before the profiles screen showed (resource timing, compressed as served / decoded): ` +
        `${fetched.map((f) => `${short(f.path.replace(/^\//, ''))} ${kb(f.encoded)} / ${kb(f.decoded)}`).join(', ')}; together ` +
        `${kb(fetched.reduce((n, f) => n + f.encoded, 0))} / ${kb(fetched.reduce((n, f) => n + f.decoded, 0))}.`,
      '',
      table(['page', 'loads', 'in page p50', 'in page p95', 'wall p50', 'wall p95'], [
        row('app, cold', app.cold),
        row('app, warm', app.warm),
        row('static page, cold (baseline)', plain.cold),
        row('static page, warm (baseline)', plain.warm),
      ]),
    ].join('\n');
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Frame times and whether the list's scroller sits at the end of what it has loaded, every animation frame. */
const FRAMES_SCRIPT = `(() => {
  const s = document.querySelector('.entry-scroller');
  if (!s) throw new Error('no journal list');
  const st = { frames: [], endHits: 0, atEnd: false, atEndMs: 0, maxTop: 0, running: true };
  window.__benchScroll = st;
  let last = 0;
  const tick = (t) => {
    st.frames.push(t - last);
    last = t;
    const atEnd = s.scrollTop + s.clientHeight >= s.scrollHeight - 1;
    if (atEnd && !st.atEnd) st.endHits += 1;
    if (atEnd) st.atEndMs += st.frames[st.frames.length - 1];
    st.atEnd = atEnd;
    st.maxTop = Math.max(st.maxTop, s.scrollTop);
    if (st.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
})()`;

interface ScrollStats {
  frames: number[];
  endHits: number;
  atEndMs: number;
  maxTop: number;
}

const LOADED_ROWS = `(() => {
  const canvas = document.querySelector('.entry-canvas');
  const option = document.querySelector('.entry-scroller [role=option]');
  return canvas && option ? Math.round(parseFloat(canvas.style.height) / parseFloat(option.style.height)) : 0;
})()`;

async function jsHeap(context: BrowserContext, page: Page): Promise<{ used: number; total: number }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return { used: usedSize, total: totalSize };
}

/** The journal over a full data folder: memory after start and after opening it, then the scroll. */
async function benchJournal(browser: Browser, cases: UiCases, dataDir: string, fillNote: string): Promise<string[]> {
  const sections: string[] = [];
  const memory: string[][] = [];
  let openMs: number | undefined;
  const host = await startHost(dataDir);
  try {
    await sleep(1_000);
    const started = rssOf(host.pid);
    if (started) memory.push(['browser host after start (journal not opened)', mb(started.rss), mb(started.peak), '–']);
    await bridge(host, 'vaultSetPassphrase', { passphrase: PASSPHRASE });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(host.url);
    await page.evaluate('window.__benchApp');
    const journalName = new RegExp(`^(?:${[de['nav.journal'], en['nav.journal']].join('|')})$`);
    const listName = new RegExp(`^(?:${[de['journal.listLabel'], en['journal.listLabel']].join('|')})$`);
    const t0 = performance.now();
    await page.getByRole('navigation').getByRole('button', { name: journalName }).click();
    const list = page.getByRole('listbox', { name: listName });
    await list.getByRole('option').first().waitFor();
    await list.and(page.locator('[aria-busy="false"]')).waitFor();
    openMs = performance.now() - t0;
    await sleep(1_000);
    const opened = rssOf(host.pid);
    const heapOpened = await jsHeap(context, page);
    if (opened) memory.push([`browser host, journal open (${(await page.evaluate(LOADED_ROWS)) as number} rows loaded)`, mb(opened.rss), mb(opened.peak), '–']);
    memory.push([`Chromium page JS heap, journal open (after GC)`, '–', '–', `${mb(heapOpened.used)} of ${mb(heapOpened.total)}`]);

    if (cases.scroll) {
      const box = await list.boundingBox();
      if (box === null) throw new Error('the journal list is not on screen');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.evaluate(FRAMES_SCRIPT);
      note(`scroll: ${SCROLL_SECONDS} s of wheel steps`);
      // A step of WHEEL_PX is due every WHEEL_EVERY_MS. Each wheel event waits for the page to take it; steps that
      // fall due meanwhile go out together in the next event, as a real wheel's deltas coalesce, so the distance
      // asked per second holds however slow the page is, and nothing is left queued when the time is up.
      const start = performance.now();
      let due = 0;
      let pending = 0;
      let events = 0;
      let sentPx = 0;
      let inFlight: Promise<void> | null = null;
      for (;;) {
        const elapsed = performance.now() - start;
        if (elapsed >= SCROLL_SECONDS * 1000) break;
        const dueNow = Math.floor(elapsed / WHEEL_EVERY_MS) + 1;
        pending += (dueNow - due) * WHEEL_PX;
        due = dueNow;
        if (inFlight === null && pending > 0) {
          events += 1;
          sentPx += pending;
          inFlight = page.mouse.wheel(0, pending).then(() => {
            inFlight = null;
          });
          pending = 0;
        }
        const nextStep = sleep(Math.max(1, start + due * WHEEL_EVERY_MS - performance.now()));
        await (inFlight === null ? nextStep : Promise.race([nextStep, inFlight]));
      }
      await inFlight;
      const seconds = (performance.now() - start) / 1000;
      const stats = (await page.evaluate('(() => { const s = window.__benchScroll; s.running = false; return { frames: s.frames.slice(1), endHits: s.endHits, atEndMs: s.atEndMs, maxTop: s.maxTop }; })()')) as ScrollStats;
      const loaded = (await page.evaluate(LOADED_ROWS)) as number;
      const f = stats.frames;
      const over = (limit: number) => f.filter((x) => x > limit).length;
      sections.push(
        [
          `### Journal scroll: ${JOURNAL_ROWS.toLocaleString('en')} entries in the data folder's database, wheel held down over the list`,
          '',
          `${fillNote} The journal opened (first page shown) in ${ms(openMs ?? Number.NaN)}. Then ${due} wheel steps of ${WHEEL_PX} px fell due, one every ${WHEEL_EVERY_MS} ms, ` +
            `in ${seconds.toFixed(1)} s; the page took them as ${events} wheel events (steps due while one was being handled went out with the next) ` +
            `carrying ${Math.round(sentPx / seconds).toLocaleString('en')} px/s. The list scrolled ` +
            `${Math.round(stats.maxTop).toLocaleString('en')} px and had ${loaded.toLocaleString('en')} rows loaded at the end. Frame times from requestAnimationFrame in the page.`,
          '',
          table(['frames', 'p50', 'p95', 'p99', 'max', 'frames > 33 ms', 'frames > 50 ms', 'times at the loaded end', 'time at the loaded end'], [
            [String(f.length), ms(pct(f, 50)), ms(pct(f, 95)), ms(pct(f, 99)), ms(Math.max(...f)), String(over(33.4)), String(over(50)), String(stats.endHits), ms(stats.atEndMs)],
          ]),
        ].join('\n'),
      );
      await sleep(1_000);
      const scrolled = rssOf(host.pid);
      const heapScrolled = await jsHeap(context, page);
      if (scrolled) memory.push([`browser host after the scroll (${loaded.toLocaleString('en')} rows loaded)`, mb(scrolled.rss), mb(scrolled.peak), '–']);
      memory.push([`Chromium page JS heap after the scroll (after GC)`, '–', '–', `${mb(heapScrolled.used)} of ${mb(heapScrolled.total)}`]);
    }
    await context.close();
  } finally {
    await host.stop();
  }
  if (cases.memory) {
    sections.unshift(
      [
        `### Memory: browser host process and the page, ${JOURNAL_ROWS.toLocaleString('en')} journal entries in the database`,
        '',
        `RSS and its peak (VmHWM) of the host process from /proc, one second after each step; the page's JS heap from CDP (Runtime.getHeapUsage, used of total, after HeapProfiler.collectGarbage). The journal opened (first page shown) in ${ms(openMs ?? Number.NaN)}.`,
        '',
        table(['when', 'RSS', 'peak RSS', 'JS heap'], memory),
      ].join('\n'),
    );
  }
  return sections;
}

export async function benchUi(cases: UiCases): Promise<string> {
  const sections: string[] = [];
  const journalCases = cases.scroll || cases.memory;
  const journalDir = journalCases ? mkdtempSync(path.join(os.tmpdir(), 'aud-bench-ui-journal-')) : null;
  // The journal fills in its own process while the renderer builds: the two share nothing.
  const filling = journalDir === null ? null : run(process.execPath, [path.join(import.meta.dirname, 'fill.ts'), path.join(journalDir, DATABASE_FILE), String(JOURNAL_ROWS)]);
  try {
    let buildNote = 'reused (BENCH_SKIP_BUILD)';
    if (process.env.BENCH_SKIP_BUILD !== '1' || !existsSync(path.join(RENDERER_DIR, 'index.html'))) {
      note('ui: building the renderer into out/bench/renderer');
      const t0 = performance.now();
      await run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'renderer', '--out-dir', BENCH_OUT]).done;
      buildNote = `built in ${((performance.now() - t0) / 1000).toFixed(1)} s${filling ? ' (while the journal filled)' : ''}`;
    }
    writeFileSync(path.join(RENDERER_DIR, STATIC_PAGE), '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Static</title></head><body><h1>Static</h1></body></html>\n');
    if (cases.start) {
      sections.push([`### Renderer bundle: what index.html loads at once (out/bench/renderer, \`node scripts/build.mjs renderer\`, ${buildNote})`, '', initialBytes()].join('\n'));
    }
    let fillNote = '';
    if (filling) {
      note(`ui: filling a journal of ${JOURNAL_ROWS.toLocaleString('en')} entries`);
      const { seconds } = JSON.parse(await filling.done) as { seconds: number };
      fillNote = `Filled through Journal.record in ${Math.round(seconds)} s (one single-action exchange per entry, three profiles that are not in the store).`;
    }
    const launch = playwrightConfig.use?.launchOptions ?? {};
    const browser = await chromium.launch({ executablePath: launch.executablePath ?? '/usr/bin/chromium', args: launch.args ?? [], headless: true });
    try {
      if (cases.start) sections.push(await benchStart(browser));
      if (journalDir !== null) sections.push(...(await benchJournal(browser, cases, journalDir, fillNote)));
    } finally {
      await browser.close();
    }
  } finally {
    filling?.kill();
    await filling?.done.catch(() => undefined);
    if (journalDir !== null) rmSync(journalDir, { recursive: true, force: true });
  }
  return sections.join('\n\n');
}

if (import.meta.main) console.log(await benchUi({ start: true, scroll: true, memory: true }));
