/**
 * The settings file's JSON Schema, derived from the zod schema the IPC contract validates with,
 * so electron-store checks the file on open and on every write by the same rules.
 */

import { z } from 'zod';
import { settingsSchema } from '../shared/settings';

type JsonSchema = Record<string, unknown>;

export interface SettingsStoreSchema {
  /** One schema per top-level key: electron-store's `schema` option. */
  properties: Record<string, JsonSchema>;
  /** The rest of the root (required keys, no unknown keys): electron-store's `rootSchema`. */
  rootSchema: JsonSchema;
}

export function settingsStoreSchema(): SettingsStoreSchema {
  // electron-store validates with Ajv's draft 2020-12 dialect, which is zod's default target.
  const {
    $schema: _dialect,
    type: _type,
    properties,
    ...rootSchema
  } = z.toJSONSchema(settingsSchema, { target: 'draft-2020-12' }) as JsonSchema;
  return { properties: properties as Record<string, JsonSchema>, rootSchema };
}
