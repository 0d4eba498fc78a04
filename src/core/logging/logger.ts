/**
 * The support log: a size-rotated file in the data folder (electron-log), readable only by the
 * person, with every line passed through redaction before it is written, so keys and signed URLs
 * never reach the disk.
 */

import log from 'electron-log/node';
import { readFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { redact } from '../../shared/redact';

export type LogFields = Record<string, string | number | boolean | undefined | null>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** The last `count` lines of the log (current file and its rotated predecessor), redacted. */
  tail(count: number): Promise<string[]>;
}

export interface FileLoggerOptions {
  file: string;
  /** Exact values to remove from every line, e.g. the API key currently in use. */
  secrets: () => readonly (string | undefined)[];
  /** The file is rotated (kept once as `<name>.old.log`) beyond this size. */
  maxBytes?: number;
}

let instances = 0;

export function createFileLogger(options: FileLoggerOptions): Logger {
  instances += 1;
  const logger = log.create({ logId: `diarist-${instances}` });
  logger.transports.console.level = false;
  const file = logger.transports.file;
  // electron-log looks for the app's name in the nearest package.json (from the working folder)
  // and, finding none, writes nothing at all; the file is named in full below, so give it a name.
  file.setAppName('Diarist');
  file.level = 'info';
  file.resolvePathFn = () => options.file;
  file.maxSize = options.maxBytes ?? 1024 * 1024;
  file.writeOptions = { flag: 'a', mode: 0o600, encoding: 'utf8' };
  file.format = '[{iso}] [{level}] {text}';
  logger.hooks.push((message) => {
    message.data = message.data.map((item) =>
      redact(typeof item === 'string' ? item : JSON.stringify(item), options.secrets()),
    );
    return message;
  });
  const line = (message: string, fields?: LogFields) => {
    const extra = fields
      ? Object.entries(fields)
          .filter(([, value]) => value !== undefined && value !== null)
          .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
          .join(' ')
      : '';
    return extra ? `${message} ${extra}` : message;
  };
  return {
    info: (message, fields) => logger.info(line(message, fields)),
    warn: (message, fields) => logger.warn(line(message, fields)),
    error: (message, fields) => logger.error(line(message, fields)),
    async tail(count) {
      const rotated = join(
        dirname(options.file),
        basename(options.file).replace(/\.log$/, '') + '.old.log',
      );
      const texts = await Promise.all(
        [rotated, options.file].map((path) => readFile(path, 'utf8').catch(() => '')),
      );
      const lines = texts.join('\n').split('\n').filter(Boolean);
      return lines.slice(-count).map((text) => redact(text, options.secrets()));
    },
  };
}

/** For callers that do not keep a log (tests, benchmarks). */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  tail: async () => [],
};
