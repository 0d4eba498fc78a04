/**
 * The preview's SecretBox: AES-256-GCM under a random key held in memory by the preview's process,
 * so the voice library is never plain text on disk (a new preview cannot read an old one's file).
 */

export { memorySecretBox as previewSecretBox } from '../core/voices/aes-box';
