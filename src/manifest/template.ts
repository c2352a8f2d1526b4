/**
 * Building blocks for workload kinds that embed a pod template or PVC templates (Deployment,
 * StatefulSet, Job …): decode, default and validate the embedded parts with the same rules a Pod
 * gets, reporting paths relative to the enclosing object (`spec.template.spec.containers[0].image`).
 */
import type { ManifestError, Path, PathSeg } from './errors.ts';
import { decodePodSpec } from './schema.ts';
import { validatePodSpec, validatePodTemplateSpec, validatePVCSpec } from './validate.ts';
import { toManifestErrors } from './locate.ts';

/** `spec.template.spec` → path segments (indices `[0]` supported). */
export function parsePath(s: string): Path {
  const out: PathSeg[] = [];
  for (const part of s.split('.').filter(Boolean)) {
    const m = /^([^[\]]*)((?:\[[^\]]*\])*)$/.exec(part);
    if (!m) {
      out.push({ k: 'f', name: part });
      continue;
    }
    if (m[1]) out.push({ k: 'f', name: m[1] });
    for (const idx of m[2].match(/\[[^\]]*\]/g) ?? []) {
      const inner = idx.slice(1, -1);
      out.push(/^\d+$/.test(inner) ? { k: 'i', index: Number(inner) } : { k: 'key', key: inner });
    }
  }
  return out;
}

/** Type errors, then validation errors, of a (defaulted) pod spec found at `path`. */
export function validatePodSpecErrors(spec: unknown, path = 'spec.template.spec'): ManifestError[] {
  const p = parsePath(path);
  const decoded = decodePodSpec(spec, p);
  if (decoded.errors.length) return toManifestErrors(decoded.errors);
  return toManifestErrors(validatePodSpec(decoded.spec, p));
}

/** ValidatePodTemplateSpec for a (defaulted) template at `path`. */
export function validatePodTemplateErrors(template: unknown, path = 'spec.template'): ManifestError[] {
  return toManifestErrors(validatePodTemplateSpec(template, parsePath(path)));
}

/** ValidatePersistentVolumeClaimSpec for a (defaulted) PVC spec at `path` (StatefulSet volumeClaimTemplates). */
export function validatePVCSpecErrors(spec: unknown, path: string): ManifestError[] {
  return toManifestErrors(validatePVCSpec(spec, parsePath(path)));
}
