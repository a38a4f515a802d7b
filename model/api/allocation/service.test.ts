import { describe, expect, it } from 'vitest';
import { allocators, errorOf, planOf, svc, zero } from './fixtures.js';
import { commitServicePlan, planServiceCreate } from './service.js';

describe('create: clusterIP', () => {
  it('an ordinary Service gets a random address from the dynamic block and the single-stack family fields', () => {
    const al = allocators();
    const input = svc();
    const plan = planOf(planServiceCreate(input, al, zero));
    expect(plan.service.spec).toMatchObject({
      clusterIP: '10.96.1.1', clusterIPs: ['10.96.1.1'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
    });
    expect(plan.allocate).toEqual({ ips: ['10.96.1.1'], ports: [] });
    expect(plan.release).toEqual({ ips: [], ports: [] });
    // Pure: neither the request nor the allocators changed.
    expect(input.spec.clusterIP).toBeUndefined();
    expect(al.ip.used).toBe(0);
    commitServicePlan(plan, al);
    expect(al.ip.has('10.96.1.1')).toBe(true);
  });

  it('a requested address is taken as given (the singular field alone is enough)', () => {
    const plan = planOf(planServiceCreate(svc({ clusterIP: '10.96.0.10' }), allocators(), zero));
    expect(plan.service.spec.clusterIPs).toEqual(['10.96.0.10']);
    expect(plan.allocate.ips).toEqual(['10.96.0.10']);
  });

  it('a taken address: 422 on spec.clusterIPs, in the API server\'s words', () => {
    const al = allocators();
    al.ip.allocate('10.96.0.10');
    const err = errorOf(planServiceCreate(svc({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] }), al, zero));
    expect(err.message).toBe('Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated');
    expect(err.code).toBe(422);
    expect(err.causes.map((c) => c.field)).toEqual(['spec.clusterIPs']);
  });

  it('an address outside the range names the range', () => {
    const err = errorOf(planServiceCreate(svc({ clusterIPs: ['10.0.0.5'] }), allocators(), zero));
    expect(err.message).toBe('Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12');
  });

  it('a full range is a 500, not a field error', () => {
    const al = allocators('10.0.0.0/29');
    for (let i = 0; i < 6; i++) al.ip.allocateNext(zero);
    const err = errorOf(planServiceCreate(svc(), al, zero));
    expect(err.message).toBe('Internal error occurred: failed to allocate a serviceIP: range is full');
    expect(err.reason).toBe('InternalError');
    expect(err.code).toBe(500);
  });

  it('headless: no address; without a selector the family fields say dual-stack even here', () => {
    const withSelector = planOf(planServiceCreate(svc({ clusterIP: 'None' }), allocators(), zero));
    expect(withSelector.allocate.ips).toEqual([]);
    expect(withSelector.service.spec).toMatchObject({ clusterIPs: ['None'], ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] });
    const noSelector = planOf(planServiceCreate(svc({ clusterIP: 'None', selector: undefined }), allocators(), zero));
    expect(noSelector.service.spec).toMatchObject({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] });
  });

  it('ExternalName: nothing allocated and no family fields', () => {
    const plan = planOf(planServiceCreate(svc({ type: 'ExternalName', externalName: 'example.com', ports: [] }), allocators(), zero));
    expect(plan.allocate).toEqual({ ips: [], ports: [] });
    expect(plan.service.spec.ipFamilies).toBeUndefined();
    expect(plan.service.spec.clusterIP).toBeUndefined();
  });
});

describe('create: IP families on a single-stack IPv4 cluster', () => {
  it.each([
    ['an IPv6 clusterIP', { clusterIPs: ['fd00::10'] },
      'spec.clusterIPs[0]: Invalid value: []string{"fd00::10"}: IPv6 is not configured on this cluster'],
    ['RequireDualStack', { ipFamilyPolicy: 'RequireDualStack' },
      'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services'],
    ['an IPv6 family', { ipFamilies: ['IPv6'] },
      'spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster'],
    ['two families with SingleStack', { ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4', 'IPv6'] },
      'spec.ipFamilyPolicy: Invalid value: "SingleStack": must be \'RequireDualStack\' or \'PreferDualStack\' when multiple IP families are specified'],
    ['a malformed clusterIP', { clusterIPs: ['10.96.0.300'] },
      'spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
  ])('%s is refused before anything is allocated', (_what, spec, body) => {
    expect(errorOf(planServiceCreate(svc(spec), allocators(), zero)).message).toBe(`Service "web" is invalid: ${body}`);
  });

  it('PreferDualStack on a single-stack cluster quietly gets one family', () => {
    const plan = planOf(planServiceCreate(svc({ ipFamilyPolicy: 'PreferDualStack' }), allocators(), zero));
    expect(plan.service.spec).toMatchObject({ ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4'], clusterIPs: ['10.96.1.1'] });
  });
});
