// Compares how Chromium draws newsfigures' chart SVGs with the PNG resvg
// drew from the same SVG (see ../README.md).
//
//   node .ci/browser/compare.mjs DIR [DIR...]
//
// For every charts/X.svg that has a charts/X.png beside it (the wide layout;
// the PNG is at twice the size), and with NARROW_PNGS for every narrow
// layout too (see below), Chromium opens the SVG alone at its size
// with a device scale factor of 2, and takes a screenshot. For each <text>
// element, the ink (pixels darker than the chart's greys and not coloured)
// inside the box Chromium gives the element (its font's ascent to descent,
// 1 CSS px wider each way) is compared between the two images at every
// shift of up to 4 CSS px across and down; the shift where they agree best
// is how far apart the two renderers put the text.
// A chart fails when any text is shifted by more than MAX_PX CSS pixels
// (default 2), or when more than MAX_MISS (default 0.6) of its ink, counted
// against the screenshot's ink, still differs at the best shift: the browser
// would then not be drawing the glyphs, or not at the places, the PNG has
// (fonts not embedded, or measured otherwise). Anti-aliased edges of thin
// grey text differ by up to about half their ink with the fonts embedded;
// without them, by more than all of it.
// Screenshots go to $SCREENSHOTS/compare (default /tmp/newsfigures-screens).
//
// Exit status: 0 all charts match, 1 some differ, 2 the tool itself failed.

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SCREENSHOTS = join(resolve(process.env.SCREENSHOTS || '/tmp/newsfigures-screens'), 'compare');
const MAX_PX = Number(process.env.MAX_PX || 2);
const MAX_MISS = Number(process.env.MAX_MISS || 0.6);
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node .ci/browser/compare.mjs DIR [DIR...]');
  process.exit(2);
}
if (!existsSync(CHROMIUM)) {
  console.error(`missing Chromium (apt-get install chromium): ${CHROMIUM}`);
  process.exit(2);
}

// The narrow layouts have no PNG of their own: with NARROW_PNGS set, each
// DIR's i-th narrow chart X.narrow.svg is compared with
// $NARROW_PNGS/<i>/X.narrow.png, which the renderer drew from it
// (examples/svg_png.rs), and a narrow chart without one is a failure.
const NARROW_PNGS = process.env.NARROW_PNGS;
const charts = [];
const missing = [];
dirs.forEach((dir, i) => {
  const d = join(dir, 'charts');
  for (const f of readdirSync(d).sort()) {
    if (!f.endsWith('.svg')) continue;
    if (f.endsWith('.narrow.svg')) {
      if (!NARROW_PNGS) continue;
      const png = join(NARROW_PNGS, String(i), f.replace(/\.svg$/, '.png'));
      if (existsSync(png)) charts.push({ svg: join(d, f), png });
      else missing.push(png);
      continue;
    }
    const png = join(d, f.replace(/\.svg$/, '.png'));
    if (existsSync(png)) charts.push({ svg: join(d, f), png });
  }
});
if (missing.length > 0) {
  console.error(`no PNG drawn for these narrow charts:\n  ${missing.join('\n  ')}`);
  process.exit(2);
}
if (charts.length === 0) {
  console.error(`no chart with a PNG under ${dirs.join(', ')}`);
  process.exit(2);
}

// In the page: the ink box of each text box in two images (data URLs).
async function inkBoxes({ a, b, boxes, scale }) {
  const load = (src) => new Promise((ok, fail) => {
    const img = new Image();
    img.onload = () => ok(img);
    img.onerror = fail;
    img.src = src;
  });
  const pixels = async (src) => {
    const img = await load(src);
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    return { w: img.width, h: img.height, d: g.getImageData(0, 0, img.width, img.height).data };
  };
  const [pa, pb] = [await pixels(a), await pixels(b)];
  // Text ink: grey to black, unsaturated (bars are coloured, grid greys light).
  const ink = (p, x, y) => {
    const i = 4 * (y * p.w + x);
    const [r, g, bl] = [p.d[i], p.d[i + 1], p.d[i + 2]];
    return Math.max(r, g, bl) < 140 && Math.max(r, g, bl) - Math.min(r, g, bl) < 24;
  };
  // The window of a text box, in device pixels: Chromium's box (ascent to
  // descent), 1 px wider each way for ink that overhangs its advance.
  const windowOf = (p, r) => ({
    x0: Math.max(0, Math.floor((r.x - 1) * scale)),
    y0: Math.max(0, Math.floor((r.y - 1) * scale)),
    x1: Math.min(p.w, Math.ceil((r.x + r.width + 1) * scale)),
    y1: Math.min(p.h, Math.ceil((r.y + r.height + 1) * scale)),
  });
  // The shift of B's ink against A's that makes them agree best, searched
  // up to 8 device pixels each way: how far apart the two renderers put
  // the text; and the share of ink pixels that disagree at that shift (the
  // glyphs themselves differ when it is large).
  const shift = (r) => {
    const w = windowOf(pa, r);
    const inA = (x, y) => ink(pa, x, y);
    const inB = (x, y) => x >= 0 && y >= 0 && x < pb.w && y < pb.h && ink(pb, x, y);
    let count = 0;
    for (let y = w.y0; y < w.y1; y++) for (let x = w.x0; x < w.x1; x++) if (inA(x, y) || inB(x, y)) count++;
    if (count === 0) return null;
    let best = { miss: Infinity, dx: 0, dy: 0 };
    for (let dy = -8; dy <= 8; dy++) {
      for (let dx = -8; dx <= 8; dx++) {
        let miss = 0;
        for (let y = w.y0; y < w.y1 && miss < best.miss; y++) {
          for (let x = w.x0; x < w.x1; x++) if (inA(x, y) !== inB(x + dx, y + dy)) miss++;
        }
        const d = Math.abs(dx) + Math.abs(dy);
        if (miss < best.miss || (miss === best.miss && d < Math.abs(best.dx) + Math.abs(best.dy))) {
          best = { miss, dx, dy };
        }
      }
    }
    let inkA = 0;
    for (let y = w.y0; y < w.y1; y++) for (let x = w.x0; x < w.x1; x++) if (inA(x, y)) inkA++;
    return { dx: best.dx / scale, dy: best.dy / scale, miss: inkA ? best.miss / inkA : 1, inkA };
  };
  return {
    sizes: [[pa.w, pa.h], [pb.w, pb.h]],
    boxes: boxes.map((r) => ({ text: r.text, s: shift(r) })),
  };
}

