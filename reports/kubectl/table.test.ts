import { describe, expect, it } from 'vitest';
import { D, H, M, NOW, S, node, obj, pod, running, waiting } from './fixtures.js';
import { printTable } from './table.js';

// Golden tables. The layout (column widths, kind prefixes, NAMESPACE column,
// blank line between kinds) was checked against kubectl v1.32.4 itself, pointed
// at a stub API server that served these rows as meta.k8s.io Tables.
const golden = (lines: string[]): string => lines.join('\n') + '\n';

const READY = { type: 'Ready', status: 'True' };
const web0 = pod('web-0', { containers: [running()], conditions: [READY], nodeName: 'node-1', podIP: '10.244.1.5' });
const web1 = pod('web-1', { containers: [waiting('CrashLoopBackOff', 'web', 3, 45 * S)], age: 12 * M });
const api = pod('api-7d9f8b6c5-x2x9z', { namespace: 'prod', phase: 'Pending', containers: [waiting('ContainerCreating')], age: 5 * S });
const template = { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }, { name: 'log', image: 'fluentbit:3' }] } };
const deployment = obj('apps/v1', 'Deployment', 'web', 'default', 2 * H + 5 * M, {
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
  status: { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 },
});
const kubernetesSvc = obj('v1', 'Service', 'kubernetes', 'default', 10 * D, {
  spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
});
const webSvc = obj('v1', 'Service', 'web', 'prod', 3 * M, { spec: { type: 'NodePort', clusterIP: '10.96.12.34', ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }], selector: { app: 'web' } } });
const nodes = [
  node('node-1', { labels: { 'node-role.kubernetes.io/control-plane': '' }, age: 10 * D }),
  node('node-2', { ready: 'False' }),
  node('node-3', { unschedulable: true, age: 26 * H }),
  node('node-4', { noConditions: true, age: 90 * S }),
];

