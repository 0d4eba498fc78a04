/** The rule every `media://` key we create must satisfy. */

import { MEDIA_URL_MAX_LENGTH } from './limits';

/**
 * Stricter than the published pattern: `_` is allowed by the OpenAPI file but has been seen
 * rejected by the service (and the official SDK omits it), so we never produce one.
 */
const MEDIA_URL_PATTERN = /^media:\/\/[a-zA-Z0-9\-./]+$/;

export function isValidMediaUrl(url: string): boolean {
  return url.length <= MEDIA_URL_MAX_LENGTH && MEDIA_URL_PATTERN.test(url);
}
