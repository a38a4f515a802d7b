import { describe, expect, test } from 'vitest';
import { fieldErrorText } from '../errors.js';
import { isDNS1123Label, isQualifiedName } from '../names.js';
import type { KubeObject } from '../types.js';
import { errorOf, bodyOf } from './testing.js';
import { admitCreate, admitUpdate } from './index.js';
import { defaultPodTemplateSpec, validatePodTemplateSpec } from './pod.js';

function pod(mutate: (spec: any) => void = () => {}, name = 'x'): KubeObject {
  const obj: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };
  mutate(obj.spec);
  return obj;
}


describe('Pod defaults', () => {
  const out = admitCreate(pod((s) => {
    s.containers[0].ports = [{ containerPort: 80 }];
    s.containers[0].resources = { limits: { cpu: '500m', memory: '128Mi' } };
    s.containers[0].readinessProbe = { httpGet: { port: 80 } };
    s.volumes = [{ name: 'scratch' }, { name: 'cfg', configMap: { name: 'app' } }];
  }));
  const spec = out.spec;
  const c = spec.containers[0];
  test.each<[string, unknown, unknown]>([
    ['restartPolicy', spec.restartPolicy, 'Always'],
    ['terminationGracePeriodSeconds', spec.terminationGracePeriodSeconds, 30],
    ['dnsPolicy', spec.dnsPolicy, 'ClusterFirst'],
    ['schedulerName', spec.schedulerName, 'default-scheduler'],
    ['securityContext', spec.securityContext, {}],
    ['enableServiceLinks', spec.enableServiceLinks, true],
    ['priority', spec.priority, 0],
    ['preemptionPolicy', spec.preemptionPolicy, 'PreemptLowerPriority'],
    ['terminationMessagePath', c.terminationMessagePath, '/dev/termination-log'],
    ['terminationMessagePolicy', c.terminationMessagePolicy, 'File'],
    ['imagePullPolicy for a tag', c.imagePullPolicy, 'IfNotPresent'],
    ['port protocol', c.ports[0].protocol, 'TCP'],
    ['requests copied from limits', c.resources.requests, { cpu: '500m', memory: '128Mi' }],
    ['probe timings', c.readinessProbe, { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 }],
    ['volume without a source is emptyDir', spec.volumes[0], { name: 'scratch', emptyDir: {} }],
    ['configMap defaultMode 0644', spec.volumes[1].configMap.defaultMode, 420],
    ['status', out.status, { phase: 'Pending', qosClass: 'Guaranteed' }],
  ])('%s', (_, actual, expected) => expect(actual).toEqual(expected));

  test.each([
    ['nginx', 'Always'], ['nginx:latest', 'Always'], ['registry:5000/nginx', 'Always'], ['registry:5000/nginx:1.2', 'IfNotPresent'],
    ['nginx@sha256:abcd', 'IfNotPresent'], ['nginx:1.27', 'IfNotPresent'],
  ])('imagePullPolicy for %s is %s', (image, policy) => {
    expect(admitCreate(pod((s) => { s.containers[0].image = image; })).spec.containers[0].imagePullPolicy).toBe(policy);
  });

  test('system priority classes resolve to their values', () => {
    expect(admitCreate(pod((s) => { s.priorityClassName = 'system-node-critical'; })).spec.priority).toBe(2000001000);
  });

  test('a pod without requests or limits is BestEffort', () => {
    expect(admitCreate(pod()).status.qosClass).toBe('BestEffort');
  });
});

describe('DefaultTolerationSeconds', () => {
  const notReady = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
  const unreachable = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
  test.each<[string, any[] | undefined, any[]]>([
    ['added to a pod without tolerations', undefined, [notReady, unreachable]],
    ['kept when the pod tolerates not-ready itself', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }],
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }, unreachable]],
    ['an empty effect counts as tolerating', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }],
      [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, notReady]],
    ['a tolerate-everything toleration suppresses both', [{ operator: 'Exists' }], [{ operator: 'Exists' }]],
    ['a NoSchedule toleration does not count', [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
      [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }, notReady, unreachable]],
  ])('%s', (_, tolerations, expected) => {
    expect(admitCreate(pod((s) => { if (tolerations) s.tolerations = tolerations; })).spec.tolerations).toEqual(expected);
  });
});

