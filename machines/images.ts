/** Image reference helpers: containerd's normalised names and a stable fake digest. */

/** `nginx:1.14.2` → `docker.io/library/nginx:1.14.2`; untagged → `:latest`. */
export function normalizeImage(image: string): string {
  let name = image;
  let digest = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at);
    name = name.slice(0, at);
  }
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasRegistry) name = `docker.io/${slash >= 0 ? name : `library/${name}`}`;
  const lastPart = name.slice(name.lastIndexOf('/') + 1);
  if (!digest && !lastPart.includes(':')) name += ':latest';
  return name + digest;
}

const digests = new Map<string, string>();

/** A deterministic sha256-looking digest for an image reference (FNV-1a based, 64 hex chars). */
export function imageDigest(image: string): string {
  const cached = digests.get(image);
  if (cached) return cached;
  const d = computeDigest(image);
  if (digests.size < 10_000) digests.set(image, d);
  return d;
}

function computeDigest(image: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    const s = `${round}:${image}`;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** `docker.io/library/nginx@sha256:…` as containerd reports `imageID`. */
export function imageID(image: string): string {
  const n = normalizeImage(image);
  const repo = n.includes('@') ? n.slice(0, n.indexOf('@')) : n.replace(/:[^:/]+$/, '');
  return `${repo}@sha256:${imageDigest(n)}`;
}

/** `imagePullPolicy` default by tag (pkg/apis/core/v1/defaults.go), shared with API defaulting. */
export { defaultImagePullPolicy as defaultPullPolicy } from '../src/manifest/defaults.ts';

/** A stable, plausible compressed image size in bytes (5–100 MB) for the Pulled event. */
export function imageSize(image: string): number {
  const d = imageDigest(normalizeImage(image));
  return 5_000_000 + (parseInt(d.slice(0, 8), 16) % 95_000_000);
}
