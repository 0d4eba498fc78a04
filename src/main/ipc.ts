/**
 * Registers every operation of the IPC contract, and the preload's drop channel, through the
 * one wrapper (sender check, schema, Reply), and sends push events to the page once it has said
 * it listens.
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
import { PagePushes } from '../core/app/page-events';

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
 * Sends events to the window's page on the one push channel. Until the page has said it listens
 * (`app:ready`), and again from a reload, they wait in main's one bounded buffer (PagePushes).
 */
export class PushSender {
  private target: PushTarget | undefined;
  private readonly page: PagePushes;

  constructor(capacity?: number) {
    this.page = new PagePushes((event) => {
      const { target } = this;
      if (!target || target.isDestroyed()) return false;
      target.send(PUSH_CHANNEL, event);
      return true;
    }, capacity);
  }

  push(event: PushEvent): void {
    this.page.push(event);
  }

  /** The window whose page receives pushes; events wait until that page is ready. */
  attach(target: PushTarget): void {
    this.target = target;
    this.page.pageGone();
  }

  /** Whether pushes go straight to the page. */
  isReady(): boolean {
    return this.page.isReady();
  }

  /** The page has subscribed (it called `app:ready`): what waited is sent, then pushes go live. */
  pageReady(): void {
    this.page.pageReady();
  }

  /** The page is (re)loading: events wait until the new page is ready. */
  pageLoading(): void {
    this.page.pageGone();
  }

  /** The window is gone. */
  detach(): void {
    this.target = undefined;
    this.page.pageGone();
  }
}

/** The WebContents events that tell a new page from the one that said it was ready. */
export interface PageLoads {
  on(
    event: 'did-start-navigation',
    listener: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void,
  ): unknown;
  on(
    event: 'did-fail-provisional-load',
    listener: (
      event: unknown,
      code: number,
      description: string,
      url: string,
      isMainFrame: boolean,
    ) => void,
  ): unknown;
  on(event: 'did-navigate' | 'did-stop-loading', listener: () => void): unknown;
}

/**
 * A new document in the main frame (a reload) makes events wait for its own `app:ready`. A frame
 * inside the page, or an anchor within it, changes nothing. Nor, in the end, does a navigation
 * refused before it replaced the page (the hardening cancels it after it started): that page
 * still listens, so if it was ready, what waited meanwhile is sent to it.
 */
export function followPageLoads(contents: PageLoads, pushes: PushSender): void {
  let pending = false;
  let wasReady = false;
  const stayed = () => {
    if (!pending) return;
    pending = false;
    if (wasReady) pushes.pageReady();
  };
  contents.on('did-start-navigation', (details) => {
    if (!details.isMainFrame || details.isSameDocument) return;
    if (!pending) wasReady = pushes.isReady();
    pending = true;
    pushes.pageLoading();
  });
  contents.on('did-navigate', () => {
    pending = false;
  });
  contents.on('did-fail-provisional-load', (_event, _code, _description, _url, isMainFrame) => {
    if (isMainFrame) stayed();
  });
  contents.on('did-stop-loading', stayed);
}
