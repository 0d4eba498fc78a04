/**
 * The test keyring's lock, as a person's keyring is locked by the screen lock or a timeout and
 * unlocked again at login. Locking is the Secret Service's own Lock method; unlocking without a
 * prompt goes through the daemon's control socket with the password keyring-session.sh set, the
 * way the login (PAM) unlocks it. Linux only, inside the suite's own D-Bus session.
 */

import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const TEST_KEYRING_PASSWORD = 'diarist-test-keyring';
const LOGIN_COLLECTION = '/org/freedesktop/secrets/collection/login';

async function gdbus(objectPath: string, method: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    'gdbus',
    [
      'call',
      '--session',
      '--dest',
      'org.freedesktop.secrets',
      '--object-path',
      objectPath,
      '--method',
      method,
      ...args,
    ],
    { timeout: 10_000 },
  );
  return stdout.trim();
}

/** Whether the login keyring is locked now, as the Secret Service reports it. */
export async function keyringLocked(): Promise<boolean> {
  const answer = await gdbus(
    LOGIN_COLLECTION,
    'org.freedesktop.DBus.Properties.Get',
    'org.freedesktop.Secret.Collection',
    'Locked',
  );
  if (answer === '(<true>,)') return true;
  if (answer === '(<false>,)') return false;
  throw new Error(`unexpected answer to Locked: ${answer}`);
}

export async function lockKeyring(): Promise<void> {
  await gdbus(
    '/org/freedesktop/secrets',
    'org.freedesktop.Secret.Service.Lock',
    `['${LOGIN_COLLECTION}']`,
  );
  if (!(await keyringLocked())) throw new Error('the login keyring did not lock');
}

/**
 * gnome-keyring-daemon's control protocol (daemon/control/gkd-control-client.c): one byte for
 * the peer-credential check, then a packet of big-endian uint32s: total length, the operation
 * (1: unlock) and the password as length and bytes; the answer is a length and a result (0: ok).
 */
export async function unlockKeyring(password = TEST_KEYRING_PASSWORD): Promise<void> {
  const directory = process.env.GNOME_KEYRING_CONTROL;
  if (!directory) throw new Error('no GNOME_KEYRING_CONTROL: run inside npm run test:electron');
  const secret = Buffer.from(password, 'utf8');
  const packet = Buffer.alloc(12 + secret.length);
  packet.writeUInt32BE(packet.length, 0);
  packet.writeUInt32BE(1, 4);
  packet.writeUInt32BE(secret.length, 8);
  secret.copy(packet, 12);
  const answer = await new Promise<Buffer>((resolve, reject) => {
    const socket = connect(join(directory, 'control'));
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('the keyring daemon did not answer')));
    socket.on('connect', () => socket.write(Buffer.concat([Buffer.from([0]), packet])));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const received = Buffer.concat(chunks);
      if (received.length >= 8 && received.length >= received.readUInt32BE(0)) {
        socket.end();
        resolve(received);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('the keyring daemon closed the connection')));
  });
  const result = answer.readUInt32BE(4);
  if (result !== 0) throw new Error(`the keyring daemon refused to unlock (result ${result})`);
  if (await keyringLocked()) throw new Error('the login keyring is still locked');
}
