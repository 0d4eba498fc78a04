/** Desktop notifications: a click brings Diarist forward; refused ones are logged and let go. */

import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createNotifier, type NotificationClass } from '../../../src/main/notifier';

/** Electron's Notification, as far as the notifier uses it; `refuse` makes show() fail like macOS does. */
function fakeNotificationClass(behaviour: { supported?: boolean; refuse?: string } = {}) {
  const made: FakeNotification[] = [];
  class FakeNotification extends EventEmitter {
    shown = false;
    constructor(readonly options: { title: string; body: string }) {
      super();
      made.push(this);
    }
    static isSupported() {
      return behaviour.supported ?? true;
    }
    show() {
      this.shown = true;
      if (behaviour.refuse) {
        // Electron reports it after show() returns, as an event; nobody listening means nobody knows.
        queueMicrotask(() => this.emit('failed', {}, behaviour.refuse));
      }
    }
  }
  return { Notification: FakeNotification as unknown as NotificationClass, made };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createNotifier', () => {
  it('shows the notification and brings the window forward on a click', () => {
    const { Notification, made } = fakeNotificationClass();
    const onClick = vi.fn();
    const notifier = createNotifier({ Notification, onClick });
    notifier.notify('Diarist: recordings finished', '3 of 3 done');
    expect(made[0]!.options).toEqual({
      title: 'Diarist: recordings finished',
      body: '3 of 3 done',
    });
    expect(made[0]!.shown).toBe(true);
    expect(notifier.held()).toBe(1);
    made[0]!.emit('click', {});
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(notifier.held()).toBe(0);
  });

  it('shows nothing where the system has no notifications', () => {
    const { Notification, made } = fakeNotificationClass({ supported: false });
    createNotifier({ Notification, onClick: () => {} }).notify('t', 'b');
    expect(made).toEqual([]);
  });

  it('logs a notification the system refused (an unsigned app on macOS) and lets it go', async () => {
    const refusal = 'Notifications are not allowed for this application';
    const { Notification } = fakeNotificationClass({ refuse: refusal });
    const onFailed = vi.fn();
    const notifier = createNotifier({ Notification, onClick: () => {}, onFailed });
    notifier.notify('t', 'b');
    await settle();
    expect(onFailed).toHaveBeenCalledWith(refusal);
    expect(notifier.held()).toBe(0);
  });

  it('holds at most 20 notifications the person never clicked or closed, dropping the oldest', () => {
    const { Notification, made } = fakeNotificationClass();
    const onClick = vi.fn();
    const notifier = createNotifier({ Notification, onClick });
    for (let i = 0; i < 25; i++) notifier.notify(`t${i}`, 'b');
    expect(notifier.held()).toBe(20);
    made[24]!.emit('click', {});
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(notifier.held()).toBe(19);
    // The first five were let go (clicking one changes nothing held); the sixth is still held.
    made[0]!.emit('close', {});
    expect(notifier.held()).toBe(19);
    made[5]!.emit('close', {});
    expect(notifier.held()).toBe(18);
  });
});
