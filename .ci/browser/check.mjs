#!/usr/bin/env node
// Opens newsfigures' output pages in Debian's Chromium, the way a reader's
// browser would, and checks them:
//
//   node .ci/browser/check.mjs DIR [DIR...]
//
// For each output folder DIR: methodology.html (and methodology.LANG.html in a
// story's other languages) and every charts/*.html, each at
// viewport widths 390 and 1280 (height 900):
//   - axe-core with its default rule set (no tag filter): every violation fails;
//   - horizontal overflow: document.documentElement.scrollWidth > innerWidth,
//     or any rendered element (or run of text) whose box reaches past the
//     viewport's right edge,
//     unless it sits inside a scrollable region (overflow-x auto/scroll) that a
//     keyboard can reach (tabindex="0") and that has an accessible name, or
//     inside a visually-hidden box (1 px and overflow hidden, or clip: rect(0 0 0 0));
//     content cut off by an overflow:hidden box (an <svg> included) is reported
//     with a note saying so;
//   - at 390 px on methodology.html: the smallest rendered size of SVG chart
//     text (rendered width / viewBox width x font-size); below 11.9 px fails.
//     The same number is printed for the chart pages, for information only.
// A full-page PNG of every page at every width goes to $SCREENSHOTS
// (default /tmp/newsfigures-screens).
//
// Exit status: 0 all pages pass, 1 some check failed, 2 the tool itself failed.
// Never downloads a browser: Playwright drives /usr/bin/chromium ($CHROMIUM).

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const AXE = join(here, 'node_modules', 'axe-core', 'axe.min.js');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SCREENSHOTS = resolve(process.env.SCREENSHOTS || '/tmp/newsfigures-screens');
const WIDTHS = [390, 1280];
const HEIGHT = 900;
const MIN_TEXT_PX = 11.9;
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node .ci/browser/check.mjs DIR [DIR...]');
  process.exit(2);
}
for (const [path, what] of [[AXE, 'axe-core (run npm ci in .ci/browser)'], [CHROMIUM, 'Chromium (apt-get install chromium)']]) {
  if (!existsSync(path)) {
    console.error(`missing ${what}: ${path}`);
    process.exit(2);
  }
}

// The pages of one output folder, methodology first.
function pagesOf(dir) {
  const pages = [];
  const methodology = join(dir, 'methodology.html');
  if (!existsSync(methodology)) throw new Error(`${dir}: no methodology.html`);
  pages.push(methodology);
  // The methodology in the story's other languages (methodology.ur.html).
  for (const f of readdirSync(dir).sort()) {
    if (/^methodology\.[a-z]+\.html$/.test(f)) pages.push(join(dir, f));
  }
  const charts = join(dir, 'charts');
  if (existsSync(charts) && statSync(charts).isDirectory()) {
    for (const f of readdirSync(charts).sort()) if (f.endsWith('.html')) pages.push(join(charts, f));
  }
  return pages;
}

