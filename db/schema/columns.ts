// The column helpers the table files share (not re-exported by db/schema.ts).
import type { ColumnType } from 'kysely';

/** A column the database fills when an insert leaves it out (a DEFAULT). */
export type Default<T> = ColumnType<T, T | undefined, T>;
