import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, plainText, safeHref, type Block, type Inline } from './markdown';

// Every link target anywhere in the tree.
function hrefs(blocks: Block[]): string[] {
  const fromInline = (nodes: Inline[]): string[] =>
    nodes.flatMap((n) =>
      n.kind === 'link' ? [n.href, ...fromInline(n.children)] : n.kind === 'strong' || n.kind === 'em' ? fromInline(n.children) : [],
    );
  return blocks.flatMap((b) =>
    b.kind === 'paragraph' || b.kind === 'heading'
      ? fromInline(b.children)
      : b.kind === 'list'
        ? b.items.flatMap(fromInline)
        : b.kind === 'quote'
          ? hrefs(b.children)
          : [],
  );
}

describe('parseMarkdown', () => {
  it('reads headings, paragraphs, lists, quotes, code and rules', () => {
    const blocks = parseMarkdown(
      '# Title\n\nOne line\ncontinued.\n\n- a\n- b\n  more b\n\n3. three\n4. four\n\n> quoted\n\n```\n<b>x</b>\n```\n\n---',
    );
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'quote', 'code', 'rule']);
    expect(blocks[1]).toEqual({ kind: 'paragraph', children: [{ kind: 'text', text: 'One line continued.' }] });
    const bullets = blocks[2] as Extract<Block, { kind: 'list' }>;
    expect(bullets.ordered).toBe(false);
    expect(bullets.items).toEqual([[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b more b' }]]);
    const numbered = blocks[3] as Extract<Block, { kind: 'list' }>;
    expect(numbered.ordered).toBe(true);
    expect(numbered.start).toBe(3);
    expect(blocks[5]).toEqual({ kind: 'code', text: '<b>x</b>' });
  });

  it('reads emphasis, code, links and escapes', () => {
    expect(parseInline('**bold** and *em* and _em_ and `x*y`')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'bold' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'em', children: [{ kind: 'text', text: 'em' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'em', children: [{ kind: 'text', text: 'em' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'code', text: 'x*y' },
    ]);
    expect(parseInline('[Guide](https://example.com/a?b=1)')).toEqual([
      { kind: 'link', href: 'https://example.com/a?b=1', children: [{ kind: 'text', text: 'Guide' }] },
    ]);
    expect(parseInline('\\*not em\\*')).toEqual([{ kind: 'text', text: '*not em*' }]);
    expect(parseInline('2 * 3 * 4')).toEqual([{ kind: 'text', text: '2 * 3 * 4' }]);
  });

  it('keeps raw HTML as text, never as markup', () => {
    const source = '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n- <iframe src="https://evil">';
    const blocks = parseMarkdown(source);
    // Only text nodes: the renderer has nothing to turn into elements.
    expect(JSON.stringify(blocks)).not.toContain('"kind":"link"');
    expect(blocks[0]).toEqual({ kind: 'paragraph', children: [{ kind: 'text', text: '<script>alert(1)</script>' }] });
    expect(blocks[1]).toEqual({ kind: 'paragraph', children: [{ kind: 'text', text: '<img src=x onerror="alert(2)">' }] });
  });

  it('drops link targets that are not http, https, mailto or a path on this site', () => {
    const attempts = [
      '[a](javascript:alert(1))',
      '[b](JavaScript:alert(1))',
      '[c](  javascript:alert(1))',
      '[d](java\tscript:alert(1))',
      '[e](data:text/html;base64,PHNjcmlwdD4=)',
      '[f](vbscript:msgbox)',
      '[g](//evil.example/x)',
      '[h](/\\evil.example)',
      '[i](&#106;avascript:alert(1))',
      '[j](file:///etc/passwd)',
    ];
    const blocks = parseMarkdown(attempts.join('\n\n'));
    expect(hrefs(blocks)).toEqual([]);
    // The link's words stay, as text.
    expect(blocks[0]).toEqual({ kind: 'paragraph', children: [{ kind: 'text', text: 'a' }] });
    expect(hrefs(parseMarkdown('[ok](https://a.example) [mail](mailto:x@a.example) [here](/resources/2)'))).toEqual([
      'https://a.example',
      'mailto:x@a.example',
      '/resources/2',
    ]);
  });

  it('safeHref refuses control characters and other schemes', () => {
    expect(safeHref('https://a.example')).toBe('https://a.example');
    expect(safeHref('HTTP://A.EXAMPLE')).toBe('HTTP://A.EXAMPLE');
    expect(safeHref('javascript:x')).toBeUndefined();
    expect(safeHref('https://a.example/\nx')).toBeUndefined();
    expect(safeHref('relative/path')).toBeUndefined();
  });

  it('plainText makes a short excerpt without markup', () => {
    expect(plainText('## Why\n\nSay **hello**, then [listen](https://a.example).')).toBe('Say hello, then listen.');
    const long = plainText('word '.repeat(100), 20);
    expect(long.length).toBeLessThanOrEqual(21);
    expect(long.endsWith('…')).toBe(true);
  });
});
