/** Small strict parsers used to read every export back; each throws on anything off-spec. */

export interface RttmLine {
  fileId: string;
  channel: string;
  onset: number;
  duration: number;
  name: string;
}

/** NIST RTTM SPEAKER lines: exactly 10 space-separated fields, <NA> where the spec says. */
export function parseRttm(text: string): RttmLine[] {
  if (text === '') return [];
  if (!text.endsWith('\n')) throw new Error('RTTM must end with a newline');
  return text
    .slice(0, -1)
    .split('\n')
    .map((line, index) => {
      const fields = line.split(' ');
      if (fields.length !== 10) throw new Error(`line ${index + 1}: ${fields.length} fields`);
      const [type, fileId, channel, onset, duration, ortho, stype, name, conf, lookahead] =
        fields as [string, string, string, string, string, string, string, string, string, string];
      if (type !== 'SPEAKER') throw new Error(`line ${index + 1}: type ${type}`);
      if ([ortho, stype, conf, lookahead].some((f) => f !== '<NA>')) {
        throw new Error(`line ${index + 1}: expected <NA> fields`);
      }
      for (const field of fields) {
        if (field === '' || /\s/u.test(field)) throw new Error(`line ${index + 1}: bad field`);
      }
      if (!/^\d+\.\d{3}$/.test(onset) || !/^\d+\.\d{3}$/.test(duration)) {
        throw new Error(`line ${index + 1}: times must have 3 decimals`);
      }
      return { fileId, channel, onset: Number(onset), duration: Number(duration), name };
    });
}

/**
 * RFC 4180: CRLF between records, fields quoted with doubled inner quotes, no bare CR or LF
 * outside quotes, no quote inside an unquoted field, the same field count on every record.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const atEnd = () => i >= text.length;
  while (!atEnd()) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (atEnd()) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i += 1;
            break;
          }
        } else {
          field += text[i];
          i += 1;
        }
      }
    } else {
      while (!atEnd() && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`quote inside unquoted field at ${i}`);
        field += text[i];
        i += 1;
      }
    }
    row.push(field);
    if (atEnd()) {
      rows.push(row);
      break;
    }
    if (text[i] === ',') {
      i += 1;
      if (atEnd()) throw new Error('trailing comma');
    } else if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2;
      rows.push(row);
      row = [];
    } else {
      throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
    }
  }
  const width = rows[0]?.length;
  for (const [index, r] of rows.entries()) {
    if (r.length !== width) throw new Error(`record ${index + 1} has ${r.length} fields`);
  }
  return rows;
}

export interface ParsedCue {
  id: string;
  startMs: number;
  endMs: number;
  lines: string[];
}

function timestampMs(h: string, m: string, s: string, ms: string): number {
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms);
}

function parseCueBlocks(blocks: string[], separator: ',' | '.'): ParsedCue[] {
  const sep = separator === ',' ? ',' : '\\.';
  const stamp = `(\\d{2,}):([0-5]\\d):([0-5]\\d)${sep}(\\d{3})`;
  const timing = new RegExp(`^${stamp} --> ${stamp}$`);
  let previousStart = -1;
  return blocks.map((block, index) => {
    const [id, timingLine, ...lines] = block.split('\n');
    const match = timing.exec(timingLine ?? '');
    if (!id || !match) throw new Error(`cue ${index + 1}: bad header ${JSON.stringify(block)}`);
    const [, h1, m1, s1, ms1, h2, m2, s2, ms2] = match as unknown as string[];
    const startMs = timestampMs(h1!, m1!, s1!, ms1!);
    const endMs = timestampMs(h2!, m2!, s2!, ms2!);
    if (endMs <= startMs) throw new Error(`cue ${index + 1}: end ${endMs} <= start ${startMs}`);
    if (startMs < previousStart) throw new Error(`cue ${index + 1}: out of order`);
    previousStart = startMs;
    if (lines.length === 0 || lines.some((l) => l.trim() === '' || l.includes('-->'))) {
      throw new Error(`cue ${index + 1}: bad text ${JSON.stringify(lines)}`);
    }
    return { id, startMs, endMs, lines };
  });
}

/** SubRip: blocks of index, timing, text, separated by one blank line; indexes count from 1. */
export function parseSrt(text: string): ParsedCue[] {
  if (text === '') return [];
  if (!text.endsWith('\n') || text.endsWith('\n\n'))
    throw new Error('SRT must end with one newline');
  const cues = parseCueBlocks(text.slice(0, -1).split('\n\n'), ',');
  cues.forEach((cue, index) => {
    if (cue.id !== String(index + 1))
      throw new Error(`cue numbered ${cue.id}, expected ${index + 1}`);
  });
  return cues;
}

export interface VttCue extends ParsedCue {
  voice: string;
  text: string;
}

/** Decodes the three character references the exporter uses; any other "&" is an error. */
function decodeVtt(value: string): string {
  if (/[<>]/.test(value)) throw new Error(`raw < or > in ${JSON.stringify(value)}`);
  const stray = value.replace(/&(amp|lt|gt);/g, '');
  if (stray.includes('&')) throw new Error(`unescaped & in ${JSON.stringify(value)}`);
  return value.replace(/&(amp|lt|gt);/g, (_, ref: string) =>
    ref === 'amp' ? '&' : ref === 'lt' ? '<' : '>',
  );
}

/** WebVTT with one voice span per cue: header, blank line, cues with ids and `<v Name>text`. */
export function parseVtt(text: string): VttCue[] {
  if (!text.startsWith('WEBVTT\n\n') && text !== 'WEBVTT\n')
    throw new Error('missing WEBVTT header');
  const body = text.slice('WEBVTT\n\n'.length);
  if (body === '') return [];
  if (!body.endsWith('\n') || body.endsWith('\n\n'))
    throw new Error('VTT must end with one newline');
  return parseCueBlocks(body.slice(0, -1).split('\n\n'), '.').map((cue) => {
    if (cue.id.includes('-->')) throw new Error('cue id contains -->');
    if (cue.lines.length !== 1)
      throw new Error(`expected one payload line, got ${cue.lines.length}`);
    const match = /^<v ([^>]+)>(.*)$/.exec(cue.lines[0]!);
    if (!match) throw new Error(`no voice span in ${JSON.stringify(cue.lines[0])}`);
    return { ...cue, voice: decodeVtt(match[1]!), text: decodeVtt(match[2]!) };
  });
}
