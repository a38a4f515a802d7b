// Test fixtures: the Memcached CRD of the operator-sdk tutorial, in the shape kubectl sends it.
import type { KubeObject } from '../types.js';

export function memcachedCrd(mutate: (crd: any) => void = () => {}): KubeObject {
  const crd: KubeObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'memcacheds.cache.example.com' },
    spec: {
      group: 'cache.example.com',
      names: { kind: 'Memcached', plural: 'memcacheds', shortNames: ['mc'] },
      scope: 'Namespaced',
      versions: [{
        name: 'v1alpha1',
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: [
          { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
          { name: 'Ready', type: 'integer', jsonPath: '.status.readyReplicas' },
        ],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              apiVersion: { type: 'string' },
              kind: { type: 'string' },
              metadata: { type: 'object' },
              spec: {
                type: 'object',
                required: ['size'],
                properties: {
                  size: { type: 'integer', minimum: 1, maximum: 10 },
                  image: { type: 'string', pattern: '^[a-z]+$' },
                  mode: { type: 'string', enum: ['Active', 'Standby'] },
                  tier: { type: 'string', default: 'standard' },
                  servers: {
                    type: 'array',
                    maxItems: 3,
                    items: {
                      type: 'object',
                      required: ['host'],
                      properties: { host: { type: 'string', minLength: 3 }, port: { type: 'integer', minimum: 1, maximum: 65535, default: 11211 } },
                    },
                  },
                },
              },
              status: { type: 'object', properties: { readyReplicas: { type: 'integer' } } },
            },
          },
        },
      }],
    },
  };
  mutate(crd);
  return crd;
}

export function memcached(spec: Record<string, unknown> = { size: 3 }, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'cache.example.com/v1alpha1', kind: 'Memcached',
    metadata: { name: 'mc', namespace: 'default' }, spec, ...extra,
  } as KubeObject;
}

/** The Memcached schema, for schema-level tests. */
export const memcachedSchema = (): any => memcachedCrd().spec.versions[0].schema.openAPIV3Schema;
