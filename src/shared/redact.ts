/** Removes credentials from text before it is logged, shown or stored. */

const REDACTED = '[redacted]';

/** Query strings carry the signatures of pre-signed URLs; bearer tokens and sk_ keys are keys. */
const RULES: readonly (readonly [RegExp, string])[] = [
  [/\b(Bearer\s+)[^\s"',;]+/gi, `$1${REDACTED}`],
  [/\bsk_[A-Za-z0-9_-]{4,}/g, REDACTED],
  [/(https?:\/\/[^\s"'<>?#]+)\?[^\s"'<>]*/gi, `$1?${REDACTED}`],
  [/((?:X-Amz-|x-goog-)[A-Za-z-]*=)[^&\s"'<>]+/g, `$1${REDACTED}`],
];

/**
 * Returns `text` with known secrets and anything that looks like a key, bearer token or
 * signed URL query replaced. `secrets` are exact values (the current API key, upload URLs).
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
