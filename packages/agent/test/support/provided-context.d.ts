import 'vitest';

declare module 'vitest' {
  /** Values `global-setup.ts` provides to every test file (read them with `inject`). */
  export interface ProvidedContext {
    /** `host:port` of the Temporal dev server shared by the whole test run. */
    temporalAddress: string;
  }
}
