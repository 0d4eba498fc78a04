/**
 * Every message the core and main can report, by its key in the `errors` catalogue
 * (src/shared/i18n/locales/<language>/errors.json). The core writes the English `message` for the
 * command line and the log; the page says the same thing in the person's language from the key
 * and the message's parameters (src/renderer/error-words.ts). A test builds both from the same
 * parameters, so the English words of the two cannot drift apart.
 */

export const ERROR_KEYS = [
  // What pyannoteAI reports about a job (src/core/jobs/messages.ts).
  'job.serviceCouldNotRead',
  'job.serviceCouldNotReadWav',
  'job.serviceFailed',
  'job.resultExpired',
  'job.serviceLostJob',
  'job.submitUnconfirmed',
  // The API's answers (src/core/pyannote).
  'api.missingKey',
  'api.invalidRequest',
  'api.invalidRequestFields',
  'api.unauthorized',
  'api.paymentRequired',
  'api.forbidden',
  'api.proxySignIn',
  'api.notFound',
  'api.rateLimited',
  'api.serverError',
  'api.unexpectedStatus',
  'api.unreadableAnswer',
  'api.badMediaKey',
  // A request that got no answer, to the API or to its storage.
  'transport.api.timeout',
  'transport.api.tooLarge',
  'transport.api.untrusted',
  'transport.api.unreachable',
  'transport.api.failed',
  'transport.storage.timeout',
  'transport.storage.tooLarge',
  'transport.storage.untrusted',
  'transport.storage.unreachable',
  'transport.storage.failed',
  // The upload to pyannoteAI's storage (src/core/upload).
  'upload.stalled',
  'upload.incomplete',
  'upload.storageTimedOut',
  'upload.refusedForNow',
  'upload.refusedFile',
  'upload.refusedFileCode',
  'upload.failedTimes',
  'source.missing',
  'source.unreadable',
  'source.changed',
  // Sending a job (src/core/jobs/submit-step.ts).
  'submit.noMedia',
  'submit.connectionFailed',
  'submit.noIntent',
  'submit.notReached',
  // The check before sending (src/core/media/preflight-messages.ts, prepare/plan.ts).
  'preflight.notFound',
  'preflight.folder',
  'preflight.notAFile',
  'preflight.unreadable',
  'preflight.busy',
  'preflight.readFailed',
  'preflight.empty',
  'preflight.silent',
  'preflight.tooLarge',
  'preflight.notAudio',
  'preflight.notAudioNamed',
  'preflight.noAudioTrack',
  'preflight.unknownDuration',
  'preflight.damaged',
  'preflight.cutShort',
  'preflight.cutShortUnderSecond',
  'preflight.tooLong',
  'plan.tooLong',
  'plan.stillTooLarge',
  'plan.stillTooLargeAsMono',
  'plan.unsupportedVideo',
  'plan.unsupportedAudio',
  // Preparing only the sound (src/core/media/prepare, src/core/jobs/prepare-step.ts).
  'prepare.diskFull',
  'prepare.diskFullWhileWriting',
  'prepare.cannotWrite',
  'prepare.unreadable',
  'prepare.unsupportedSound',
  'prepare.missing',
  'prepare.diskBecameFull',
  'prepare.failed',
  'prepare.stopped',
  // Saving (src/core/storage).
  'save.diskFull',
  'save.readOnly',
  'save.notAllowed',
  'save.folderGone',
  'save.failed',
  'save.dataDiskFull',
  'save.dataFailed',
  'save.alreadyRunning',
  // An automatic export that failed otherwise (src/core/app/services.ts autoExport).
  'autoExport.notWritten',
  // Results (src/core/results).
  'results.noSuchSpeaker',
  'results.noResult',
  'results.tooManyEdits',
  'results.editRefused',
  'results.unreadable',
  // The page's calls to main (src/core/app, src/main, src/renderer/api.ts).
  'calls.jobGone',
  'calls.filesGone',
  'calls.noResultYet',
  'calls.exportGone',
  'calls.exportFolderGone',
  'calls.unknownOperation',
  'calls.forbidden',
  'calls.internal',
  'calls.invalid',
  'calls.badAddress',
  'calls.bridge',
  // "Locate file…" (src/core/jobs/engine.ts relocate).
  'locate.underWay',
  'locate.notSame',
  // Known voices (src/core/voices).
  'voices.noStorage',
  'voices.notFound',
  'voices.noName',
  'voices.noConsent',
  'voices.full',
  'voices.wrongKey',
  'voices.noApiKey',
  'voices.speakerNotNamed',
  'voices.noSuchSpeaker',
  'voices.tooLittleSpeech',
  'voices.cannotCut',
  'voices.resultNotFound',
  'voices.recordingMoved',
  'voices.serviceFailed',
  'voices.serviceFailedSaid',
  'voices.tookTooLong',
  'voices.noNetwork',
  // Recognising known voices in a job (src/core/jobs/recognition.ts, src/core/pyannote/client.ts).
  'voices.recogniseUnavailable',
  'voices.recogniseDeleted',
  'voices.recogniseUnreadable',
  'voices.recogniseInvalid',
  // VOICES-END
  // Anything else.
  'other.canceled',
  'other.shuttingDown',
  'other.unexpected',
] as const;

export type ErrorKey = (typeof ERROR_KEYS)[number];

/** What the engine waits for (src/core/jobs/waits.ts), by its key in the `errors` catalogue. */
export const WAIT_KEYS = [
  'waits.rateLimit',
  'waits.offline',
  'waits.service',
  'waits.storageOffline',
  'waits.storageRefused',
] as const;

export type WaitKey = (typeof WAIT_KEYS)[number];
