// PodSpec and PodTemplateSpec: defaults and validation, shared by Pod and every workload template.
// upstream: pkg/apis/core/v1/defaults.go (SetDefaults_PodSpec, SetDefaults_Volume),
//           pkg/apis/core/validation/validation.go (ValidatePodSpec, ValidatePodTemplateSpec, ValidatePodUpdate).
import { duplicate, forbidden, invalidValue, notSupported, required, type FieldError } from '../errors.js';
import { isDNS1123Label, isDNS1123Subdomain } from '../names.js';
import { defaultContainer, validateContainers } from './container.js';
import { validateAnnotations, validateLabelMap, validateLabelName } from './labelmaps.js';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './scheduling.js';
import { append } from '../../append.js';

export const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
/** upstream DefaultTerminationGracePeriodSeconds. */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
const MAX_INT32 = 2147483647;

/** Every volume source the model accepts, in upstream's checking order; a volume must name exactly one. */
export const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap',
  'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO',
  'csi', 'ephemeral', 'image',
];

/** The one required field some volume sources have (upstream validate*VolumeSource). */
const SOURCE_REQUIRED: Record<string, string> = {
  hostPath: 'path', persistentVolumeClaim: 'claimName', secret: 'secretName', configMap: 'name', nfs: 'server', csi: 'driver',
};

const isSet = (v: unknown) => v !== undefined && v !== null;

/** upstream SetDefaults_Volume and the per-source defaultMode 0644. */
function defaultVolume(v: any): void {
  if (!v || typeof v !== 'object') return;
  if (!VOLUME_SOURCES.some((s) => isSet(v[s]))) v.emptyDir = {};
  for (const s of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (v[s] && typeof v[s] === 'object') v[s].defaultMode ??= 420;
  }
  if (v.hostPath && typeof v.hostPath === 'object') v.hostPath.type ??= '';
}

/** upstream SetDefaults_PodSpec (+ container, port, probe and volume defaults). In place. */
export function defaultPodSpec(spec: any): void {
  if (!spec || typeof spec !== 'object') return;
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  spec.schedulerName ||= 'default-scheduler';
  for (const list of ['initContainers', 'containers']) {
    for (const c of Array.isArray(spec[list]) ? spec[list] : []) defaultContainer(c);
  }
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) defaultVolume(v);
}

/** upstream SetDefaults_PodTemplateSpec: only the spec gets defaults. */
export function defaultPodTemplateSpec(tmpl: any): void {
  if (!tmpl || typeof tmpl !== 'object') return;
  tmpl.spec ??= {};
  defaultPodSpec(tmpl.spec);
}

/** upstream ValidateVolumes / validateVolumeSource: source errors first, then the name. */
function validateVolumes(volumes: unknown, path: string): { errs: FieldError[]; names: Set<string> } {
  const names = new Set<string>();
  if (!isSet(volumes)) return { errs: [], names };
  if (!Array.isArray(volumes)) return { errs: [invalidValue(path, volumes, 'must be a list')], names };
  const errs: FieldError[] = [];
  volumes.forEach((v: any, i: number) => {
    const p = `${path}[${i}]`;
    const el: FieldError[] = [];
    const sources = VOLUME_SOURCES.filter((s) => isSet(v?.[s]));
    sources.slice(1).forEach((extra) => el.push(forbidden(`${p}.${extra}`, 'may not specify more than 1 volume type')));
    const first = sources[0];
    if (first === undefined) el.push(required(p, 'must specify a volume type'));
    else if (SOURCE_REQUIRED[first] && !v[first][SOURCE_REQUIRED[first]]) el.push(required(`${p}.${first}.${SOURCE_REQUIRED[first]}`));
    const name = v?.name;
    if (!name) el.push(required(`${p}.name`));
    else append(el, isDNS1123Label(String(name)).map((m) => invalidValue(`${p}.name`, name, m)));
    if (name && names.has(name)) el.push(duplicate(`${p}.name`, name));
    if (el.length === 0) names.add(name);
    append(errs, el);
  });
  return { errs, names };
}

function validateDNSName(value: unknown, path: string, check: (s: string) => string[]): FieldError[] {
  if (!isSet(value) || value === '') return [];
  return check(String(value)).map((m) => invalidValue(path, value, m));
}