describe('Pod validation', () => {
  test('the full message for a pod without containers', () => {
    expect(errorOf(() => admitCreate(pod((s) => { s.containers = []; }))).message).toBe('Pod "x" is invalid: spec.containers: Required value');
  });

  const cases: Array<[string, (spec: any) => void, string[]]> = [
    ['valid', () => {}, []],
    ['container name required', (s) => { s.containers[0].name = ''; }, ['spec.containers[0].name: Required value']],
    ['container name a DNS label', (s) => { s.containers[0].name = 'Web'; },
      isDNS1123Label('Web').map((m) => `spec.containers[0].name: Invalid value: "Web": ${m}`)],
    ['duplicate container names', (s) => { s.containers.push({ name: 'c', image: 'busybox' }); }, ['spec.containers[1].name: Duplicate value: "c"']],
    ['init container name clashes with a container', (s) => { s.initContainers = [{ name: 'c', image: 'busybox' }]; },
      ['spec.initContainers[0].name: Duplicate value: "c"']],
    ['image required', (s) => { delete s.containers[0].image; }, ['spec.containers[0].image: Required value']],
    ['image whitespace (pods only)', (s) => { s.containers[0].image = ' nginx'; },
      ['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace']],
    ['restartPolicy', (s) => { s.restartPolicy = 'Sometimes'; },
      ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"']],
    ['dnsPolicy', (s) => { s.dnsPolicy = 'Custom'; },
      ['spec.dnsPolicy: Unsupported value: "Custom": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"']],
    ['imagePullPolicy', (s) => { s.containers[0].imagePullPolicy = 'Sometimes'; },
      ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"']],
    // upstream accepts a negative grace period (it becomes 1 on delete); only its absence is an error, and it is defaulted.
    ['negative terminationGracePeriodSeconds is accepted', (s) => { s.terminationGracePeriodSeconds = -5; }, []],
    ['activeDeadlineSeconds at least 1', (s) => { s.activeDeadlineSeconds = 0; },
      ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive']],
    ['requests above limits', (s) => { s.containers[0].resources = { requests: { cpu: '2' }, limits: { cpu: '1' } }; },
      ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1']],
    ['extended resource requests must equal limits', (s) => { s.containers[0].resources = { requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '2' } }; },
      ['spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2']],
    ['unparseable quantity', (s) => { s.containers[0].resources = { requests: { memory: '1GB' } }; },
      ["spec.containers[0].resources.requests[memory]: Invalid value: \"1GB\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"]],
    ['negative quantity', (s) => { s.containers[0].resources = { requests: { cpu: '-1' } }; },
      ['spec.containers[0].resources.requests[cpu]: Invalid value: "-1": must be greater than or equal to 0']],
    ['unknown unprefixed resource', (s) => { s.containers[0].resources = { requests: { gpu: '1' } }; },
      ['spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers']],
    ['container port range', (s) => { s.containers[0].ports = [{ containerPort: 70000 }]; },
      ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    ['port protocol', (s) => { s.containers[0].ports = [{ containerPort: 80, protocol: 'HTTP' }]; },
      ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"']],
    ['hostPort conflict', (s) => { s.containers.push({ name: 'd', image: 'x', ports: [{ containerPort: 81, hostPort: 8080 }] }); s.containers[0].ports = [{ containerPort: 80, hostPort: 8080 }]; },
      ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"']],
    ['volume mount of an unknown volume', (s) => { s.containers[0].volumeMounts = [{ name: 'data', mountPath: '/data' }]; },
      ['spec.containers[0].volumeMounts[0].name: Not found: "data"']],
    ['two volume sources', (s) => { s.volumes = [{ name: 'v', emptyDir: {}, hostPath: { path: '/tmp' } }]; },
      ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type']],
    ['pvc volume needs claimName', (s) => { s.volumes = [{ name: 'v', persistentVolumeClaim: {} }]; },
      ['spec.volumes[0].persistentVolumeClaim.claimName: Required value']],
    ['toleration operator', (s) => { s.tolerations = [{ key: 'k', operator: 'Contains', effect: 'NoSchedule' }]; },
      ['spec.tolerations[0].operator: Unsupported value: "Contains": supported values: "Equal", "Exists"']],
    ['toleration effect', (s) => { s.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoRun' }]; },
      ['spec.tolerations[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']],
    ['tolerationSeconds only with NoExecute', (s) => { s.tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }]; },
      ["spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"]],
    ['empty key needs Exists', (s) => { s.tolerations = [{ operator: 'Equal', value: 'v' }]; },
      ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"']],
    ['nodeSelector label key', (s) => { s.nodeSelector = { '-zone': 'a' }; },
      isQualifiedName('-zone').map((m) => `spec.nodeSelector: Invalid value: "-zone": ${m}`)],
    ['node affinity operator', (s) => { s.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Near', values: ['a'] }] }] } } }; },
      ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator']],
    ['node affinity In without values', (s) => { s.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In' }] }] } } }; },
      ["spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]],
    ['node affinity needs a term', (s) => { s.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }; },
      ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term']],
    ['preferred weight range', (s) => { s.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }] } }; },
      ['spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100']],
    ['pod anti-affinity needs a topologyKey', (s) => { s.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } } }] } }; },
      ['spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
        ...isQualifiedName('').map((m) => `spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": ${m}`)]],
    ['sidecar restartPolicy other than Always', (s) => { s.initContainers = [{ name: 'init', image: 'x', restartPolicy: 'Never' }]; },
      ['spec.initContainers[0].restartPolicy: Unsupported value: "Never": supported values: "Always"']],
    ['probe on a plain init container', (s) => { s.initContainers = [{ name: 'init', image: 'x', readinessProbe: { exec: { command: ['true'] } } }]; },
      ['spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always']],
    ['liveness successThreshold must be 1', (s) => { s.containers[0].livenessProbe = { exec: { command: ['true'] }, successThreshold: 2 }; },
      ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1']],
    ['probe without a handler', (s) => { s.containers[0].readinessProbe = { periodSeconds: 5 }; },
      ['spec.containers[0].readinessProbe: Required value: must specify a handler type']],
  ];
  test.each(cases)('%s', (_, mutate, expected) => {
    if (expected.length === 0) {
      expect(() => admitCreate(pod(mutate))).not.toThrow();
      return;
    }
    const body = bodyOf(errorOf(() => admitCreate(pod(mutate))));
    expect(body).toBe(expected.length === 1 ? expected[0] : `[${expected.join(', ')}]`);
  });

  test('several problems come back together, bracketed, in upstream order', () => {
    const err = errorOf(() => admitCreate(pod((s) => {
      s.containers = [{ name: 'a', image: 'x' }, { name: 'a' }];
      s.restartPolicy = 'Sometimes';
    })));
    expect(err.message).toBe('Pod "x" is invalid: [spec.containers[1].image: Required value, spec.containers[1].name: Duplicate value: "a", ' +
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]');
  });
});

describe('Pod templates', () => {
  test('template labels are reported at <path>.labels, as upstream does', () => {
    const tmpl: any = { metadata: { labels: { '-bad': 'x' } }, spec: { containers: [{ name: 'c', image: 'x' }] } };
    defaultPodTemplateSpec(tmpl);
    expect(validatePodTemplateSpec(tmpl, 'spec.template').map(fieldErrorText)).toEqual(
      isQualifiedName('-bad').map((m) => `spec.template.labels: Invalid value: "-bad": ${m}`));
  });

  test('templates get spec defaults but no Pod-only defaults', () => {
    const tmpl: any = { spec: { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '1' } } }] } };
    defaultPodTemplateSpec(tmpl);
    expect(tmpl.spec.restartPolicy).toBe('Always');
    expect(tmpl.spec.enableServiceLinks).toBeUndefined();
    expect(tmpl.spec.tolerations).toBeUndefined();
    expect(tmpl.spec.containers[0].resources.requests).toBeUndefined();
  });

  test('ephemeral containers are not allowed in templates', () => {
    const tmpl: any = { spec: { containers: [{ name: 'c', image: 'x' }], ephemeralContainers: [{ name: 'e', image: 'x' }] } };
    defaultPodTemplateSpec(tmpl);
    expect(validatePodTemplateSpec(tmpl, 'spec.template').map(fieldErrorText)).toEqual(
      ['spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template']);
  });
});

