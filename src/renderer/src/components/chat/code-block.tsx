import { type ComponentProps, useRef } from 'react';
import { ScrollablePre } from '../common/scrollable-pre';
import { CopyButton } from './copy-button';

/** A fenced code block of an answer, with "Copy code" (the code as text, without highlighting). */
export function CodeBlock(props: ComponentProps<'pre'>) {
  const pre = useRef<HTMLPreElement>(null);
  return (
    <div className="code-block">
      <CopyButton text={() => pre.current?.textContent ?? ''} label="Copy code" />
      <ScrollablePre ref={pre} {...props} />
    </div>
  );
}
