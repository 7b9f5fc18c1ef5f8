// A small Markdown reader for mentor resources: turns text into a tree that Markdown.tsx renders
// as React elements. Safe by construction: there is no HTML in the tree at all (a "<script>" in
// the text stays text, and React escapes it), and a link keeps its target only when it is
// http:, https:, mailto: or a path on this site ("/resources/3"); any other (javascript:, data:,
// vbscript:, "//elsewhere") becomes plain text.
//
// The subset: headings (#), paragraphs, bullet lists (- or *), numbered lists (1.), quotes (>),
// fenced code (```), rules (---), and inline **strong**, *emphasis* / _emphasis_, `code`,
// [links](https://…) and backslash escapes.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

/** The link target to keep, or undefined when it is not one of the allowed kinds. */
export function safeHref(raw: string): string | undefined {
  const href = raw.trim();
  // Browsers ignore tabs and line breaks inside URLs ("java\tscript:"): none may remain.
  for (const ch of href) {
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || /\s/.test(ch)) return undefined;
  }
  if (/^(https?:\/\/|mailto:)/i.test(href)) return href;
  if (href.startsWith('/') && !href.startsWith('//') && !href.startsWith('/\\')) return href;
  return undefined;
}

const ESCAPABLE = '\\`*_{}[]()#+-.!>~|';

function pushText(out: Inline[], text: string) {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.kind === 'text') last.text += text;
  else out.push({ kind: 'text', text });
}

// Where the parenthesis that closes a link's target is (targets may hold balanced ones), or -1.
function closingParen(text: string, from: number): number {
  let open = 0;
  for (let j = from; j < text.length; j += 1) {
    if (text.charAt(j) === '(') open += 1;
    else if (text.charAt(j) === ')') {
      if (open === 0) return j;
      open -= 1;
    }
  }
  return -1;
}

/** The inline content of one block's text. */
export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let i = 0;
  let plain = '';
  const flush = () => {
    pushText(out, plain);
    plain = '';
  };
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length && ESCAPABLE.includes(text.charAt(i + 1))) {
      plain += text.charAt(i + 1);
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i) {
        flush();
        out.push({ kind: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (depth < 4 && (c === '*' || c === '_')) {
      const strong = text.charAt(i + 1) === c;
      const marker = strong ? c + c : c;
      const start = i + marker.length;
      const end = text.indexOf(marker, start);
      // An opening marker is followed, and a closing one preceded, by something other than space.
      if (end > start && text.charAt(start) !== ' ' && text.charAt(end - 1) !== ' ') {
        flush();
        const children = parseInline(text.slice(start, end), depth + 1);
        out.push(strong ? { kind: 'strong', children } : { kind: 'em', children });
        i = end + marker.length;
        continue;
      }
    }
    if (c === '[' && depth < 4) {
      const close = text.indexOf('](', i + 1);
      const endUrl = close > i ? closingParen(text, close + 2) : -1;
      if (close > i && endUrl > close) {
        flush();
        const label = parseInline(text.slice(i + 1, close), depth + 1);
        const href = safeHref(text.slice(close + 2, endUrl));
        if (href) out.push({ kind: 'link', href, children: label });
        else for (const part of label) out.push(part);
        i = endUrl + 1;
        continue;
      }
    }
    plain += c;
    i += 1;
  }
  flush();
  return out;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const FENCE = /^\s{0,3}```/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;

function isBlank(line: string) {
  return line.trim() === '';
}

function startsBlock(line: string) {
  return HEADING.test(line) || BULLET.test(line) || NUMBERED.test(line) || RULE.test(line) || FENCE.test(line) || QUOTE.test(line);
}

/** The blocks of a whole text. */
export function parseMarkdown(source: string, depth = 0): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const at = (k: number): string => lines[k] ?? '';
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = at(i);
    if (isBlank(line)) {
      i += 1;
      continue;
    }
    if (FENCE.test(line)) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !FENCE.test(at(i))) body.push(at(i++));
      i += 1; // the closing fence (or the end)
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = Math.min((heading[1] ?? '#').length, 4) as 1 | 2 | 3 | 4;
      blocks.push({ kind: 'heading', level, children: parseInline(heading[2] ?? '') });
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i += 1;
      continue;
    }
    if (QUOTE.test(line) && depth < 3) {
      const inner: string[] = [];
      for (let m = QUOTE.exec(at(i)); m && i < lines.length; m = QUOTE.exec(at(++i))) inner.push(m[1] ?? '');
      blocks.push({ kind: 'quote', children: parseMarkdown(inner.join('\n'), depth + 1) });
      continue;
    }
    const bullet = BULLET.test(line);
    const numbered = NUMBERED.exec(line);
    if (bullet || numbered) {
      const pattern = bullet ? BULLET : NUMBERED;
      const items: string[] = [];
      while (i < lines.length) {
        const current = at(i);
        const item = pattern.exec(current);
        if (item) {
          items.push((bullet ? item[1] : item[2]) ?? '');
        } else if (!isBlank(current) && !startsBlock(current) && items.length > 0) {
          items[items.length - 1] += ' ' + current.trim(); // a continued item
        } else if (isBlank(current) && i + 1 < lines.length && pattern.test(at(i + 1))) {
          // a blank line between items keeps the list going
        } else {
          break;
        }
        i += 1;
      }
      blocks.push({
        kind: 'list',
        ordered: !bullet,
        start: numbered ? Number(numbered[1]) : 1,
        items: items.map((t) => parseInline(t)),
      });
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && !isBlank(at(i)) && (paragraph.length === 0 || !startsBlock(at(i)))) {
      paragraph.push(at(i).trim());
      i += 1;
    }
    blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join(' ')) });
  }
  return blocks;
}

/** The text without its markup, for excerpts in lists ("Say hello. Then …"). */
export function plainText(source: string, maxChars = 180): string {
  const flat = (inlines: Inline[]): string =>
    inlines.map((n) => (n.kind === 'text' || n.kind === 'code' ? n.text : flat(n.children))).join('');
  const parts: string[] = [];
  const walk = (blocks: Block[]) => {
    for (const b of blocks) {
      // Headings are left out: "Signs Meetings keep being moved" reads as one broken sentence.
      if (b.kind === 'paragraph') parts.push(flat(b.children));
      else if (b.kind === 'list') parts.push(...b.items.map(flat));
      else if (b.kind === 'quote') walk(b.children);
    }
  };
  walk(parseMarkdown(source));
  const text = parts.join(' ').replace(/\s+/g, ' ').trim();
  return text.length > maxChars ? text.slice(0, maxChars).replace(/\s+\S*$/, '') + '…' : text;
}
