// Report sets: the public names show one whole set; a failed or interrupted
// writer leaves the previous set readable and nothing half-made in DIR; old
// regular files are adopted; a DIR that is a file is a one-line error. And
// the writers that use it: writeReport (check), the bench's set and its
// search for earlier reports, writeAtomic's temporary file.
import {
  existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPrevious, writeBenchSet } from '../reports/bench/files.js';
import { runBenchReport } from '../bench/index.js';
import type { Suite } from '../bench/types.js';
import { writeAtomic } from './counterexample.js';
import { ReportDirError, checkReportDir, writeReportSet } from './report-set.js';
import { writeReport, type CheckReport } from './report.js';

let root: string;
let dir: string;
beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'kubemodel-set-')); dir = join(root, 'out'); });
afterEach(() => rmSync(root, { recursive: true, force: true }));

const set = (tag: string) => [{ file: 'check-1.md', text: `md ${tag}\n` }, { file: 'check-1.json', text: `{"tag":"${tag}"}\n` }];
const read = (file: string) => readFileSync(join(dir, file), 'utf8');
const generations = () => readdirSync(join(dir, '.sets'));
/** Everything in DIR but the set's own machinery (.sets, NAME.set). */
const publicNames = () => readdirSync(dir).filter((f) => f !== '.sets' && !f.endsWith('.set')).sort();

