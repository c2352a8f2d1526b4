/**
 * `kubectl get -o yaml|json|name|jsonpath=…`.
 *
 * Sources: k8s.io/cli-runtime/pkg/printers/{yaml.go,json.go,name.go,jsonpath.go} and
 * kubernetes/kubectl pkg/cmd/get/get.go (`printGeneric`: several objects, or a listing, are wrapped
 * in `{"apiVersion":"v1","kind":"List","items":[…],"metadata":{"resourceVersion":""}}`).
 *
 * Input convention: a single object prints as that object (`kubectl get pod nginx -o yaml`); an array
 * prints as a List (`kubectl get pods -o yaml`, even with one item — that is what kubectl does).
 */
import type { KObject } from '../types.ts';
import { goYamlMarshal } from './goyaml.ts';
import { goJsonScalar, goJsonString, jsonpath } from './jsonpath.ts';
import { groupOfApiVersion } from '../kinds.ts';
import { resolveKind } from './printers.ts';
import { compareByStorageKey } from './util.ts';

export interface OutputOptions {
  /**
   * Sort map keys like kubectl (go-yaml natural order for YAML, byte order for JSON). Default true.
   * Set false to keep each object's own key order.
   */
  sortKeys?: boolean;
  /** JSON indentation; kubectl uses 4 spaces (json.MarshalIndent(obj, "", "    ")). */
  jsonIndent?: string;
  /** Order list items like the API server (namespace/name). Default false: keep the given order. */
  sortItems?: boolean;
}

export interface ListObject {
  apiVersion: 'v1';
  items: unknown[];
  kind: 'List';
  metadata: { resourceVersion: string };
}

/** The `List` kubectl builds for several objects. */
export function asList(objects: readonly unknown[]): ListObject {
  return { apiVersion: 'v1', items: [...objects], kind: 'List', metadata: { resourceVersion: '' } };
}

function normalise(input: KObject | readonly KObject[] | unknown, opts: OutputOptions): unknown {
  if (Array.isArray(input)) {
    const items = opts.sortItems ? [...input].sort(compareByStorageKey) : input;
    return asList(items);
  }
  return input;
}

/** `-o yaml` */
export function toYAML(input: KObject | readonly KObject[] | unknown, opts: OutputOptions = {}): string {
  return goYamlMarshal(normalise(input, opts), { sortKeys: opts.sortKeys !== false });
}

/** Go json.MarshalIndent with sorted map keys and HTML escaping. */
export function goJsonIndent(v: unknown, indent = '    ', sortKeys = true, prefix = ''): string {
  const scalar = goJsonScalar(v);
  if (scalar !== undefined) return scalar;
  const inner = prefix + indent;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + goJsonIndent(x === undefined ? null : x, indent, sortKeys, inner)).join(',\n')}\n${prefix}]`;
  }
  const o = v as Record<string, unknown>;
  let keys = Object.keys(o).filter((k) => o[k] !== undefined && typeof o[k] !== 'function');
  if (sortKeys) keys = keys.sort();
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${goJsonString(k)}: ${goJsonIndent(o[k], indent, sortKeys, inner)}`).join(',\n')}\n${prefix}}`;
}

/** `-o json` (4-space indentation, trailing newline, like kubectl's JSONPrinter). */
export function toJSON(input: KObject | readonly KObject[] | unknown, opts: OutputOptions = {}): string {
  return goJsonIndent(normalise(input, opts), opts.jsonIndent ?? '    ', opts.sortKeys !== false) + '\n';
}

/**
 * `-o name`: `<kind>[.<group>]/<name>` per object (NamePrinter: lower-cased GroupKind), e.g.
 * `pod/nginx`, `deployment.apps/web`.
 */
export function toName(input: KObject | readonly KObject[]): string {
  const objs = Array.isArray(input) ? input : [input as KObject];
  return objs
    .map((o) => {
      const group = o.apiVersion !== undefined ? groupOfApiVersion(o.apiVersion) : resolveKind(o.kind).group;
      const gk = group ? `${o.kind}.${group}` : o.kind;
      return `${gk.toLowerCase()}/${o.metadata?.name ?? ''}\n`;
    })
    .join('');
}

/** `-o jsonpath=<template>`: evaluated against the object, or the List for an array. */
export function toJSONPath(input: KObject | readonly KObject[] | unknown, template: string, opts: OutputOptions = {}): string {
  return jsonpath(JSON.parse(JSON.stringify(normalise(input, opts))), template);
}

/**
 * Dispatches on kubectl's `-o` value: `yaml`, `json`, `name`, `jsonpath=…` (also `jsonpath='…'`).
 * Throws for other formats (tables are rendered by `getTable`).
 */
export function formatOutput(input: KObject | readonly KObject[], output: string, opts: OutputOptions = {}): string {
  if (output === 'yaml') return toYAML(input, opts);
  if (output === 'json') return toJSON(input, opts);
  if (output === 'name') return toName(input);
  const m = /^jsonpath=(.*)$/s.exec(output);
  if (m) {
    let tpl = m[1];
    if ((tpl.startsWith('\'') && tpl.endsWith('\'')) || (tpl.startsWith('"') && tpl.endsWith('"'))) tpl = tpl.slice(1, -1);
    return toJSONPath(input, tpl, opts);
  }
  throw new Error(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,jsonpath,name,yaml`);
}