const started = Date.now();
mkdirSync(SCREENSHOTS, { recursive: true });
const userDataDir = mkdtempSync(join(tmpdir(), 'newsfigures-chromium-'));
let context;
let failed = 0;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: ARGS, deviceScaleFactor: 2,
    viewport: { width: 640, height: 400 }, timeout: 60_000,
  });
  await context.route(/^(?!file:|data:|about:)/, (route) => route.abort('blockedbyclient'));
  const page = context.pages()[0] || (await context.newPage());
  for (const { svg, png } of charts) {
    const text = readFileSync(svg, 'utf8');
    const m = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(text);
    if (!m) throw new Error(`${svg}: no width and height`);
    const [w, h] = [Number(m[1]), Number(m[2])];
    await page.setViewportSize({ width: w, height: h });
    await page.goto(pathToFileURL(resolve(svg)).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const boxes = await page.evaluate(() => [...document.querySelectorAll('text')].map((t) => {
      const r = t.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, text: t.textContent.trim() };
    }));
    const shot = await page.screenshot({ type: 'png' });
    const name = relative(process.cwd(), svg).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
    writeFileSync(join(SCREENSHOTS, `${name}.chromium.png`), shot);
    await page.goto('about:blank');
    const result = await page.evaluate(inkBoxes, {
      a: `data:image/png;base64,${shot.toString('base64')}`,
      b: `data:image/png;base64,${readFileSync(png).toString('base64')}`,
      boxes, scale: 2,
    });
    const [[aw, ah], [bw, bh]] = result.sizes;
    let worst = { d: 0 };
    let worstMiss = 0;
    const problems = [];
    if (aw !== bw || ah !== bh) problems.push(`sizes differ: Chromium ${aw}x${ah}, PNG ${bw}x${bh}`);
    for (const { text: t, s: d } of result.boxes) {
      if (!d) continue;
      if (d.inkA === 0) { problems.push(`"${t}": ink in the PNG only`); continue; }
      const far = Math.max(Math.abs(d.dx), Math.abs(d.dy));
      if (far > worst.d || (far === worst.d && !worst.t)) worst = { d: far, t, dx: d.dx, dy: d.dy };
      worstMiss = Math.max(worstMiss, d.miss);
      if (far > MAX_PX) problems.push(`"${t}": drawn ${d.dx} px across and ${d.dy} px down from the PNG's`);
      if (d.miss > MAX_MISS) problems.push(`"${t}": ${(100 * d.miss).toFixed(0)}% of its ink differs at the best shift (other glyphs)`);
    }
    const ok = problems.length === 0;
    if (!ok) failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${relative(process.cwd(), svg)}: ${result.boxes.length} texts, largest shift ${worst.d.toFixed(1)} px${worst.t ? ` ("${worst.t.slice(0, 40)}")` : ''}, ink differing at the best shift at most ${(100 * worstMiss).toFixed(0)}%`);
    for (const p of problems.slice(0, 10)) console.log(`     ${p}`);
  }
} catch (e) {
  console.error(`compare could not run: ${e.stack || e}`);
  process.exitCode = 2;
} finally {
  if (context) await context.close().catch(() => {});
  rmSync(userDataDir, { recursive: true, force: true });
}
if (process.exitCode === 2) process.exit(2);
console.log(`screenshots: ${SCREENSHOTS}`);
console.log(`compare time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`compare: ${charts.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