describe('printTable', () => {
  it('prints pods of one namespace as `kubectl get pods`', () => {
    expect(printTable([web1, web0], NOW)).toBe(golden([
      'NAME    READY   STATUS             RESTARTS      AGE',
      'web-0   1/1     Running            0             5m',
      'web-1   0/1     CrashLoopBackOff   3 (45s ago)   12m',
    ]));
  });

  it('prints node status and roles', () => {
    expect(printTable(nodes, NOW)).toBe(golden([
      'NAME     STATUS                     ROLES           AGE   VERSION',
      'node-1   Ready                      control-plane   10d   v1.32.0',
      'node-2   NotReady                   <none>          3d    v1.32.0',
      'node-3   Ready,SchedulingDisabled   <none>          26h   v1.32.0',
      'node-4   Unknown                    <none>          90s   v1.32.0',
    ]));
  });

  it('reads an Unknown Ready condition as NotReady, as kubectl does', () => {
    expect(printTable([node('node-9', { ready: 'Unknown' })], NOW)).toContain('node-9   NotReady   <none>   3d    v1.32.0');
  });

  it('prints several kinds as `kubectl get all -A`: nodes, pods, then by kind; kind/ names; NAMESPACE for namespaced kinds', () => {
    expect(printTable([webSvc, api, deployment, ...nodes, kubernetesSvc, web1, web0], NOW)).toBe(golden([
      'NAME          STATUS                     ROLES           AGE   VERSION',
      'node/node-1   Ready                      control-plane   10d   v1.32.0',
      'node/node-2   NotReady                   <none>          3d    v1.32.0',
      'node/node-3   Ready,SchedulingDisabled   <none>          26h   v1.32.0',
      'node/node-4   Unknown                    <none>          90s   v1.32.0',
      '',
      'NAMESPACE   NAME                      READY   STATUS              RESTARTS      AGE',
      'default     pod/web-0                 1/1     Running             0             5m',
      'default     pod/web-1                 0/1     CrashLoopBackOff    3 (45s ago)   12m',
      'prod        pod/api-7d9f8b6c5-x2x9z   0/1     ContainerCreating   0             5s',
      '',
      'NAMESPACE   NAME                  READY   UP-TO-DATE   AVAILABLE   AGE',
      'default     deployment.apps/web   2/3     3            2           125m',
      '',
      'NAMESPACE   NAME                 TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)        AGE',
      'default     service/kubernetes   ClusterIP   10.96.0.1     <none>        443/TCP        10d',
      'prod        service/web          NodePort    10.96.12.34   <none>        80:30080/TCP   3m',
    ]));
  });

  it('adds the priority columns with -o wide', () => {
    expect(printTable([web0, web1, api], NOW, { wide: true })).toBe(golden([
      'NAMESPACE   NAME                  READY   STATUS              RESTARTS      AGE   IP           NODE     NOMINATED NODE   READINESS GATES',
      'default     web-0                 1/1     Running             0             5m    10.244.1.5   node-1   <none>           <none>',
      'default     web-1                 0/1     CrashLoopBackOff    3 (45s ago)   12m   <none>       <none>   <none>           <none>',
      'prod        api-7d9f8b6c5-x2x9z   0/1     ContainerCreating   0             5s    <none>       <none>   <none>           <none>',
    ]));
  });

  it('prefixes a single kind with --show-kind', () => {
    expect(printTable([deployment], NOW, { showKind: true })).toBe(golden([
      'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE',
      'deployment.apps/web   2/3     3            2           125m',
    ]));
  });

  it('prints the workload controllers', () => {
    const objects = [
      obj('apps/v1', 'ReplicaSet', 'web-7d9f8b6c5', 'default', 2 * H, { spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d9f8b6c5' } }, template }, status: { replicas: 3, readyReplicas: 2 } }),
      obj('apps/v1', 'ReplicaSet', 'web-5c4b', 'default', 3 * D, { spec: { replicas: 0, selector: { matchLabels: { app: 'web' } }, template }, status: { replicas: 0 } }),
      obj('apps/v1', 'StatefulSet', 'db', 'default', 40 * M, { spec: { replicas: 3, selector: { matchLabels: { app: 'db' } }, template }, status: { replicas: 2, readyReplicas: 1 } }),
      obj('apps/v1', 'DaemonSet', 'kube-proxy', 'default', 10 * D, {
        spec: { selector: { matchLabels: { k8s: 'proxy' } }, template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [] } } },
        status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
      }),
      obj('batch/v1', 'Job', 'migrate', 'default', 30 * M, {
        spec: { completions: 1, parallelism: 1, template },
        status: { succeeded: 1, startTime: '2024-05-01T11:30:00Z', completionTime: '2024-05-01T11:32:17Z', conditions: [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True' }] },
      }),
      obj('batch/v1', 'Job', 'batch', 'default', 7 * M, { spec: { completions: 5, parallelism: 2, template }, status: { succeeded: 2, active: 2, startTime: '2024-05-01T11:53:00Z' } }),
      obj('batch/v1', 'Job', 'flaky', 'default', 1 * H, {
        spec: { parallelism: 3, template },
        status: { failed: 7, startTime: '2024-05-01T11:00:00Z', conditions: [{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True' }] },
      }),
      obj('batch/v1', 'Job', 'paused', 'default', 2 * M, { spec: { completions: 3, suspend: true, template }, status: { conditions: [{ type: 'Suspended', status: 'True' }] } }),
      obj('batch/v1', 'CronJob', 'backup', 'default', 2 * D, { spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template } } }, status: { active: [{ name: 'backup-1' }], lastScheduleTime: '2024-05-01T11:55:00Z' } }),
      obj('batch/v1', 'CronJob', 'report', 'default', 2 * D, { spec: { schedule: '0 3 * * *', timeZone: 'Etc/UTC', suspend: true, jobTemplate: { spec: { template } } } }),
    ];
    expect(printTable(objects, NOW)).toBe(golden([
      'NAME                   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE',
      'cronjob.batch/backup   */5 * * * *   <none>     False     1        5m              2d',
      'cronjob.batch/report   0 3 * * *     Etc/UTC    True      0        <none>          2d',
      '',
      'NAME                        DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
      'daemonset.apps/kube-proxy   3         3         2       3            2           kubernetes.io/os=linux   10d',
      '',
      'NAME                STATUS      COMPLETIONS   DURATION   AGE',
      'job.batch/batch     Running     2/5           7m         7m',
      'job.batch/flaky     Failed      0/1 of 3      60m        60m',
      'job.batch/migrate   Complete    1/1           2m17s      30m',
      'job.batch/paused    Suspended   0/3                      2m',
      '',
      'NAME                            DESIRED   CURRENT   READY   AGE',
      'replicaset.apps/web-5c4b        0         0         0       3d',
      'replicaset.apps/web-7d9f8b6c5   3         3         2       120m',
      '',
      'NAME                  READY   AGE',
      'statefulset.apps/db   1/3     40m',
    ]));
    expect(printTable(objects.slice(0, 2), NOW, { wide: true })).toBe(golden([
      'NAME            DESIRED   CURRENT   READY   AGE    CONTAINERS   IMAGES                   SELECTOR',
      'web-5c4b        0         0         0       3d     web,log      nginx:1.25,fluentbit:3   app=web',
      'web-7d9f8b6c5   3         3         2       120m   web,log      nginx:1.25,fluentbit:3   app=web,pod-template-hash=7d9f8b6c5',
    ]));
  });

  it('prints services, storage and the other core kinds', () => {
    const objects = [
      obj('v1', 'Service', 'lb', 'default', 5 * M, { spec: { type: 'LoadBalancer', clusterIP: '10.96.7.7', clusterIPs: ['10.96.7.7'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }, { port: 53, nodePort: 31053, protocol: 'UDP' }] }, status: { loadBalancer: {} } }),
      obj('v1', 'Service', 'lb2', 'default', 5 * M, { spec: { type: 'LoadBalancer', clusterIPs: ['10.96.7.8'], ports: [{ port: 443, nodePort: 31443 }] }, status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }, { hostname: 'lb.example.com' }] } } }),
      obj('v1', 'Service', 'db', 'default', 5 * M, { spec: { clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432 }], selector: { app: 'db' } } }),
      obj('v1', 'Service', 'ext', 'default', 5 * M, { spec: { type: 'ExternalName', externalName: 'db.example.com' } }),
      obj('v1', 'PersistentVolumeClaim', 'data-db-0', 'default', 1 * H, {
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeName: 'pvc-1234', volumeMode: 'Filesystem' },
        status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } },
      }),
      obj('v1', 'PersistentVolumeClaim', 'data-db-1', 'default', 10 * S, { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' }, status: { phase: 'Pending' } }),
      obj('v1', 'PersistentVolume', 'pvc-1234', undefined, 1 * H, {
        spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce', 'ReadWriteMany'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', claimRef: { namespace: 'default', name: 'data-db-0' } },
        status: { phase: 'Bound' },
      }),
      obj('v1', 'Namespace', 'default', undefined, 10 * D, { status: { phase: 'Active' } }),
      obj('v1', 'Namespace', 'old', undefined, 1 * D, { metadata: { deletionTimestamp: '2024-05-01T11:59:00Z' }, status: { phase: 'Terminating' } }),
      obj('v1', 'ConfigMap', 'kube-root-ca.crt', 'default', 10 * D, { data: { 'ca.crt': 'x' } }),
      obj('v1', 'Secret', 'token', 'default', 10 * D, { type: 'kubernetes.io/service-account-token', data: { a: 'eA==', b: 'eA==', c: 'eA==' } }),
      obj('coordination.k8s.io/v1', 'Lease', 'node-1', 'default', 10 * D, { spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 } }),
      obj('storage.k8s.io/v1', 'StorageClass', 'standard', undefined, 10 * D, {
        metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
        provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer',
      }),
      obj('discovery.k8s.io/v1', 'EndpointSlice', 'web-abcde', 'default', 5 * M, {
        addressType: 'IPv4', ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        endpoints: [{ addresses: ['10.244.1.5'] }, { addresses: ['10.244.2.6'] }, { addresses: ['10.244.3.7'] }, { addresses: ['10.244.1.8'] }],
      }),
      obj('policy/v1', 'PodDisruptionBudget', 'web', 'default', 5 * M, { spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } }, status: { disruptionsAllowed: 1 } }),
      obj('policy/v1', 'PodDisruptionBudget', 'db', 'default', 5 * M, { spec: { maxUnavailable: '50%' }, status: { disruptionsAllowed: 0 } }),
      obj('apps/v1', 'ControllerRevision', 'db-6b8d9c7f5', 'default', 40 * M, { metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller: true }] }, revision: 1 }),
      obj('example.com/v1', 'Widget', 'w1', 'default', 3 * M),
    ];
    expect(printTable(objects, NOW)).toBe(golden([
      'NAME                         DATA   AGE',
      'configmap/kube-root-ca.crt   1      10d',
      '',
      'NAME                                   CONTROLLER            REVISION   AGE',
      'controllerrevision.apps/db-6b8d9c7f5   statefulset.apps/db   1          40m',
      '',
      'NAME                                       ADDRESSTYPE   PORTS   ENDPOINTS                                      AGE',
      'endpointslice.discovery.k8s.io/web-abcde   IPv4          8080    10.244.1.5,10.244.2.6,10.244.3.7 + 1 more...   5m',
      '',
      'NAME                               HOLDER   AGE',
      'lease.coordination.k8s.io/node-1   node-1   10d',
      '',
      'NAME                STATUS        AGE',
      'namespace/default   Active        10d',
      'namespace/old       Terminating   24h',
      '',
      'NAME                        CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM               STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE',
      'persistentvolume/pvc-1234   1Gi        RWO,RWX        Delete           Bound    default/data-db-0   standard       <unset>                          60m',
      '',
      'NAME                              STATUS    VOLUME     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
      'persistentvolumeclaim/data-db-0   Bound     pvc-1234   1Gi        RWO            standard       <unset>                 60m',
      'persistentvolumeclaim/data-db-1   Pending                                        standard       <unset>                 10s',
      '',
      'NAME                             MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE',
      'poddisruptionbudget.policy/db    N/A             50%               0                     5m',
      'poddisruptionbudget.policy/web   2               N/A               1                     5m',
      '',
      'NAME           TYPE                                  DATA   AGE',
      'secret/token   kubernetes.io/service-account-token   3      10d',
      '',
      'NAME          TYPE           CLUSTER-IP   EXTERNAL-IP        PORT(S)                     AGE',
      'service/db    ClusterIP      None         <none>             5432/TCP                    5m',
      'service/ext   ExternalName   <none>       db.example.com     <none>                      5m',
      'service/lb    LoadBalancer   10.96.7.7    <pending>          80:31000/TCP,53:31053/UDP   5m',
      'service/lb2   LoadBalancer   10.96.7.8    203.0.113.10,...   443:31443/TCP               5m',
      '',
      'NAME                                             PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE',
      'storageclass.storage.k8s.io/standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  10d',
      '',
      'NAME                    AGE',
      'widget.example.com/w1   3m',
    ]));
  });

  it('does not clip load-balancer addresses with -o wide', () => {
    const lb = obj('v1', 'Service', 'lb2', 'default', 5 * M, { spec: { type: 'LoadBalancer', clusterIPs: ['10.96.7.8'], ports: [{ port: 443, nodePort: 31443 }] }, status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }, { hostname: 'lb.example.com' }] } } });
    expect(printTable([lb], NOW, { wide: true })).toContain('203.0.113.10,lb.example.com   443:31443/TCP   5m    <none>');
  });

  it('lists in the API server order: namespace, then name', () => {
    const out = printTable([pod('b', { namespace: 'a' }), pod('a', { namespace: 'b' }), pod('a', { namespace: 'a' })], NOW);
    expect(out.split('\n').slice(1, 4).map((l) => l.split(/\s+/).slice(0, 2).join('/'))).toEqual(['a/a', 'a/b', 'b/a']);
  });

  it('cuts a cell at its first line break', () => {
    const p = pod('a', { phase: 'Failed', reason: 'Bad\nthing' });
    expect(printTable([p], NOW)).toContain('a      0/1     Bad...   0          5m');
  });

  it('says so when there is nothing to print', () => {
    expect(printTable([], NOW)).toBe('No resources found\n');
  });
});
