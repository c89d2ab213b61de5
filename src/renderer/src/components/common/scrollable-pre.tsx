import { type ComponentProps, forwardRef } from 'react';

/** Preformatted text that may scroll: in the tab order, so keyboard users can scroll it (WCAG 2.1.1). */
export const ScrollablePre = forwardRef<HTMLPreElement, ComponentProps<'pre'>>(
  function ScrollablePre(props, ref) {
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable)
    return <pre ref={ref} tabIndex={0} {...props} />;
  },
);
