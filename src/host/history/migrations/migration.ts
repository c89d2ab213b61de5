/** One step of the history database's schema; `version` numbers run 1, 2, 3… without gaps. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