const slug = (s) => s.replace(/^\.?\/+/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'root';
const oneLine = (s, n = 220) => {
  const t = String(s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
};

// --- in-page measurements (run inside the page by page.evaluate) -------------

// Horizontal overflow: page level, and every element whose box passes the right edge.
function measureOverflow() {
  const vw = window.innerWidth;
  const doc = document.documentElement;
  const cssPath = (el) => {
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== doc; e = e.parentElement) {
      let p = e.localName;
      if (e.id) { parts.unshift(`${p}#${CSS.escape(e.id)}`); break; }
      const cls = [...e.classList].slice(0, 2).map((c) => '.' + CSS.escape(c)).join('');
      const parent = e.parentElement;
      if (parent) {
        const same = [...parent.children].filter((c) => c.localName === e.localName);
        if (same.length > 1) p += `:nth-of-type(${same.indexOf(e) + 1})`;
      }
      parts.unshift(p + cls);
    }
    return parts.join(' > ');
  };
  const accessibleName = (el) => {
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const byIds = ids.map((id) => document.getElementById(id)?.textContent || '').join(' ').trim();
    return byIds || (el.getAttribute('aria-label') || '').trim() || (el.getAttribute('title') || '').trim();
  };
  const scrollsX = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const clipsX = (el) => ['hidden', 'clip'].includes(getComputedStyle(el).overflowX)
    || (el instanceof SVGSVGElement && getComputedStyle(el).overflow !== 'visible');
  // Past-the-edge boxes: every rendered element, and every text node (a long
  // word or URL can run out of a block whose own box still fits).
  const candidates = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!el.checkVisibility({ visibilityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    candidates.push({ el, r, isText: false });
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.data.trim() || !el || el instanceof SVGElement || !el.checkVisibility({ visibilityProperty: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    candidates.push({ el, r, isText: true });
  }
  const over = [];
  for (const { el, r, isText } of candidates) {
    if (r.right <= vw + 0.5) continue;
    let excused = false;
    const notes = isText ? ['its text runs past the edge'] : [];
    for (let a = isText ? el : el.parentElement; a && a !== document.body && a !== doc; a = a.parentElement) {
      if (isText && a === el && !scrollsX(a) && !clipsX(a)) continue;
      if (scrollsX(a)) {
        const named = accessibleName(a);
        if (a.getAttribute('tabindex') === '0' && named) { excused = true; break; }
        notes.push(`inside scrollable ${cssPath(a)} that lacks ${[
          a.getAttribute('tabindex') === '0' ? null : 'tabindex="0"', named ? null : 'an accessible name',
        ].filter(Boolean).join(' and ')}`);
        break;
      }
      if (clipsX(a)) {
        // The visually-hidden pattern (a 1 px clipping box, or clip: rect(0 0 0 0))
        // hides its content from sight on purpose: not an overflow.
        const ar = a.getBoundingClientRect();
        if (ar.width <= 1 || ar.height <= 1 || /^rect\(0px,? 0px,? 0px,? 0px\)$/.test(getComputedStyle(a).clip)) { excused = true; break; }
        notes.push(`cut off by ${cssPath(a)} (overflow ${getComputedStyle(a).overflowX})`);
        break;
      }
    }
    if (excused) continue;
    // An element past the edge whose own text is too is one finding, not two.
    const same = over.find((o) => o.el === el);
    if (same) { if (r.right > same.right) same.right = r.right; continue; }
    over.push({ el, right: r.right, width: r.width, notes });
  }
  // Report the outermost ones: an element whose parent also overflows is a consequence.
  const set = new Set(over.map((o) => o.el));
  const roots = over.filter((o) => !set.has(o.el.parentElement));
  return {
    viewport: vw,
    scrollWidth: doc.scrollWidth,
    pageOverflow: doc.scrollWidth > vw,
    count: over.length,
    roots: roots.map((o) => ({
      selector: cssPath(o.el),
      right: Math.round(o.right * 10) / 10,
      width: Math.round(o.width * 10) / 10,
      text: (o.el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 80),
      notes: o.notes,
    })),
  };
}

// Rendered size of SVG text in the visible outermost <svg> elements.
function measureSvgText() {
  const out = [];
  for (const svg of document.querySelectorAll('svg')) {
    if (svg.ownerSVGElement) continue;
    if (!svg.checkVisibility({ visibilityProperty: true })) continue;
    const r = svg.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const vb = svg.getAttribute('viewBox') ? svg.viewBox.baseVal : null;
    // With a viewBox the content scales with the box (preserveAspectRatio
    // "meet": the smaller of the two ratios); without one it does not scale.
    let scale = 1;
    if (vb && vb.width > 0 && vb.height > 0) scale = Math.min(r.width / vb.width, r.height / vb.height);
    const name = svg.getAttribute('aria-labelledby')?.split(/\s+/)[0] || svg.id || `svg#${out.length + 1}`;
    let min = null;
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim() || !t.checkVisibility({ visibilityProperty: true })) continue;
      const attr = t.closest('[font-size]')?.getAttribute('font-size') ?? '';
      // plotters writes font-size as a bare number of px; anything else (em,
      // %, CSS) is left to the computed style.
      const m = /^\s*([0-9.]+)\s*(px)?\s*$/.exec(attr);
      const size = m ? parseFloat(m[1]) : parseFloat(getComputedStyle(t).fontSize);
      const px = size * scale;
      if (min === null || px < min.px) min = { px, size, text: t.textContent.replace(/\s+/g, ' ').trim().slice(0, 60) };
    }
    out.push({ name, renderedWidth: r.width, viewBoxWidth: vb ? vb.width : null, scale, min });
  }
  return out;
}

// --- the run ------------------------------------------------------------------

const started = Date.now();
mkdirSync(SCREENSHOTS, { recursive: true });
const userDataDir = mkdtempSync(join(tmpdir(), 'newsfigures-chromium-'));
let context;
const results = [];
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: WIDTHS[0], height: HEIGHT },
    deviceScaleFactor: 1,
    timeout: 60_000,
  });
  // The pages must stand alone: any request that is not a local file is refused and reported.
  const blocked = [];
  await context.route(/^(?!file:|data:|about:)/, (route) => {
    blocked.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] || (await context.newPage());
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  for (const dir of dirs) {
    const pages = pagesOf(dir);
    for (const file of pages) {
      const rel = relative(process.cwd(), file) || file;
      const isMethodology = /^methodology(\.[a-z]+)?\.html$/.test(basename(file));
      for (const width of WIDTHS) {
        const t0 = Date.now();
        blocked.length = 0;
        consoleErrors.length = 0;
        await page.setViewportSize({ width, height: HEIGHT });
        await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
        await page.addScriptTag({ path: AXE });
        const axe = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ['violations', 'incomplete'] });
          const pick = (v) => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
            nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
          });
          return { violations: r.violations.map(pick), incomplete: r.incomplete.map(pick) };
        });
        const overflow = await page.evaluate(measureOverflow);
        const svgText = width === 390 ? await page.evaluate(measureSvgText) : null;
        const shot = join(SCREENSHOTS, `${slug(relative(process.cwd(), resolve(dir)))}__${slug(relative(dir, file).replace(/\.html$/, ''))}__${width}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        results.push({
          rel, width, isMethodology, axe, overflow, svgText, shot,
          blocked: [...blocked], consoleErrors: [...consoleErrors], ms: Date.now() - t0,
        });
      }
    }
  }
} catch (e) {
  console.error(`browser check could not run: ${e.stack || e}`);
  process.exitCode = 2;
} finally {
  if (context) await context.close().catch(() => {});
  rmSync(userDataDir, { recursive: true, force: true });
}
if (process.exitCode === 2) process.exit(2);

// --- the report ----------------------------------------------------------------

let passed = 0;
let failed = 0;
for (const r of results) {
  const nViol = r.axe.violations.length;
  const nNodes = r.axe.violations.reduce((s, v) => s + v.nodes.length, 0);
  const overflowing = r.overflow.pageOverflow || r.overflow.roots.length > 0;
  let textFail = false;
  let textNote = '';
  if (r.svgText) {
    const mins = r.svgText.filter((s) => s.min).map((s) => s.min.px);
    if (mins.length) {
      const m = Math.min(...mins);
      textFail = r.isMethodology && m < MIN_TEXT_PX;
      textNote = `, min chart text ${m.toFixed(2)}px${r.isMethodology ? (textFail ? ' (FAIL < ' + MIN_TEXT_PX + ')' : '') : ' (info)'}`;
    } else if (r.isMethodology) {
      textNote = ', no visible chart text';
    }
  }
  const ok = nViol === 0 && !overflowing && !textFail;
  ok ? passed++ : failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${r.rel} @${r.width}: axe ${nViol} violation${nViol === 1 ? '' : 's'} (${nNodes} node${nNodes === 1 ? '' : 's'}), overflow ${overflowing ? 'yes' : 'no'}${textNote} [${r.ms} ms]`);
  for (const v of r.axe.violations) {
    console.log(`     axe ${v.id} (${v.impact}, ${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'}): ${v.help}`);
    for (const n of v.nodes) {
      console.log(`       - ${n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : t)).join(', ')}`);
      console.log(`         ${oneLine(n.failureSummary)}`);
    }
  }
  if (overflowing) {
    const o = r.overflow;
    console.log(`     overflow: scrollWidth ${o.scrollWidth} vs viewport ${o.viewport}; ${o.count} element${o.count === 1 ? '' : 's'} past the right edge, outermost:`);
    for (const e of o.roots.slice(0, 15)) {
      console.log(`       - ${e.selector}: right edge ${e.right}px, width ${e.width}px${e.text ? ` "${oneLine(e.text, 60)}"` : ''}${e.notes.length ? ' — ' + e.notes.join('; ') : ''}`);
    }
    if (o.roots.length > 15) console.log(`       … and ${o.roots.length - 15} more`);
  }
  if (r.svgText && (textFail || process.env.VERBOSE)) {
    for (const s of r.svgText) {
      if (!s.min) continue;
      console.log(`     svg ${s.name}: rendered ${s.renderedWidth.toFixed(1)}px / viewBox ${s.viewBoxWidth ?? '-'} = x${s.scale.toFixed(3)}; smallest text ${s.min.size}px -> ${s.min.px.toFixed(2)}px "${s.min.text}"`);
    }
  }
  if (r.axe.incomplete.length) {
    console.log(`     (axe needs review, not failed: ${r.axe.incomplete.map((v) => `${v.id}×${v.nodes.length}`).join(', ')})`);
  }
  for (const u of r.blocked) console.log(`     (blocked request: ${u})`);
  for (const c of r.consoleErrors) console.log(`     (console: ${oneLine(c)})`);
}
console.log(`screenshots: ${SCREENSHOTS} (${results.length} PNG)`);
console.log(`browser time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
