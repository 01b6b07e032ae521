/** One schema step: `sql` runs once, in the transaction that raises the schema version to `version`. */
export interface Migration {
  version: number;
  sql: string;
}
