/**
 * A Word document to start the minutes from: the recording's name as the title, when it was
 * processed and how long it is, the speakers with their talk time, then one paragraph per turn
 * (time, name, and the words when the job was transcribed). Built with `docx`, so Word,
 * LibreOffice and Pages open it as an ordinary document the person can edit.
 */

import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { SavedResult } from '../../shared/result';
import { cuesFor } from './cues';
import { exportWords, type ExportWords } from './words';
import { nameLookup, singleLine } from './text';
import { clock } from './time';

/** "Label: value" with the label in bold, spaced as the language writes it. */
function field(words: ExportWords, label: string, value: string): Paragraph {
  const line = words.field(label, value);
  const at = line.lastIndexOf(value);
  const head = at >= 0 ? line.slice(0, at) : `${line} `;
  return new Paragraph({
    children: [new TextRun({ text: head, bold: true }), new TextRun(value)],
  });
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
}

function speakersTable(
  result: SavedResult,
  nameOf: (label: string) => string,
  words: ExportWords,
): Table {
  const header = new TableRow({
    tableHeader: true,
    children: [
      cell(words.speakerColumn, true),
      cell(words.talkTimeColumn, true),
      cell(words.turnsColumn, true),
    ],
  });
  const rows = result.speakers.map(
    (speaker) =>
      new TableRow({
        children: [
          cell(singleLine(nameOf(speaker.label))),
          cell(words.lengthInWords(speaker.totalSeconds)),
          cell(words.count(speaker.turnCount)),
        ],
      }),
  );
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] });
}

function turnParagraphs(
  result: SavedResult,
  nameOf: (label: string) => string,
  words: ExportWords,
) {
  const cues = cuesFor(result);
  if (cues.length === 0) return [new Paragraph(words.noSpeech)];
  return cues.map((cue) => {
    const start = clock(Math.floor(cue.startMs / 1000));
    const time = cue.text === undefined ? `${start}–${clock(Math.ceil(cue.endMs / 1000))}` : start;
    const name = singleLine(nameOf(cue.speaker));
    const text = cue.text === undefined ? '' : singleLine(cue.text);
    return new Paragraph({
      spacing: { after: 120 },
      children: [
        new TextRun({ text: `${time}  `, color: '666666' }),
        new TextRun({ text: name, bold: true }),
        ...(text ? [new TextRun(`: ${text}`)] : []),
      ],
    });
  });
}

/** The document as the bytes of a .docx file. */
export async function toDocx(
  result: SavedResult,
  words: ExportWords = exportWords(),
): Promise<Uint8Array> {
  const nameOf = nameLookup(result, words.defaultSpeaker);
  const title = singleLine(result.source.name);
  const duration = result.source.durationSeconds;
  const length =
    duration !== undefined && Number.isFinite(duration)
      ? words.lengthInWords(duration)
      : words.atLeast(
          words.lengthInWords(
            Math.ceil(result.segments.reduce((max, s) => Math.max(max, s.end), 0)),
          ),
        );
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
    field(words, words.processedOn, words.date(result.completedAt ?? result.savedAt)),
    field(words, words.length, length),
  ];
  if (result.warning) children.push(field(words, words.note, singleLine(result.warning)));
  children.push(
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      children: [new TextRun(words.speakersHeading(result.speakers.length))],
    }),
  );
  if (result.speakers.length > 0) children.push(speakersTable(result, nameOf, words));
  children.push(
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(words.turnsHeading)] }),
    ...turnParagraphs(result, nameOf, words),
  );
  const document = new Document({
    creator: 'Diarist',
    title,
    description: words.description,
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
