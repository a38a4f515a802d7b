// `kubemodel --version`: the package's version and the Kubernetes release whose behaviour it models.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The Kubernetes release the model follows (KUBERNETES.md; the printed node version). */
export const KUBERNETES_VERSION = 'v1.32';

/** The package's own package.json, found upward from this file (dist/cli/ once built, cli/ in the sources). */
function packageVersion(): string {
  for (let dir = import.meta.dirname, i = 0; i < 5; i++, dir = dirname(dir)) {
    const f = join(dir, 'package.json');
    if (!existsSync(f)) continue;
    const pkg = JSON.parse(readFileSync(f, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'kubemodel' && pkg.version) return pkg.version;
  }
  return 'unknown';
}

export function versionText(): string {
  return `kubemodel ${packageVersion()} (models Kubernetes ${KUBERNETES_VERSION})`;
}