describe('Pod update', () => {
  const stored = admitCreate(pod((s) => { s.activeDeadlineSeconds = 100; s.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'db', effect: 'NoSchedule' }]; }));
  const update = (mutate: (spec: any) => void) => {
    const next = structuredClone(stored);
    mutate(next.spec);
    return admitUpdate(next, stored);
  };

  test.each<[string, (s: any) => void]>([
    ['image', (s) => { s.containers[0].image = 'nginx:1.28'; }],
    ['lower activeDeadlineSeconds', (s) => { s.activeDeadlineSeconds = 50; }],
    ['add a toleration', (s) => { s.tolerations.push({ key: 'k', operator: 'Exists', effect: 'NoSchedule' }); }],
    ['change tolerationSeconds', (s) => { s.tolerations[1].tolerationSeconds = 60; }],
  ])('allowed: %s', (_, mutate) => expect(() => update(mutate)).not.toThrow());

  test('a manifest without the server-set fields still updates (priority and default tolerations kept)', () => {
    const next = pod((s) => { s.containers[0].image = 'nginx:1.28'; s.activeDeadlineSeconds = 100; s.tolerations = [stored.spec.tolerations[0]]; });
    next.metadata = { ...stored.metadata };
    expect(admitUpdate(next, stored).spec.priority).toBe(0);
  });

  test('anything else is forbidden with the upstream list of updatable fields', () => {
    const err = errorOf(() => update((s) => { s.containers[0].ports = [{ containerPort: 8080 }]; }));
    expect(err.message).toMatch(new RegExp('^Pod "x" is invalid: spec: Forbidden: pod updates may not change fields other than ' +
      escape('`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),' +
        '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)') + '\n'));
  });

  test.each<[string, (s: any) => void, string]>([
    ['raise activeDeadlineSeconds', (s) => { s.activeDeadlineSeconds = 200; }, 'spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value'],
    ['unset activeDeadlineSeconds', (s) => { delete s.activeDeadlineSeconds; }, 'spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value'],
    // Removing a default toleration is undone by DefaultTolerationSeconds (it runs on update too); a user's one is not.
    ['remove a toleration', (s) => { s.tolerations = s.tolerations.slice(1); },
      'spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds'],
    ['add a container', (s) => { s.containers.push({ name: 'd', image: 'x' }); }, 'spec.containers: Forbidden: pod updates may not add or remove containers'],
    ['add a scheduling gate', (s) => { s.schedulingGates = [{ name: 'example.com/gate' }]; },
      "spec.schedulingGates[0].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/gate'"],
  ])('rejected: %s', (_, mutate, message) => {
    expect(bodyOf(errorOf(() => update(mutate)))).toBe(message);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
