/**
 * The inspection bridge (docs/inspect.md): JSONL traces for offline use and a local relay for
 * Stately's live inspector. Kept out of the package root so that a cluster without inspection
 * never loads `@statelyai/inspect`.
 */
export { createJsonlInspector, type JsonlInspector, type JsonlInspectorOptions, type JsonlSink } from './jsonl.ts';
export { startInspectorServer, type InspectorServer, type InspectorServerOptions } from './live.ts';
export { Bridge, type BridgeOptions, type TracedSnapshot } from './bridge.ts';
