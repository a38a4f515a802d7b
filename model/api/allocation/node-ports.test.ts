import { describe, expect, it } from 'vitest';
import { allocators, errorOf, planOf, svc, zero } from './fixtures.js';
import { planServiceCreate } from './service.js';

const tcp = (port: number, nodePort?: number, name?: string) => ({ name, port, protocol: 'TCP', targetPort: port, ...(nodePort ? { nodePort } : {}) });
const udp = (port: number, nodePort?: number, name?: string) => ({ name, port, protocol: 'UDP', targetPort: port, ...(nodePort ? { nodePort } : {}) });
const nodePort = (ports: unknown[], extra: Record<string, unknown> = {}) => svc({ type: 'NodePort', externalTrafficPolicy: 'Cluster', ports, ...extra });

describe('create: nodePorts', () => {
  it('each port gets a random nodePort from the dynamic block, no two alike', () => {
    const plan = planOf(planServiceCreate(nodePort([tcp(80, 0, 'http'), tcp(443, 0, 'https')]), allocators(), zero));
    expect(plan.service.spec.ports.map((p: any) => p.nodePort)).toEqual([30086, 30087]);
    expect(plan.allocate.ports).toEqual([30086, 30087]);
  });

  it('TCP and UDP of the same port number share one nodePort, allocated once', () => {
    const plan = planOf(planServiceCreate(nodePort([tcp(53, 0, 'dns-tcp'), udp(53, 0, 'dns')]), allocators(), zero));
    expect(plan.service.spec.ports.map((p: any) => p.nodePort)).toEqual([30086, 30086]);
    expect(plan.allocate.ports).toEqual([30086]);
  });

  it('a nodePort written on a later port with the same number is used for the earlier one too', () => {
    const plan = planOf(planServiceCreate(nodePort([udp(53, 0, 'dns'), tcp(53, 30053, 'dns-tcp')]), allocators(), zero));
    expect(plan.service.spec.ports.map((p: any) => p.nodePort)).toEqual([30053, 30053]);
    expect(plan.allocate.ports).toEqual([30053]);
  });

  it('a taken nodePort: 422 on that port\'s field', () => {
    const al = allocators();
    al.ports.allocate(30080);
    const err = errorOf(planServiceCreate(nodePort([tcp(443, 30443, 'https'), tcp(80, 30080, 'http')]), al, zero));
    expect(err.message).toBe('Service "web" is invalid: spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated');
    expect(err.causes.map((c) => c.field)).toEqual(['spec.ports[1].nodePort']);
  });

  it('a nodePort outside the range names the range', () => {
    const err = errorOf(planServiceCreate(nodePort([tcp(80, 40000)]), allocators(), zero));
    expect(err.message).toBe('Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767');
  });

  it('the same nodePort for two different port numbers: the second is already allocated (by this request)', () => {
    const err = errorOf(planServiceCreate(nodePort([tcp(80, 30080, 'a'), tcp(81, 30080, 'b')]), allocators(), zero));
    expect(err.message).toBe('Service "web" is invalid: spec.ports[1].nodePort: Invalid value: 30080: provided port is already allocated');
  });

  it('a failure leaves every allocator as it was, clusterIP included', () => {
    const al = allocators();
    al.ports.allocate(30081);
    errorOf(planServiceCreate(nodePort([tcp(80, 30080, 'a'), tcp(81, 30081, 'b')]), al, zero));
    expect(al.ip.used).toBe(0);
    expect(al.ports.values()).toEqual([30081]);
  });

  it('clusterIP comes first: a taken clusterIP and a taken nodePort report only the clusterIP', () => {
    const al = allocators();
    al.ip.allocate('10.96.0.10');
    al.ports.allocate(30080);
    const err = errorOf(planServiceCreate(nodePort([tcp(80, 30080)], { clusterIPs: ['10.96.0.10'] }), al, zero));
    expect(err.causes.map((c) => c.field)).toEqual(['spec.clusterIPs']);
  });

  it('a full port range is a 500', () => {
    const al = allocators(undefined, { min: 30000, max: 30001 });
    al.ports.allocate(30000);
    al.ports.allocate(30001);
    expect(errorOf(planServiceCreate(nodePort([tcp(80)]), al, zero)).message).toBe('Internal error occurred: failed to allocate a nodePort: range is full');
  });

  it('ClusterIP Services take no nodePorts', () => {
    expect(planOf(planServiceCreate(svc(), allocators(), zero)).allocate.ports).toEqual([]);
  });
});

describe('create: LoadBalancer', () => {
  const lb = (extra: Record<string, unknown>, ports: unknown[] = [tcp(80)]) =>
    svc({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster', ports, ...extra });

  it('allocateLoadBalancerNodePorts false: no random nodePorts, but a requested one is honoured', () => {
    const plan = planOf(planServiceCreate(lb({ allocateLoadBalancerNodePorts: false }, [tcp(80, 0, 'a'), tcp(81, 30081, 'b')]), allocators(), zero));
    expect(plan.service.spec.ports.map((p: any) => p.nodePort)).toEqual([undefined, 30081]);
    expect(plan.allocate.ports).toEqual([30081]);
  });

  it('externalTrafficPolicy Local also gets a healthCheckNodePort, after the nodePorts', () => {
    const plan = planOf(planServiceCreate(lb({ externalTrafficPolicy: 'Local' }), allocators(), zero));
    expect(plan.service.spec.ports[0].nodePort).toBe(30086);
    expect(plan.service.spec.healthCheckNodePort).toBe(30087);
    expect(plan.allocate.ports).toEqual([30086, 30087]);
  });

  it('a taken healthCheckNodePort is a 500 naming the port', () => {
    const al = allocators();
    al.ports.allocate(30500);
    const err = errorOf(planServiceCreate(lb({ externalTrafficPolicy: 'Local', healthCheckNodePort: 30500 }), al, zero));
    expect(err.message).toBe('Internal error occurred: failed to allocate requested HealthCheck NodePort 30500: provided port is already allocated');
    expect(err.code).toBe(500);
  });
});