describe('writeReportSet', () => {
  it('writes a set readable at its public names, swaps both on the next write, and removes the old generation', () => {
    const paths = writeReportSet(dir, 'check-1', set('a'));
    expect(paths).toEqual([join(dir, 'check-1.md'), join(dir, 'check-1.json')]);
    expect(read('check-1.md')).toBe('md a\n');
    expect(read('check-1.json')).toBe('{"tag":"a"}\n');
    expect(lstatSync(join(dir, 'check-1.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'check-1.md'))).toBe('check-1.set/check-1.md');
    const first = readlinkSync(join(dir, 'check-1.set'));
    expect(first).toMatch(/^\.sets\/check-1-\d+-\d+-\d+$/);

    writeReportSet(dir, 'check-1', set('b'));
    expect(read('check-1.md')).toBe('md b\n');
    expect(read('check-1.json')).toBe('{"tag":"b"}\n');
    const second = readlinkSync(join(dir, 'check-1.set'));
    expect(second).not.toBe(first);
    expect(existsSync(join(dir, first))).toBe(false);
    expect(generations()).toEqual([second.slice('.sets/'.length)]);
    expect(readdirSync(dir).sort()).toEqual(['.sets', 'check-1.json', 'check-1.md', 'check-1.set']);
  });

  it('keeps sets of different names apart (check-1 and check-12)', () => {
    writeReportSet(dir, 'check-1', set('a'));
    writeReportSet(dir, 'check-12', [{ file: 'check-12.md', text: 'twelve\n' }]);
    writeReportSet(dir, 'check-1', set('b'));
    expect(read('check-12.md')).toBe('twelve\n');
    expect(read('check-1.md')).toBe('md b\n');
    expect(generations()).toHaveLength(2);
  });

  it('a writer that fails on its second file leaves the previous set whole and nothing half-made behind', () => {
    writeReportSet(dir, 'check-1', set('a'));
    const before = readdirSync(dir).sort();
    const gens = generations();
    let n = 0;
    const write = (path: string, text: string) => {
      if (++n === 2) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      writeFileSync(path, text);
    };
    expect(() => writeReportSet(dir, 'check-1', set('b'), { write })).toThrow(/ENOSPC/);
    expect(read('check-1.md')).toBe('md a\n');
    expect(read('check-1.json')).toBe('{"tag":"a"}\n');
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(generations()).toEqual(gens);
  });

  it('a writer killed before the swap leaves the previous set whole; the next write removes its generation', () => {
    writeReportSet(dir, 'check-1', set('a'));
    // What a SIGKILL between writing the files and the rename leaves: a full
    // generation of a process that is gone (pid 2^22+1 is above Linux's pid_max default).
    const dead = join(dir, '.sets', `check-1-${2 ** 22 + 1}-1-0`);
    mkdirSync(dead);
    writeFileSync(join(dead, 'check-1.md'), 'md dead\n');
    expect(read('check-1.md')).toBe('md a\n');
    writeReportSet(dir, 'check-1', set('b'));
    expect(read('check-1.md')).toBe('md b\n');
    expect(existsSync(dead)).toBe(false);
    expect(generations()).toHaveLength(1);
  });

  it('replaces regular files of an older version at the public names, keeping their content until the swap', () => {
    mkdirSync(dir);
    writeFileSync(join(dir, 'check-1.md'), 'old md\n');
    writeFileSync(join(dir, 'check-1.json'), 'old json\n');
    // Stopped after adopting both old files (a third public name is in the
    // way): they are links now, still showing the old content.
    mkdirSync(join(dir, 'check-1.txt'));
    const three = [...set('x'), { file: 'check-1.txt', text: 'x' }];
    expect(() => writeReportSet(dir, 'check-1', three)).toThrow(/check-1\.txt is a directory/);
    for (const f of ['check-1.md', 'check-1.json']) expect(lstatSync(join(dir, f)).isSymbolicLink()).toBe(true);
    expect(read('check-1.md')).toBe('old md\n');
    expect(read('check-1.json')).toBe('old json\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('.') && f !== '.sets')).toEqual([]);
    rmSync(join(dir, 'check-1.txt'), { recursive: true });

    writeReportSet(dir, 'check-1', set('a'));
    for (const f of ['check-1.md', 'check-1.json']) expect(lstatSync(join(dir, f)).isSymbolicLink()).toBe(true);
    expect(read('check-1.md')).toBe('md a\n');
    expect(read('check-1.json')).toBe('{"tag":"a"}\n');
    expect(generations()).toHaveLength(1);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('removes its public links to files the new set no longer has, and no one else\'s', () => {
    writeReportSet(dir, 'bench-c', [{ file: 'bench-c.md', text: 'm' }, { file: 'bench-c-old.svg', text: '<svg/>' }]);
    symlinkSync('elsewhere/bench-c-mine.svg', join(dir, 'bench-c-mine.svg'));
    writeReportSet(dir, 'bench-c', [{ file: 'bench-c.md', text: 'm2' }]);
    expect(publicNames()).toEqual(['bench-c-mine.svg', 'bench-c.md']);
  });

  it('creates DIR with its parents', () => {
    const deep = join(root, 'a', 'b', 'out');
    writeReportSet(deep, 'check-1', set('a'));
    expect(readFileSync(join(deep, 'check-1.md'), 'utf8')).toBe('md a\n');
  });

  it('a DIR that is a regular file, or under one, is a one-line error from checkReportDir and the writer, writing nothing', () => {
    writeFileSync(dir, 'not a directory');
    expect(() => checkReportDir(dir)).toThrow(ReportDirError);
    expect(() => checkReportDir(dir)).toThrow(`cannot write reports: ${dir} is not a directory`);
    expect(() => writeReportSet(dir, 'check-1', set('a'))).toThrow(`cannot write reports: ${dir} is not a directory`);
    expect(() => writeReport(dir, report(1))).toThrow(`cannot write reports: ${dir} is not a directory`);
    const under = join(dir, 'sub');
    expect(() => checkReportDir(under)).toThrow(new ReportDirError(`cannot write reports: ${under} is not a directory (${dir} is a file)`));
    expect(() => writeReportSet(under, 'check-1', set('a'))).toThrow(/^cannot write reports: .* is not a directory/);
    try { checkReportDir(under); } catch (e) { expect((e as Error).message).not.toContain('\n'); }
    expect(readdirSync(root)).toEqual(['out']);
    expect(readFileSync(dir, 'utf8')).toBe('not a directory');
  });

  it('checkReportDir accepts an existing directory and a missing one, and creates nothing', () => {
    expect(() => checkReportDir(root)).not.toThrow();
    expect(() => checkReportDir(join(dir, 'x', 'y'))).not.toThrow();
    expect(existsSync(dir)).toBe(false);
  });

  it('a directory at a public name is a one-line error and the set stays as it was', () => {
    writeReportSet(dir, 'check-1', set('a'));
    rmSync(join(dir, 'check-1.json'));
    mkdirSync(join(dir, 'check-1.json'));
    expect(() => writeReportSet(dir, 'check-1', set('b'))).toThrow(`cannot write reports: ${join(dir, 'check-1.json')} is a directory`);
    expect(read('check-1.md')).toBe('md a\n');
    expect(generations()).toHaveLength(1);
  });

  it('refuses file names that would escape DIR or collide with the set\'s link', () => {
    expect(() => writeReportSet(dir, 'check-1', [{ file: '../x', text: '' }])).toThrow(/bad file name/);
    expect(() => writeReportSet(dir, 'check-1', [{ file: 'check-1.set', text: '' }])).toThrow(/bad file name/);
    expect(() => writeReportSet(dir, '.sets', [])).toThrow(/bad set name/);
  });
});

function report(seed: number): CheckReport {
  return {
    seed, bugs: [], startedAt: '2017-03-11T00:00:00.000Z', timeMs: 1, timeLimitMs: 1000, ok: true, properties: [],
    notCaught: [], caught: [], skipped: [], partial: false,
  };
}

describe('writeReport (check)', () => {
  it('writes check-<seed>.md and .json as one set at the same paths', () => {
    const first = writeReport(dir, report(7));
    expect(first).toEqual({ markdown: join(dir, 'check-7.md'), json: join(dir, 'check-7.json') });
    expect(JSON.parse(readFileSync(first.json, 'utf8')).seed).toBe(7);
    expect(readFileSync(first.markdown, 'utf8')).toContain('# kubemodel check — seed 7');
    writeReport(dir, { ...report(7), ok: false });
    expect(JSON.parse(readFileSync(first.json, 'utf8')).ok).toBe(false);
    expect(readFileSync(first.markdown, 'utf8')).toContain('a property failed');
    expect(readlinkSync(join(dir, 'check-7.set'))).toMatch(/^\.sets\/check-7-/);
  });
});

describe('writeAtomic (counterexample)', () => {
  it('leaves no temporary file when the rename fails (the target is a directory), and rethrows', () => {
    mkdirSync(dir);
    const target = join(dir, 'counterexample-x-1.yaml');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'keep');
    expect(() => writeAtomic(target, 'steps: []\n')).toThrow();
    expect(readdirSync(dir)).toEqual(['counterexample-x-1.yaml']);
  });

  // Linux has /dev/full (every machine this runs on): a test that needs it fails saying so where it is missing.
  it('leaves no temporary file when the write fails (disk full), and rethrows', () => {
    if (!existsSync('/dev/full')) throw new Error('this test needs /dev/full (Linux)');
    mkdirSync(dir);
    const target = join(dir, 'c.yaml');
    // The temporary name leads to /dev/full: opening works, writing fails with ENOSPC.
    symlinkSync('/dev/full', `${target}.tmp-${process.pid}`);
    expect(() => writeAtomic(target, 'x')).toThrow(/ENOSPC/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rethrows the write error, not a cleanup error, when the temporary name is a directory', () => {
    const target = join(dir, 'c.yaml');
    mkdirSync(`${target}.tmp-${process.pid}`, { recursive: true });
    expect(() => writeAtomic(target, 'x')).toThrow(/EISDIR/);
  });

  it('writes the file when nothing is in the way', () => {
    writeAtomic(join(dir, 'c.yaml'), 'x');
    expect(readdirSync(dir)).toEqual(['c.yaml']);
  });
});

describe('the bench report set', () => {
  const fake: Suite = {
    id: 'alpha', title: 'Suite alpha',
    async run() {
      return {
        figures: [
          { name: 'naive 1k', unit: 'ms', value: 100, samples: 5, rme: 2, better: 'smaller', series: 'naive', size: 1_000, sizeUnit: 'objects' },
          { name: 'naive 10k', unit: 'ms', value: 1_000, samples: 5, rme: 2, better: 'smaller', series: 'naive', size: 10_000, sizeUnit: 'objects' },
        ],
      };
    },
  };
  const quiet = { write: () => true, isTTY: false };
  const bench = (commit: string) => runBenchReport({}, { suites: [fake], outDir: dir, commit: { commit, dirty: false }, stderr: quiet, stdout: quiet });

  it('writes the JSON, the Markdown and the charts as one set; the Markdown\'s chart links resolve beside it', async () => {
    const { files } = await bench('abc1234');
    expect(files).toEqual([join(dir, 'bench-abc1234-alpha.svg'), join(dir, 'bench-abc1234.json'), join(dir, 'bench-abc1234.md')]);
    expect(publicNames()).toEqual(['bench-abc1234-alpha.svg', 'bench-abc1234.json', 'bench-abc1234.md']);
    const md = read('bench-abc1234.md');
    const links = [...md.matchAll(/\]\(([^)]+\.svg)\)/g)].map((m) => m[1]!);
    expect(links).toEqual(['bench-abc1234-alpha.svg']);
    // Relative to the directory the Markdown is read from (DIR, through its link), and inside the set.
    for (const l of links) {
      expect(read(l)).toMatch(/^<svg /);
      const inSet = join(dir, readlinkSync(join(dir, 'bench-abc1234.set')), l);
      expect(readFileSync(inSet, 'utf8')).toBe(read(l));
      expect(dirname(join(dir, l))).toBe(dir);
    }
  });

  it('finds the earlier report through its public link, never the set machinery', async () => {
    await bench('old0001');
    expect(findPrevious(dir, 'new0002')?.file).toBe(join(dir, 'bench-old0001.json'));
    expect(findPrevious(dir, 'old0001')).toBeUndefined();
    const { report } = await bench('new0002');
    expect(report.comparison?.commit).toBe('old0001');
    expect(report.comparison?.file).toBe('bench-old0001.json');
    // A set's generation holds bench-*.json too, and its NAME.set link is a directory: neither is a report.
    expect(readdirSync(join(dir, '.sets')).length).toBe(2);
    writeBenchSet(dir, 'gone', [{ file: 'bench-gone.json', text: '{' }]);
    expect(findPrevious(dir, 'zzz')?.report.commit).toBe('new0002');
  });
});
