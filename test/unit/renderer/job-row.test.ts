import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { JobRow, type JobActions } from '../../../src/renderer/components/JobRow';
import { I18nextProvider } from 'react-i18next';
import { testI18n } from './jobs-i18n';
import { DEFAULT_DIARIZE_OPTIONS } from '../../../src/shared/diarize-options';
import type { JobView } from '../../../src/shared/ipc-contract';
import type { JobState } from '../../../src/shared/jobs';

const noop = () => undefined;
const actions: JobActions = {
  cancel: noop,
  retry: noop,
  remove: noop,
  open: noop,
  showFile: noop,
  locate: noop,
  toggleDetails: noop,
  select: noop,
};

/** A copy of "a.wav" merged into it: canceled, never sent, pointing at the original. */
const copy: JobView = {
  id: 'copy',
  revision: 2,
  batchId: 'b2',
  createdAt: '2026-12-03T08:00:00.000Z',
  updatedAt: '2026-12-03T08:00:00.000Z',
  state: 'canceled',
  duplicateOf: 'original',
  note: 'Same recording as “a.wav” (already in the list); sent once.',
  source: { name: 'b.wav', sizeBytes: 1000, mtimeMs: 1 },
  options: DEFAULT_DIARIZE_OPTIONS,
};

const buttonsFor = (originalState: JobState | undefined) => {
  const html = renderToStaticMarkup(
    createElement(JobRow, { job: copy, detailsOpen: false, actions, originalState }),
  );
  return [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => m[1]).filter(Boolean);
};

describe('a merged copy’s row', () => {
  it('opens the result once the original is done', () => {
    expect(buttonsFor('succeeded')).toContain('Open result');
    expect(buttonsFor('succeeded')).not.toContain('Retry');
  });

  it('offers Retry, not Open result, when the original failed, was canceled or removed', () => {
    for (const state of ['failed', 'canceled', undefined] as const) {
      expect(buttonsFor(state)).toContain('Retry');
      expect(buttonsFor(state)).not.toContain('Open result');
    }
  });

  it('offers neither while the original is still under way', () => {
    expect(buttonsFor('processing')).not.toContain('Retry');
    expect(buttonsFor('processing')).not.toContain('Open result');
  });
});

describe('a prepared recording’s row', () => {
  const video: JobView = {
    ...copy,
    id: 'video',
    state: 'uploading',
    duplicateOf: undefined,
    note: undefined,
    source: { name: 'meeting.mp4', sizeBytes: 1.8 * 1024 ** 3, mtimeMs: 1 },
    preparation: {
      action: 'extract-audio',
      recipe: 'extract-copy@1:aac>m4a',
      estimatedBytes: 30e6,
    },
  };
  const render = (job: JobView) =>
    renderToStaticMarkup(createElement(JobRow, { job, detailsOpen: false, actions }));

  it('says only the sound is sent, with the estimate until the prepared size is known', () => {
    expect(render(video)).toContain('Only the sound is sent (about 29 MB of 1.8 GB)');
    const prepared = {
      ...video,
      prepared: {
        file: 'prepared/x.m4a',
        recipe: 'extract-copy@1:aac>m4a',
        sizeBytes: 24 * 1024 ** 2,
        offsetSeconds: 0,
        durationSeconds: 3600,
        mimeType: 'audio/mp4',
      },
    };
    expect(render(prepared)).toContain('Only the sound is sent (24 MB of 1.8 GB)');
  });

  it('says a big WAV is sent as 16 kHz mono, and says nothing for a file sent as it is', () => {
    const wav = {
      ...video,
      source: { ...video.source, name: 'interview.wav' },
      preparation: {
        action: 'downmix-resample' as const,
        recipe: 'pcm-16k-mono@1',
        estimatedBytes: 230 * 1024 ** 2,
      },
    };
    expect(render(wav)).toContain('Sent as 16 kHz mono sound (about 230 MB of 1.8 GB)');
    expect(render({ ...video, preparation: undefined })).not.toContain('sound');
  });
});

/** A job that failed: its buttons in order, with whether each is a quiet (not prominent) one. */
const failedButtons = (error: NonNullable<JobView['error']>) => {
  const failed: JobView = { ...copy, id: 'f', state: 'failed', duplicateOf: undefined, error };
  delete failed.note;
  const html = renderToStaticMarkup(
    createElement(JobRow, { job: failed, detailsOpen: false, actions }),
  );
  return [...html.matchAll(/<button[^>]*class="([^"]*)"[^>]*>([^<]*)<\/button>/g)]
    .filter((m) => m[2])
    .map((m) => `${m[2]}${m[1]?.includes('btn-quiet') ? ' (quiet)' : ''}`);
};

