/**
 * The contract's channel names as plain strings. The sandboxed preload may load no package but
 * electron, and the contract module pulls in zod, so the names are restated here; the type
 * checker proves the list is exactly the contract's (a missing or extra name fails to compile).
 */

import type {
  Channel,
  DROP_CHANNEL as ContractDropChannel,
  PUSH_CHANNEL as ContractPushChannel,
} from '../shared/ipc-contract';

const channelSet = {
  'app:info': true,
  'app:ready': true,
  'key:status': true,
  'key:set': true,
  'key:clear': true,
  'settings:get': true,
  'settings:update': true,
  'files:pick': true,
  'files:pick-folder': true,
  'files:check': true,
  'jobs:add': true,
  'jobs:check-batch': true,
  'jobs:rerun': true,
  'jobs:choose-run': true,
  'jobs:list': true,
  'jobs:status': true,
  'jobs:cancel': true,
  'jobs:retry': true,
  'jobs:remove': true,
  'jobs:show-file': true,
  'jobs:locate': true,
  'results:get': true,
  'results:rename-speaker': true,
  'results:correct': true,
  'results:export': true,
  'results:media-url': true,
  'exports:show': true,
  'exports:pick-folder': true,
  'results:export-into': true,
  'files:pick-export-folder': true,
  'diagnostics:copy': true,
  'clipboard:write': true,
  'links:open': true,
  'voices:list': true,
  'voices:consent': true,
  'voices:remember': true,
  'voices:cancel-remember': true,
  'voices:rename': true,
  'voices:remove': true,
  'voices:remove-all': true,
} as const satisfies Record<Channel, true>;

export const PRELOAD_CHANNELS = Object.keys(channelSet) as Channel[];

export const PRELOAD_PUSH_CHANNEL: typeof ContractPushChannel = 'diarist:push';

/** The preload's own channel for dropped files; no function of `window.diarist` sends on it directly. */
export const PRELOAD_DROP_CHANNEL: typeof ContractDropChannel = 'diarist:files-dropped';
