const DISMISSED = 'veille.premiers-pas.masques';

const stored = (): boolean => {
  try {
    return window.localStorage.getItem(DISMISSED) === '1';
  } catch {
    // Storage refused (a private window's policy): the panel is simply offered again next time.
    return false;
  }
};

/**
 * The Premiers pas panel: offered on a first start until it is dismissed (remembered in this
 * browser), and shown again on demand whatever the mailbox.
 */
class Guide {
  dismissed = $state(stored());
  reopened = $state(false);

  dismiss(): void {
    this.dismissed = true;
    this.reopened = false;
    try {
      window.localStorage.setItem(DISMISSED, '1');
    } catch {
      // Hidden for this visit only.
    }
  }

  reopen(): void {
    this.reopened = true;
  }
}

export const guide = new Guide();
