// The table `kubectl get` prints for a custom resource: the API server's Table for the CRD
// version, as kubectl lays it out.
// - Without additionalPrinterColumns the columns are NAME and AGE (.metadata.creationTimestamp).
// - With them, NAME then exactly those columns (no AGE unless the CRD defines one); priority != 0 is -o wide only.
// - Cells: the first JSONPath result; nothing found, a JSONPath error or a value of the wrong
//   type prints as an empty cell. `integer` truncates numbers, `date` prints the age
//   (`<invalid>` for a non-RFC 3339 string, `<unknown>` for ""), `string` prints any value
//   (objects and lists as compact JSON, null as `<no value>`), cut at the first line break with `...`.
// upstream: staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/helpers.go (serveDefaultColumnsIfEmpty),
//           pkg/registry/customresource/tableconvertor/tableconvertor.go (ConvertToTable, cellForJSONValue),
//           k8s.io/client-go/util/jsonpath (PrintResults, evalToText), k8s.io/cli-runtime/pkg/printers/tableprinter.go (printTable)

import { findResults, type CustomResource, type PrinterColumn } from '../../model/api/crd/index.js';
import { goFloat } from '../../model/api/crd/gofmt.js';
import { timeError } from '../../model/api/schema.js';
import type { KubeObject } from '../../model/api/types.js';
import { since } from './duration.js';
import { NAME, type Column, type KindPrinter } from './printer.js';

const AGE_COLUMN: PrinterColumn = { name: 'Age', type: 'date', priority: 0, jsonPath: '.metadata.creationTimestamp' };

/** Go's json.Marshal of decoded JSON: keys sorted, <, > and & escaped. */
function goJSONText(v: unknown): string {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (typeof x !== 'object' || x === null) return x;
    return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sorted((x as Record<string, unknown>)[k])]));
  };
  return JSON.stringify(sorted(v)).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

/** fmt.Sprint of a decoded JSON number. */
const goNumber = (n: number): string => (Number.isInteger(n) ? String(n) : goFloat(n));

/** jsonpath.PrintResults of one value, as a `string` column shows it. */
function printed(v: unknown): string {
  if (v === null || v === undefined) return '<no value>';
  if (typeof v === 'object') return goJSONText(v);
  if (typeof v === 'number') return goNumber(v);
  return String(v);
}

/** kubectl printTable: a string cell ends at its first line break, marked with `...`. */
function truncated(s: string): string {
  const i = s.search(/[\f\n\r]/);
  return i < 0 ? s : `${s.slice(0, i)}...`;
}

/** upstream cellForJSONValue, then kubectl's fmt.Sprint of what comes back over the wire; '' for a nil cell. */
function cell(o: KubeObject, c: PrinterColumn, now: number): string {
  const results = findResults(o, c.jsonPath);
  if (results instanceof Error || results.length === 0) return '';
  const v = results[0];
  switch (c.type) {
    case 'string': return truncated(printed(v));
    case 'integer': return typeof v === 'number' ? String(Math.trunc(v)) : '';
    case 'number': return typeof v === 'number' ? goNumber(v) : '';
    case 'boolean': return typeof v === 'boolean' ? String(v) : '';
    case 'date':
      if (typeof v !== 'string') return '';
      if (v === '' || v === 'null') return '<unknown>';
      return timeError(v) === null ? since(v, now, true) : '<invalid>';
    default: return '';
  }
}

/**
 * The printer for a custom resource's version (default: the version the kind info names,
 * i.e. the storage version).
 */
export function customPrinter(cr: CustomResource, version?: string): KindPrinter {
  const want = version ?? cr.info.version;
  const v = cr.versions.find((x) => x.name === want) ?? cr.versions.find((x) => x.storage);
  const defs = v && v.printerColumns.length > 0 ? v.printerColumns : [AGE_COLUMN];
  const columns: Column[] = [NAME, ...defs.map((d): Column => ({ name: d.name, priority: d.priority !== 0 ? 1 : 0 }))];
  return {
    columns,
    row: (o, { now }) => [truncated(o.metadata.name ?? ''), ...defs.map((d) => cell(o, d, now))],
  };
}
