/** The columns of a row that hold a value: a SQL NULL becomes an absent key, as the app's optional fields are. */
export function presentColumns<Row extends Record<string, unknown>>(
  row: Row,
): { [Column in keyof Row]?: Exclude<Row[Column], null> } {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null)) as {
    [Column in keyof Row]?: Exclude<Row[Column], null>;
  };
}
