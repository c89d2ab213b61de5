import type { Page } from '@playwright/test';

/**
 * Watches the last answer's text in the page with a MutationObserver: every time its length changes, the
 * time (the page's `Date.now()`, the same clock as the host's on one machine) and the new length.
 */
export async function watchAnswerText(page: Page): Promise<void> {
  await page.evaluate(() => {
    const updates: { at: number; length: number }[] = [];
    let length = 0;
    const observer = new MutationObserver(() => {
      const answers = document.querySelectorAll('[data-testid="answer-text"]');
      const now = answers[answers.length - 1]?.textContent?.length ?? 0;
      if (now === length) return;
      length = now;
      updates.push({ at: Date.now(), length: now });
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    (window as unknown as { answerTextUpdates: typeof updates }).answerTextUpdates = updates;
  });
}

export function answerTextUpdates(page: Page): Promise<{ at: number; length: number }[]> {
  return page.evaluate(
    () => (window as unknown as { answerTextUpdates: { at: number; length: number }[] }).answerTextUpdates,
  );
}

export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}
