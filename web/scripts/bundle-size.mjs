// What each page of the built UI loads first, gzip-compressed: index.html, the entry chunk and
// its static imports and CSS, plus the page's own chunk and its static imports and CSS (files
// loaded later, through dynamic imports, are not counted). Reads Vite's manifest
// (dist/.vite/manifest.json). Prints one line per page, largest first, then the largest figure
// against the goal; exits 1 when a page is over it.
// Usage: node scripts/bundle-size.mjs [DIR]   (default: dist)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const GOAL_BYTES = 300_000; // 300 kB gzip on the first load of any page (issue 18)

const root = process.argv[2] ?? 'dist';
const manifest = JSON.parse(readFileSync(join(root, '.vite', 'manifest.json'), 'utf8'));

const gzipSizes = new Map();
function gzipSize(file) {
  if (!gzipSizes.has(file)) {
    gzipSizes.set(file, gzipSync(readFileSync(join(root, file)), { level: 9 }).length);
  }
  return gzipSizes.get(file);
}

// The files a chunk brings with it before it runs: itself, its CSS and its static imports.
function firstLoad(key, out = new Set()) {
  const chunk = manifest[key];
  if (!chunk || out.has(chunk.file)) return out;
  out.add(chunk.file);
  for (const css of chunk.css ?? []) out.add(css);
  for (const imported of chunk.imports ?? []) firstLoad(imported, out);
  return out;
}

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) throw new Error(`no entry chunk in ${root}/.vite/manifest.json`);
const shell = firstLoad(entryKey, new Set(['index.html']));
const pages = Object.keys(manifest).filter(
  (key) => manifest[key].isDynamicEntry && /^src\/pages\/(.*\/)?[A-Za-z]+Page\.tsx$/.test(key),
);
const rows = pages.map((key) => {
  const files = firstLoad(key, new Set(shell));
  let bytes = 0;
  for (const file of files) bytes += gzipSize(file);
  return { page: key.replace(/^src\/pages\//, '').replace(/\.tsx$/, ''), bytes, files: files.size };
});
rows.sort((a, b) => b.bytes - a.bytes);
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
for (const row of rows) {
  console.log(`  ${row.page.padEnd(32)} ${kb(row.bytes).padStart(9)} gzip in ${row.files} files`);
}
const worst = rows[0];
const ok = worst.bytes <= GOAL_BYTES;
console.log(
  `first load: largest ${kb(worst.bytes)} gzip (${worst.page}), goal <= ${kb(GOAL_BYTES)}: ` +
    (ok ? 'met' : 'NOT met'),
);
process.exit(ok ? 0 : 1);
