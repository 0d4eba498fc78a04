import { describe, expect, it } from 'vitest';
import { systemTrust } from '../../../src/core/network/trust';

describe('trusted certificates for the app', () => {
  it('adds the operating system’s store to Node’s defaults (which hold NODE_EXTRA_CA_CERTS)', () => {
    const trust = systemTrust({
      getCACertificates: (type) =>
        type === 'default' ? ['bundled', 'extra'] : ['corp-root', 'bundled'],
    });
    expect(trust).toEqual({ source: 'system', ca: ['bundled', 'extra', 'corp-root'] });
  });

  it('keeps Node’s defaults, and says why, where the runtime cannot read the store', () => {
    const trust = systemTrust({});
    expect(trust.source).toBe('node-default');
    expect(trust.ca).toBeUndefined();
    expect(trust.source === 'node-default' && trust.reason).toMatch(/cannot read/);
  });

  it('keeps Node’s defaults when reading the store fails', () => {
    const trust = systemTrust({
      getCACertificates: (type) => {
        if (type === 'system') throw new Error('keychain locked');
        return ['bundled'];
      },
    });
    expect(trust).toMatchObject({
      source: 'node-default',
      reason: expect.stringContaining('keychain locked'),
    });
  });
});
