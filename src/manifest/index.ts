/**
 * Manifests in — the API server's front door: parse (YAML/JSON, multi-document, `kind: List`),
 * decode (typed, strict), default and validate, with every error positioned in its file.
 */
export { parseManifests, parseObjects, loadManifests } from './parse.ts';
export type { LoadedObject, ParseOptions, ParseResult } from './parse.ts';
export { loadManifestPath, MANIFEST_EXTENSIONS } from './load.ts';
export { formatManifestError, ManifestLoadError } from './errors.ts';
export type { ManifestError } from './errors.ts';
export {
  defaultObject, defaultPodSpec, defaultImagePullPolicy, podQOSClass,
  DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS, DEFAULT_TERMINATION_MESSAGE_PATH, DEFAULT_SCHEDULER_NAME,
  DEFAULT_TOLERATION_SECONDS, TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE,
} from './defaults.ts';
export type { DefaultOptions } from './defaults.ts';
export { validatePodUpdate, validateUpdate, UPDATABLE_POD_SPEC_FIELDS } from './update.ts';
export { validatePodSpecErrors, validatePodTemplateErrors, validatePVCSpecErrors } from './template.ts';
export { parseQuantity, formatQuantity, compareQuantity, quantityOf } from './quantity.ts';
export type { Quantity } from './quantity.ts';
