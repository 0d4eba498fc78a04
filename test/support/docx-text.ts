/** Reads a .docx back as Word would show it, by unzipping its XML with the system's `unzip`. */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function decode(xml: string): string {
  return xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** word/document.xml of a file on disk. */
export function documentXmlOf(path: string): string {
  return execFileSync('unzip', ['-p', path, 'word/document.xml'], { encoding: 'utf8' });
}

/** The document's paragraphs as text, in order (table cells are paragraphs too). */
export function paragraphsOf(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((match) =>
    [...match[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((text) => decode(text[1] ?? ''))
      .join(''),
  );
}

/** The paragraphs of a .docx held in memory. */
export function docxParagraphs(bytes: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'diarist-docx-'));
  try {
    const path = join(dir, 'read.docx');
    writeFileSync(path, bytes);
    return paragraphsOf(documentXmlOf(path));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
