/**
 * Registers every operation of the IPC contract, and the preload's drop channel, through the
 * one wrapper (sender check, schema, Reply), and sends push events to the page once it can
 * receive them.
 */

import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  CHANNELS,
  DROP_CHANNEL,
  droppedFilesSchema,
  PUSH_CHANNEL,
  type PickedFile,
  type PushEvent,
} from '../shared/ipc-contract';
import { invoke, invokeWith, type Handlers } from '../core/app/invoke';
import type { Logger } from '../core/logging/logger';

/**
 * @param acceptDropped checks the paths the preload read from a drop (the services'
 *   acceptPaths); reached only through the drop channel, after the same sender check and schema.
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: Handlers,
  isAllowedSender: (event: IpcMainInvokeEvent) => boolean,
  acceptDropped: (paths: string[]) => Promise<PickedFile[]>,
  logger?: Logger,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, args: unknown) =>
      invoke(handlers, channel, args, isAllowedSender(event), logger ? { logger } : {}),
    );
  }
  ipcMain.handle(DROP_CHANNEL, (event, args: unknown) =>
    invokeWith(
      droppedFilesSchema,
      ({ paths }) => acceptDropped(paths),
      args,
      isAllowedSender(event),
      logger ? { logger } : {},
    ),
  );
}

/** The part of a WebContents the pusher needs. */
export interface PushTarget {
  isDestroyed(): boolean;
  send(channel: string, event: PushEvent): void;
}

/**
 * Sends events to the page. Notices raised before the page has loaded (a damaged settings
 * file, a job list set aside) are held and delivered once it has, instead of being lost;
 * other events describe state the page reads for itself when it starts.
 */
export class PushSender {
  private target: PushTarget | undefined;
  private held: PushEvent[] = [];

  push(event: PushEvent): void {
    if (this.target && !this.target.isDestroyed()) {
      this.target.send(PUSH_CHANNEL, event);
    } else if (event.type === 'notice') {
      this.held.push(event);
    }
  }

  /** Call when the page has finished loading (its preload is listening). */
  attach(target: PushTarget): void {
    this.target = target;
    for (const event of this.held.splice(0)) this.push(event);
  }

  detach(): void {
    this.target = undefined;
  }
}
