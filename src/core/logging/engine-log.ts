/** Writes what support needs to the log: each job's state changes and failures, the engine's status. */

import type { EngineEvent } from '../jobs/engine';
import type { Logger } from './logger';

/** Returns a listener for JobEngine.subscribe; upload progress is not logged, only state changes. */
export function engineEventLogger(logger: Logger): (event: EngineEvent) => void {
  const lastState = new Map<string, string>();
  return (event) => {
    switch (event.type) {
      case 'job': {
        const { job } = event;
        if (lastState.get(job.id) === job.state) return;
        lastState.set(job.id, job.state);
        const fields = {
          job: job.id,
          state: job.state,
          serviceJob: job.serviceJobId,
          file: job.source.name,
        };
        if (job.state === 'failed')
          logger.warn('job failed', {
            ...fields,
            code: job.error?.code,
            detail: job.error?.detail,
          });
        else logger.info('job', fields);
        return;
      }
      case 'removed':
        lastState.delete(event.id);
        logger.info('job removed', { job: event.id });
        return;
      case 'status':
        logger.info('engine status', {
          offline: event.status.offline,
          blocked: event.status.blocked?.code,
        });
        return;
      case 'notice':
        logger.warn('notice', { kind: event.kind, message: event.message });
        return;
      case 'batch-finished':
        logger.info('batch finished', {
          succeeded: event.succeeded,
          failed: event.failed,
          canceled: event.canceled,
        });
        return;
    }
  };
}
