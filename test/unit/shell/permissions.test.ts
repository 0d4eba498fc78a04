import { describe, expect, it } from 'vitest';
import { denyAllPermissions, type PermissionSession } from '../../../src/main/permissions';

type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

function fakeSession() {
  const handlers: { request?: RequestHandler; check?: () => boolean; device?: () => boolean } = {};
  const session = {
    setPermissionRequestHandler: (h: RequestHandler) => (handlers.request = h),
    setPermissionCheckHandler: (h: () => boolean) => (handlers.check = h),
    setDevicePermissionHandler: (h: () => boolean) => (handlers.device = h),
  } as unknown as PermissionSession;
  return { session, handlers };
}

describe('denyAllPermissions', () => {
  it.each([
    'media',
    'notifications',
    'geolocation',
    'clipboard-read',
    'openExternal',
    'fileSystem',
  ])('answers no to a %s request', (permission) => {
    const { session, handlers } = fakeSession();
    denyAllPermissions(session);
    const answers: boolean[] = [];
    handlers.request!({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
  });

  it('answers no to every permission check and device request', () => {
    const { session, handlers } = fakeSession();
    denyAllPermissions(session);
    expect(handlers.check!()).toBe(false);
    expect(handlers.device!()).toBe(false);
  });
});
