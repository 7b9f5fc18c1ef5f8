import { Fragment, type ReactNode } from 'react';
import { Anchor, Blockquote, Box, Code, Divider, List, Text, Title } from '@mantine/core';
import { Link as RouterLink } from 'react-router-dom';
import { parseMarkdown, type Block, type Inline } from './markdown';

// Renders a Markdown text (markdown.ts's subset) as React elements: never HTML from the text, so
// nothing in a resource's body can become live markup or script.

function InlineNodes({ nodes }: { nodes: Inline[] }) {
  return (
    <>
      {nodes.map((n, i) => {
        switch (n.kind) {
          case 'text':
            return <Fragment key={i}>{n.text}</Fragment>;
          case 'strong':
            return (
              <strong key={i}>
                <InlineNodes nodes={n.children} />
              </strong>
            );
          case 'em':
            return (
              <em key={i}>
                <InlineNodes nodes={n.children} />
              </em>
            );
          case 'code':
            return <Code key={i}>{n.text}</Code>;
          case 'link':
            return n.href.startsWith('/') ? (
              <Anchor key={i} component={RouterLink} to={n.href}>
                <InlineNodes nodes={n.children} />
              </Anchor>
            ) : (
              <Anchor key={i} href={n.href} target="_blank" rel="noopener noreferrer nofollow">
                <InlineNodes nodes={n.children} />
              </Anchor>
            );
        }
      })}
    </>
  );
}

function BlockNode({ block }: { block: Block }): ReactNode {
  switch (block.kind) {
    case 'heading':
      // The page's own title is h1/h2: a resource's headings start one level below.
      return (
        <Title order={(Math.min(block.level + 2, 6)) as 3 | 4 | 5 | 6} mt="md" mb="xs">
          <InlineNodes nodes={block.children} />
        </Title>
      );
    case 'paragraph':
      return (
        <Text mb="sm">
          <InlineNodes nodes={block.children} />
        </Text>
      );
    case 'list':
      return (
        <List type={block.ordered ? 'ordered' : 'unordered'} start={block.ordered ? block.start : undefined} mb="sm" spacing={4}>
          {block.items.map((item, i) => (
            <List.Item key={i}>
              <InlineNodes nodes={item} />
            </List.Item>
          ))}
        </List>
      );
    case 'quote':
      return (
        <Blockquote mb="sm" p="sm">
          {block.children.map((b, i) => (
            <BlockNode key={i} block={b} />
          ))}
        </Blockquote>
      );
    case 'code':
      return <Code block mb="sm">{block.text}</Code>;
    case 'rule':
      return <Divider my="md" />;
  }
}

/** A Markdown text as safe React elements. */
export function Markdown({ source }: { source: string }) {
  const blocks = parseMarkdown(source);
  return (
    <Box data-testid="markdown">
      {blocks.map((b, i) => (
        <BlockNode key={i} block={b} />
      ))}
    </Box>
  );
}