describe('a failed row', () => {
  it('puts Remove first, and Retry quietly after it, where trying again cannot help', () => {
    const empty = failedButtons({
      code: 'unsupported-file',
      message: 'This file is empty (0 bytes), so there is nothing to send.',
      retryable: false,
    });
    expect(empty).toEqual(['Details (quiet)', 'Remove', 'Retry (quiet)']);
  });

  it('keeps Retry the prominent action where trying again can help', () => {
    const service = failedButtons({
      code: 'server-error',
      message: 'pyannoteAI could not process this recording.',
      retryable: true,
    });
    expect(service).toEqual(['Retry', 'Details (quiet)', 'Remove (quiet)']);
  });
});

describe('a row’s size', () => {
  const metaOf = (source: JobView['source']) => {
    const html = renderToStaticMarkup(
      createElement(JobRow, {
        job: { ...copy, state: 'failed', duplicateOf: undefined, source },
        detailsOpen: false,
        actions,
      }),
    );
    return /<span class="job-meta">(.*?)<\/span><span class="job-run">/
      .exec(html)?.[1]
      ?.replace(/<[^>]+>/g, '');
  };

  it('reads as the batch panel reads it (a 194-byte file: "194 bytes")', () => {
    expect(metaOf({ name: 'b.wav', sizeBytes: 194, mtimeMs: 1 })).toBe(
      'Length –:––:––unknown · 194 bytes',
    );
  });

  it('is left out, not shown as 0, while the file has not been measured', () => {
    expect(metaOf({ name: 'b.wav', sizeBytes: 0, mtimeMs: 0 })).toBe('Length –:––:––unknown');
  });
});

describe('a row’s run', () => {
  it('says under the name when it ran and with which options', () => {
    const html = renderToStaticMarkup(
      createElement(JobRow, {
        job: {
          ...copy,
          createdAt: new Date().toISOString(),
          options: { ...DEFAULT_DIARIZE_OPTIONS, speakers: { kind: 'exact', count: 2 } },
        },
        detailsOpen: false,
        actions,
      }),
    );
    expect(/<span class="job-run">([^<]*)<\/span>/.exec(html)?.[1]).toMatch(
      /^Today \d{1,2}:\d\d( [AP]M)? · Precision-2 · 2 speakers$/,
    );
  });
});

describe('a row in French', () => {
  it('says its buttons, status and size in French', async () => {
    await testI18n.changeLanguage('fr');
    try {
      const html = renderToStaticMarkup(
        createElement(JobRow, {
          job: {
            ...copy,
            state: 'failed',
            duplicateOf: undefined,
            note: undefined,
            source: { name: 'b.wav', sizeBytes: 1.5 * 1024 ** 3, mtimeMs: 1 },
            error: { code: 'server-error', message: 'pyannoteAI failed.', retryable: true },
          },
          detailsOpen: true,
          actions,
        }),
      ).replace(/[\u00a0\u202f]/g, ' ');
      expect(html).toContain('>Réessayer</button>');
      expect(html).toContain('aria-label="Retirer b.wav"');
      expect(html).toContain('Échec : pyannoteAI failed.');
      expect(html).toContain('1,5 Go');
      expect(html).toContain('Code d’erreur : server-error');
    } finally {
      await testI18n.changeLanguage('en');
    }
  });
});

describe('a done row’s automatic-export note', () => {
  /** As the core keeps it (jobNote in src/core/jobs/notes.ts): words, key, values and reason. */
  const failedExport: JobView = {
    ...copy,
    id: 'done',
    state: 'succeeded',
    duplicateOf: undefined,
    note: 'Not saved automatically: The disk you chose is full, so the file was not saved. Free some space on it, or choose another place, and save again.',
    noteKey: 'notes.autoSaveFailed',
    noteParams: {
      message:
        'The disk you chose is full, so the file was not saved. Free some space on it, or choose another place, and save again.',
    },
    noteReason: {
      message:
        'The disk you chose is full, so the file was not saved. Free some space on it, or choose another place, and save again.',
      key: 'save.diskFull',
    },
  };
  const rowIn = (language: string, job: JobView) =>
    renderToStaticMarkup(
      createElement(
        I18nextProvider,
        { i18n: testI18n.cloneInstance({ lng: language }) },
        createElement(JobRow, { job, detailsOpen: false, actions }),
      ),
    );

  it('says the whole note, the reason too, in the page’s language', () => {
    expect(rowIn('en', failedExport)).toContain(failedExport.note);
    const french = rowIn('fr', failedExport);
    expect(french).toContain('Non enregistré automatiquement : ');
    expect(french).not.toContain('The disk you chose is full');
    expect(rowIn('es', failedExport)).toContain('No se guardó automáticamente: ');
    expect(rowIn('es', failedExport)).not.toContain('The disk you chose is full');
  });

  it('says where the files went', () => {
    const saved: JobView = {
      ...failedExport,
      note: 'Saved as call.docx, call.txt in Minutes',
      noteKey: 'notes.autoSaved',
      noteParams: { files: 'call.docx, call.txt', folder: 'Minutes' },
      noteReason: undefined,
    };
    expect(rowIn('de', saved)).toContain('Gespeichert als call.docx, call.txt in Minutes');
  });
});
