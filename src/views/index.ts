/**
 * kubectl-shaped views of Kubernetes objects: pure functions, no I/O, clock passed in as `now`.
 *
 * - `getTable` / `getTableResult`: `kubectl get` tables (printers.ts, table.ts)
 * - `formatOutput`, `toYAML`, `toJSON`, `toName`, `toJSONPath`: `-o yaml|json|name|jsonpath` (output.ts)
 * - `describePod`, `describeNode`, `describeObject`: `kubectl describe` (describe.ts)
 * - `humanDuration`, `translateTimestampSince`: ages (duration.ts)
 */
export {
  humanDuration, shortHumanDuration, translateTimestampSince, translateTimestampUntil, formatRFC1123Z, parseTime,
} from './duration.ts';
export { tabwrite, TabWriter, GET_TABWRITER, DESCRIBE_TABWRITER, type TabwriterOptions } from './tabwriter.ts';
export {
  renderTable, noResourcesMessage, type Table, type TableRow, type ColumnDefinition, type TableOptions,
} from './table.ts';
export {
  getTable, getTableResult, buildTable, printerFor, defaultPrinter, podStatusSummary, nodeStatusString, findNodeRoles,
  serviceExternalIP, servicePortString, formatEndpoints, resolveKind,
  type GetTableOptions, type GetResult, type KindPrinter, type PrintContext, type PodStatusSummary,
} from './printers.ts';
export { groupOfApiVersion, type KindInfo } from '../kinds.ts';
export {
  formatOutput, toYAML, toJSON, toName, toJSONPath, asList, goJsonIndent, type OutputOptions, type ListObject,
} from './output.ts';
export { goYamlMarshal, type GoYamlOptions } from './goyaml.ts';
export { jsonpath, JSONPathError } from './jsonpath.ts';
export {
  describePod, describeNode, describeObject, describeGeneric, describeEvents, describeProbe, podQOSClass,
  podRequestsAndLimits, joinDescriptions, PrefixWriter,
  type DescribeOptions, type DescribeNodeOptions, type DescribeObjectOptions,
} from './describe.ts';
export { formatLabels, formatLabelSelector, labelSelectorString, accessModesString } from './util.ts';
export { parseQuantity, formatQuantity, canonicalQuantity, type Quantity } from './quantity.ts';
