/**
 * Only mapped errors reach the page: something no one planned for becomes an `internal` error
 * that says what to do, and its real text goes to the log.
 */

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_ERROR_MESSAGE } from '../../src/core/app/invoke';
import { FAST_SIM, startSimulator, tempDir, type Simulator } from '../support/engine-harness';
import { startApp, type TestApp } from '../support/app-harness';

const RAW = "EIO: i/o error, scandir '/home/anna/Private/Board meeting'";

describe('an unexpected error in an operation', () => {
  let sim: Simulator;
  let work: { path: string; remove: () => Promise<void> };
  let app: TestApp;
  beforeAll(async () => {
    sim = await startSimulator(FAST_SIM);
    work = await tempDir('diarist-internal-');
    app = await startApp(sim, join(work.path, 'data'), {
      dialogs: {
        pickRecordings: async () => {
          throw new Error(RAW);
        },
      },
    });
  });
  afterAll(async () => {
    await app.close();
    await sim.close();
    await work.remove();
  });

  it('reaches the page as internal, in plain words, and its real text goes to the log', async () => {
    const reply = await app.call('files:pick');
    expect(reply).toEqual({
      ok: false,
      error: { code: 'internal', message: INTERNAL_ERROR_MESSAGE, key: 'calls.internal' },
    });
    expect(INTERNAL_ERROR_MESSAGE).toMatch(/Try again.*Settings → Copy diagnostics/);
    expect(JSON.stringify(reply)).not.toMatch(/EIO|scandir|anna/);
    const logged = app.logger.lines.filter((line) => line.startsWith('[error]'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('files:pick');
    expect(logged[0]).toContain(JSON.stringify(`Error: ${RAW}`).slice(1, -1));
  });
});
