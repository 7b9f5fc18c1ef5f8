// Writes FILE.gz and FILE.br beside each text file of the built UI (JS, CSS, HTML, SVG, JSON),
// so the server sends them as they are to browsers that accept them (src/api/static_files.h)
// instead of compressing per request. A variant that would not be smaller is not written.
// Usage: node scripts/precompress.mjs [DIR]   (default: dist)
import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt)$/;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

const root = process.argv[2] ?? 'dist';
let before = 0;
let afterGzip = 0;
let afterBrotli = 0;
for (const path of files(root)) {
  if (path.endsWith('.gz') || path.endsWith('.br')) {
    unlinkSync(path); // left from an earlier run over the same directory
    continue;
  }
  if (!COMPRESSIBLE.test(path)) continue;
  const bytes = readFileSync(path);
  const variants = {
    '.gz': gzipSync(bytes, { level: 9 }),
    '.br': brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  };
  before += bytes.length;
  afterGzip += Math.min(variants['.gz'].length, bytes.length);
  afterBrotli += Math.min(variants['.br'].length, bytes.length);
  for (const [suffix, compressed] of Object.entries(variants)) {
    if (compressed.length < bytes.length) writeFileSync(path + suffix, compressed);
  }
}
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
console.log(
  `precompressed ${root}: ${kb(before)} of text files, ${kb(afterGzip)} gzip, ${kb(afterBrotli)} brotli`,
);
