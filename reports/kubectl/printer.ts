// The shape of one kind's table, as kubectl's server-side printers define it:
// column definitions (priority 1 = only with -o wide) and a row function that
// yields a cell for every column; the table layer drops the wide ones.

import type { KubeObject } from '../../model/api/types.js';

export interface Column {
  /** Header as upstream spells it; the table prints it upper-cased. */
  name: string;
  /** 0 for default output, 1 for `-o wide` only. */
  priority?: 0 | 1;
  /** The column that holds the object name; it gets the `kind/` prefix. */
  isName?: boolean;
}

export interface PrintContext {
  /** Virtual now, epoch milliseconds. */
  now: number;
  /** `-o wide`: some cells (load-balancer addresses) are clipped only without it. */
  wide: boolean;
}

export interface KindPrinter {
  columns: readonly Column[];
  row(obj: KubeObject, ctx: PrintContext): string[];
}

export const NAME: Column = { name: 'Name', isName: true };
export const AGE: Column = { name: 'Age' };
export const wide = (name: string): Column => ({ name, priority: 1 });
export const col = (name: string): Column => ({ name });
