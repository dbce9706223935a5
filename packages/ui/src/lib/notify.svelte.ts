import type { DigestReady } from '@veille/domain';
import { digestNotice } from './digestNotice';
import { live } from './live.svelte';

const WANTED = 'veille.notifications';

/** What the browser allows: 'unsupported' where there is no Notification API (an old browser, an embedded view). */
export type NotifyPermission = NotificationPermission | 'unsupported';

const permissionNow = (): NotifyPermission => ('Notification' in window ? Notification.permission : 'unsupported');

const stored = (): boolean => {
  try {
    return window.localStorage.getItem(WANTED) === '1';
  } catch {
    return false;
  }
};

const remember = (wanted: boolean): void => {
  try {
    if (wanted) window.localStorage.setItem(WANTED, '1');
    else window.localStorage.removeItem(WANTED);
  } catch {
    // Storage refused (a private window's policy): the choice lasts this visit.
  }
};

/**
 * « Me prévenir »: a browser notification when a run ends with new offers over the threshold,
 * while a Veille page is open. Permission is asked once, from the click; the choice is remembered
 * in this browser.
 */
class Notifier {
  permission = $state<NotifyPermission>(permissionNow());
  wanted = $state(stored());

  get active(): boolean {
    return this.permission === 'granted' && this.wanted;
  }

  /** Called from a click: browsers only ask for permission from a user's gesture. */
  async enable(): Promise<void> {
    if (this.permission === 'unsupported') return;
    if (this.permission === 'default') this.permission = await Notification.requestPermission();
    this.wanted = this.permission === 'granted';
    remember(this.wanted);
  }

  disable(): void {
    this.wanted = false;
    remember(false);
  }

  /** Listens to the event stream; the returned function stops. */
  listen(): () => void {
    return live.onEvent((event) => {
      if (event.type === 'DigestReady' && this.active) this.#show(event.data);
    });
  }

  #show(data: DigestReady['data']): void {
    const { title, body } = digestNotice(data);
    try {
      // One tag: a second digest replaces the first rather than piling up.
      new Notification(title, { body, tag: 'veille-digest', lang: 'fr' });
    } catch {
      // Some browsers notify only from a service worker: the run panel says it all the same.
    }
  }
}

export const notifier = new Notifier();
