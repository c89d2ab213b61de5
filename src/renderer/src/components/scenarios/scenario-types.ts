/** A one-click step of a scenario walkthrough (see scenario-actions.ts). */
export type ScenarioAction =
  | { readonly kind: 'ensure-worker' }
  | { readonly kind: 'send'; readonly prompt: string; readonly newConversation?: boolean }
  | { readonly kind: 'stop-worker' }
  | { readonly kind: 'kill-worker' }
  | { readonly kind: 'restart-worker' }
  | { readonly kind: 'add-worker' }
  | { readonly kind: 'stop-all-workers' }
  | { readonly kind: 'set-timeout'; readonly timeoutMs: number | null }
  | { readonly kind: 'move-workers'; readonly taskQueue: string | 'default' }
  | { readonly kind: 'reload-page' }
  | { readonly kind: 'kill-temporal' }
  | { readonly kind: 'start-temporal' };

export interface ScenarioStep {
  /** What to do, one sentence. */
  readonly text: string;
  /** The button doing it (absent: something to watch or do outside the app). */
  readonly action?: { readonly label: string; readonly run: ScenarioAction };
  /** What you should see. */
  readonly expect?: string;
}

export interface Scenario {
  /** The seed's number: 1, 2, 3a… */
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly steps: readonly ScenarioStep[];
  /** What it proves. */
  readonly lesson: string;
}
