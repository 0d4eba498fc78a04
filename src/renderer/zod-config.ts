/**
 * The options schema runs in the page too. Zod's fast path compiles parsers with `new Function`,
 * which the page's CSP forbids, and even its probe for that is reported as a CSP violation: so
 * it is turned off before any schema is built (this module is the entry's first import).
 */

import { config } from 'zod';

config({ jitless: true });
