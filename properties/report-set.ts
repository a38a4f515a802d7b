// Report sets that readers see whole: the files of one report (check-1.md
// and check-1.json; a bench run's JSON, Markdown and SVG charts) change
// together or not at all.
//
// A set NAME in DIR is a generation directory DIR/.sets/NAME-<pid>-<ms>-<n>/
// holding the files, and one symlink DIR/NAME.set pointing to it. Each public
// name DIR/<file> is a relative symlink to NAME.set/<file>, made once.
// Writing a set writes every file into a fresh generation directory, then
// renames a temporary symlink over DIR/NAME.set (rename is atomic on POSIX),
// then removes the generation it replaced. Readers that open the public
// names follow NAME.set, so each open sees the old set or the new one. There
// is still a window between a reader's own two opens in which a writer can
// swap the set; no symlink scheme closes that (a reader that must see one set
// can resolve DIR/NAME.set once, with realpath, and open the files inside
// that generation: it sees them whole or, if a later write removed it, not
// at all; or compare readlink of DIR/NAME.set before and after). What
// is guaranteed is that an interrupted *writer* never leaves a mix: until the
// one rename, every public name shows the previous set, and after it, the
// new one. A writer killed before the rename leaves only a generation
// directory under .sets, which the next write of that set removes.
//
// Public names that exist as regular files (reports from before sets, or a
// copy put there by hand) are first adopted into the current generation,
// so they keep their content while the link replaces them, then swapped
// with the rest. Windows is not a target.
import {
  copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';

/** DIR cannot hold reports (it, or a component of its path, is not a directory). One line; the CLI exits 2. */
export class ReportDirError extends Error {
  constructor(message: string) { super(message); this.name = 'ReportDirError'; }
}

/** A path as the user would name it: relative to the working directory when inside it. */
function shown(path: string): string {
  const r = relative(process.cwd(), path);
  return r !== '' && !r.startsWith('..') && !isAbsolute(r) ? r : path;
}

export const SETS_DIR = '.sets';
export const SET_SUFFIX = '.set';

/** One file of a set: its public name in DIR (no slashes) and its text. */
export interface SetFile { file: string; text: string }

export interface WriteSetOptions {
  /** Writes one file of the new generation; tests inject failures here. */
  write?: (path: string, text: string) => void;
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code;

/**
 * Throws a ReportDirError when reports cannot be written to `dir`: it, or a
 * component of its path, exists and is not a directory. A missing directory
 * is fine (the writer creates it). Writes nothing.
 */
export function checkReportDir(dir: string): void {
  const notDir = (extra = '') => new ReportDirError(`cannot write reports: ${shown(dir)} is not a directory${extra}`);
  let p = dir;
  for (;;) {
    try {
      if (statSync(p).isDirectory()) return;
      throw notDir(p === dir ? '' : ` (${shown(p)} is a file)`);
    } catch (e) {
      if (e instanceof ReportDirError) throw e;
      // ENOTDIR: a component further up is a file; ENOENT: look at the parent.
      if (code(e) !== 'ENOENT' && code(e) !== 'ENOTDIR') {
        throw new ReportDirError(`cannot write reports: ${shown(dir)}: ${code(e) ?? (e as Error).message}`);
      }
      const up = dirname(p);
      if (up === p) return;
      p = up;
    }
  }
}

function ensureDir(dir: string): void {
  checkReportDir(dir);
  try { mkdirSync(dir, { recursive: true }); } catch (e) {
    throw new ReportDirError(`cannot write reports: ${shown(dir)}: ${code(e) ?? (e as Error).message}`);
  }
}

// The unique part of generation and temporary names. Reporting only: the
// model's determinism never sees these names.
let counter = 0;
const unique = () => `${process.pid}-${Date.now()}-${counter++}`;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const generationPattern = (name: string) => new RegExp(`^${escapeRe(name)}-(\\d+)-\\d+-\\d+$`);

function checkPlainName(what: string, n: string): void {
  if (n === '' || n.includes('/') || n.includes('\0') || n.startsWith('.')) {
    throw new Error(`report set: bad ${what} ${JSON.stringify(n)}`);
  }
}

/** Make a fresh, empty generation directory for `name`; returns its path. */
function freshGeneration(sets: string, name: string): string {
  for (;;) {
    const gen = join(sets, `${name}-${unique()}`);
    try { mkdirSync(gen); return gen; } catch (e) {
      if (code(e) !== 'EEXIST') throw e;
    }
  }
}

/** Rename a temporary symlink to `target` over `path`; the temporary is removed if that fails. */
function placeSymlink(target: string, path: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${unique()}.tmp`);
  try {
    symlinkSync(target, tmp);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (code(e) === 'EISDIR') {
      throw new ReportDirError(`cannot write reports: ${shown(path)} is a directory`);
    }
    throw e;
  }
}

function readlinkOrUndefined(path: string): string | undefined {
  try { return readlinkSync(path); } catch { return undefined; }
}

/** The generation directory DIR/NAME.set points to now, if it is one of ours. */
function currentGeneration(dir: string, name: string): string | undefined {
  const target = readlinkOrUndefined(join(dir, name + SET_SUFFIX));
  if (target === undefined) return undefined;
  const prefix = `${SETS_DIR}/`;
  if (!target.startsWith(prefix) || !generationPattern(name).test(target.slice(prefix.length))) return undefined;
  return join(dir, target);
}

const linkTarget = (name: string, file: string) => `${name}${SET_SUFFIX}/${file}`;

/**
 * Make DIR/<file> the symlink NAME.set/<file>. Something else there (a
 * regular file from an older version, a symlink elsewhere) keeps its content
 * through the change: it is copied into the current generation first, so
 * the link shows the same bytes until the new set is swapped in.
 */
function linkPublic(dir: string, sets: string, name: string, file: string): void {
  const path = join(dir, file);
  const target = linkTarget(name, file);
  let st;
  try { st = lstatSync(path); } catch (e) {
    if (code(e) !== 'ENOENT') throw e;
    // New name: the link may point at nothing until the swap, as the name did.
    placeSymlink(target, path);
    return;
  }
  if (st.isSymbolicLink() && readlinkSync(path) === target) return;
  if (st.isDirectory()) throw new ReportDirError(`cannot write reports: ${shown(path)} is a directory`);
  let current = currentGeneration(dir, name);
  if (current === undefined) {
    current = freshGeneration(sets, name);
    placeSymlink(`${SETS_DIR}/${basename(current)}`, join(dir, name + SET_SUFFIX));
  }
  const kept = join(current, file);
  if (!existsSync(kept)) {
    const tmp = join(current, `.${file}.${unique()}.tmp`);
    try {
      copyFileSync(path, tmp);
      renameSync(tmp, kept);
    } catch (e) {
      rmSync(tmp, { force: true });
      // A dangling symlink has nothing to keep; anything else is a real failure.
      if (!(code(e) === 'ENOENT' && st.isSymbolicLink())) throw e;
    }
  }
  placeSymlink(target, path);
}

function pidAlive(pid: number): boolean {
  if (pid === process.pid) return false; // ours: finished or failed, never in progress here
  try { process.kill(pid, 0); return true; } catch (e) { return code(e) === 'EPERM'; }
}

/**
 * Remove the generations of `name` other than `keep`: the one just replaced,
 * and any left by a writer that was killed (its process is gone). A
 * generation of another live process may be a write in progress: left alone.
 */
function removeStale(sets: string, name: string, keep: string, replaced: string | undefined): void {
  if (replaced !== undefined && replaced !== keep) rmSync(replaced, { recursive: true, force: true });
  const pattern = generationPattern(name);
  let entries: string[];
  try { entries = readdirSync(sets); } catch { return; }
  for (const entry of entries) {
    const m = pattern.exec(entry);
    if (!m || join(sets, entry) === keep || pidAlive(Number(m[1]))) continue;
    rmSync(join(sets, entry), { recursive: true, force: true });
  }
}

/** Public links of this set to files the new set no longer has (a chart that went away). */
function removeObsoleteLinks(dir: string, name: string, files: ReadonlySet<string>): void {
  const prefix = `${name}${SET_SUFFIX}/`;
  for (const entry of readdirSync(dir)) {
    const target = readlinkOrUndefined(join(dir, entry));
    if (target === undefined || !target.startsWith(prefix)) continue;
    if (target.slice(prefix.length) === entry && !files.has(entry)) rmSync(join(dir, entry), { force: true });
  }
}

/**
 * Write the report set `name` in `dir` (created if missing): every file at
 * once, as readers see it. Returns the public paths, DIR/<file>, in order.
 * On failure before the swap the previous set is untouched and the new
 * generation is removed; the error is rethrown.
 */
export function writeReportSet(dir: string, name: string, files: readonly SetFile[], options: WriteSetOptions = {}): string[] {
  checkPlainName('set name', name);
  const names = new Set<string>();
  for (const { file } of files) {
    checkPlainName('file name', file);
    if (file === name + SET_SUFFIX || names.has(file)) throw new Error(`report set: bad file name ${JSON.stringify(file)}`);
    names.add(file);
  }
  const write = options.write ?? ((path: string, text: string) => writeFileSync(path, text));
  ensureDir(dir);
  const sets = join(dir, SETS_DIR);
  mkdirSync(sets, { recursive: true });
  const gen = freshGeneration(sets, name);
  try {
    for (const { file, text } of files) write(join(gen, file), text);
    for (const { file } of files) linkPublic(dir, sets, name, file);
  } catch (e) {
    rmSync(gen, { recursive: true, force: true });
    throw e;
  }
  const replaced = currentGeneration(dir, name);
  try {
    placeSymlink(`${SETS_DIR}/${basename(gen)}`, join(dir, name + SET_SUFFIX));
  } catch (e) {
    rmSync(gen, { recursive: true, force: true });
    throw e;
  }
  // The new set is in place: what follows is tidying; a failure there loses nothing.
  try {
    removeObsoleteLinks(dir, name, names);
    removeStale(sets, name, gen, replaced);
  } catch { /* the next write tidies again */ }
  return files.map(({ file }) => join(dir, file));
}
