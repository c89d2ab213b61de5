import { memo } from 'react';
import Markdown from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkBreaks from 'remark-breaks';
import remarkGfm from 'remark-gfm';
import { CodeBlock } from './code-block';
import { rendersAsMarkdown } from './markdown-limits';

// Line breaks are kept as typed (models often answer with single newlines between items).
const remarkPlugins = [remarkGfm, remarkBreaks];
const rehypePlugins = [[rehypeHighlight, { detect: true }] as [typeof rehypeHighlight, { detect: boolean }]];

/**
 * An answer's markdown (GFM, highlighted code; raw HTML is not rendered), with a caret while streaming.
 * Text too deeply nested or too long to render safely is shown as plain text (`markdown-limits.ts`).
 */
export const MarkdownText = memo(function MarkdownText({
  text,
  streaming,
}: {
  readonly text: string;
  readonly streaming: boolean;
}) {
  if (!rendersAsMarkdown(text)) {
    return (
      <div className={`markdown plain-text${streaming ? ' is-streaming' : ''}`} data-testid="answer-text">
        {text}
      </div>
    );
  }
  return (
    <div className={`markdown${streaming ? ' is-streaming' : ''}`} data-testid="answer-text">
      <Markdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={{
          a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noreferrer noopener" />,
          pre: ({ node: _node, ...props }) => <CodeBlock {...props} />,
        }}
      >
        {text}
      </Markdown>
    </div>
  );
});
