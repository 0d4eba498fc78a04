/**
 * Desktop notifications over Electron's Notification class, given as an argument so this runs
 * (and is tested) without Electron. Shown notifications are held so their click still works.
 */

/** The part of an Electron Notification used. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
  show(): void;
}

/** Electron's Notification class, as far as the notifier uses it. */
export interface NotificationClass {
  new (options: { title: string; body: string }): NotificationLike;
  isSupported(): boolean;
}

export interface NotifierOptions {
  Notification: NotificationClass;
  /** The person clicked a notification: bring the app forward. */
  onClick: () => void;
  /** The system refused to show one (macOS refuses unsigned apps); for the support log. */
  onFailed?: (error: string) => void;
  /** How many notifications are held at most; the oldest is let go first. */
  maxHeld?: number;
}

export interface Notifier {
  notify(title: string, body: string): void;
  /** How many notifications are held (for tests). */
  held(): number;
}

/**
 * A notification that is garbage-collected loses its click handler, so each is held until it
 * is clicked, closed or refused. Not every system reports a close (Electron says so), so the
 * number held is bounded too: one let go may lose its click, never more than that.
 */
export const MAX_HELD_NOTIFICATIONS = 20;

export function createNotifier(options: NotifierOptions): Notifier {
  const { Notification } = options;
  const maxHeld = options.maxHeld ?? MAX_HELD_NOTIFICATIONS;
  // A Set keeps insertion order, so its first entry is the oldest.
  const shown = new Set<NotificationLike>();
  const hold = (notification: NotificationLike) => {
    shown.add(notification);
    while (shown.size > maxHeld) {
      const oldest = shown.values().next().value;
      if (oldest === undefined) break;
      shown.delete(oldest);
    }
  };
  return {
    notify(title, body) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      hold(notification);
      notification.on('click', () => {
        shown.delete(notification);
        options.onClick();
      });
      notification.on('close', () => shown.delete(notification));
      // Emitted on macOS and Windows; elsewhere there is simply no such event.
      notification.on('failed', (_event, error) => {
        shown.delete(notification);
        options.onFailed?.(String(error));
      });
      notification.show();
    },
    held: () => shown.size,
  };
}
