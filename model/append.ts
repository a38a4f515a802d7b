// Appending one list to another without a spread. `to.push(...list)` passes
// every element as an argument, and past a hundred thousand or so (one field
// error per element of a big input list, the objects of a big store) that
// passes the engine's limit: "Maximum call stack size exceeded".

/** Append the elements of each list to `to`, one at a time; returns `to`. */
export function append<T>(to: T[], ...lists: ReadonlyArray<readonly T[]>): T[] {
  for (const list of lists) for (const x of list) to.push(x);
  return to;
}