/** upstream ValidatePodSpec: containers, volumes, policies, scheduling constraints. `path` is the spec's own path. */
export function validatePodSpec(spec: any, path: string): FieldError[] {
  if (!spec || typeof spec !== 'object') return [required(path)];
  const errs: FieldError[] = [];
  const vols = validateVolumes(spec.volumes, `${path}.volumes`);
  append(errs, vols.errs);
  // Regular containers first; init container names must then be unique across both lists.
  const names = new Set<string>();
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) errs.push(required(`${path}.containers`));
  else append(errs, validateContainers(spec.containers, `${path}.containers`, { volumes: vols.names, names, init: false }));
  append(errs, validateContainers(spec.initContainers, `${path}.initContainers`, { volumes: vols.names, names, init: true }));

  if (!spec.restartPolicy) errs.push(required(`${path}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(spec.restartPolicy)) errs.push(notSupported(`${path}.restartPolicy`, spec.restartPolicy, RESTART_POLICIES));
  if (!spec.dnsPolicy) errs.push(required(`${path}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(spec.dnsPolicy)) errs.push(notSupported(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES));

  append(errs, validateLabelMap(spec.nodeSelector, `${path}.nodeSelector`));
  append(errs, validateDNSName(spec.nodeName, `${path}.nodeName`, isDNS1123Subdomain));
  append(errs, validateDNSName(spec.serviceAccountName, `${path}.serviceAccountName`, isDNS1123Subdomain));
  append(errs, validateDNSName(spec.hostname, `${path}.hostname`, isDNS1123Label));
  append(errs, validateDNSName(spec.subdomain, `${path}.subdomain`, isDNS1123Label));
  append(errs, validateDNSName(spec.priorityClassName, `${path}.priorityClassName`, isDNS1123Subdomain));

  // Upstream only requires the grace period (it is defaulted); a negative value is accepted and treated as 1 on delete.
  const tgps: unknown = spec.terminationGracePeriodSeconds;
  if (!isSet(tgps)) errs.push(required(`${path}.terminationGracePeriodSeconds`));
  else if (!(typeof tgps === 'number' && Number.isInteger(tgps))) errs.push(invalidValue(`${path}.terminationGracePeriodSeconds`, tgps, 'must be an integer'));
  const ads = spec.activeDeadlineSeconds;
  if (isSet(ads) && !(typeof ads === 'number' && Number.isInteger(ads) && ads >= 1 && ads <= MAX_INT32)) {
    errs.push(invalidValue(`${path}.activeDeadlineSeconds`, ads, `must be between 1 and ${MAX_INT32}, inclusive`));
  }

  append(errs, validateAffinity(spec.affinity, `${path}.affinity`));
  append(errs, validateTolerations(spec.tolerations, `${path}.tolerations`));
  append(errs, validateTopologySpreadConstraints(spec.topologySpreadConstraints, `${path}.topologySpreadConstraints`));
  const gates = new Set<string>();
  (Array.isArray(spec.schedulingGates) ? spec.schedulingGates : []).forEach((g: any, i: number) => {
    const p = `${path}.schedulingGates[${i}]`;
    append(errs, validateLabelName(String(g?.name ?? ''), p));
    if (gates.has(g?.name)) errs.push(duplicate(p, g.name));
    gates.add(g?.name);
  });
  return errs;
}

/**
 * upstream ValidatePodTemplateSpec: labels and annotations (reported at `<path>.labels`, as upstream does),
 * then the spec. Ephemeral containers are not allowed in templates.
 */
export function validatePodTemplateSpec(tmpl: any, path: string): FieldError[] {
  if (!tmpl || typeof tmpl !== 'object') return [required(path)];
  const errs = [
    ...validateLabelMap(tmpl.metadata?.labels, `${path}.labels`),
    ...validateAnnotations(tmpl.metadata?.annotations, `${path}.annotations`),
    ...validatePodSpec(tmpl.spec, `${path}.spec`),
  ];
  if (Array.isArray(tmpl.spec?.ephemeralContainers) && tmpl.spec.ephemeralContainers.length > 0) {
    errs.push(forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

export { validatePodSpecUpdate } from './podupdate.js';
