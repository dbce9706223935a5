import { actionable, event, parseAutoRun, type AutoRunMode, type AutoRunPlan, type RunTrigger } from '@veille/domain';
import { Cron } from 'croner';
import { messageOf } from '../errors';
import type { Deps } from '../ports';

export type AutoRuns = {
  plan(): AutoRunPlan;
  /** A mode read at startup or saved since: the one timer it needs, and no other. */
  set(mode: AutoRunMode): void;
  /** The mailbox was counted again because mail arrived or left. */
  mailCounted: () => void;
  close(): void;
};

export type AutoRunOptions = {
  readonly mode: AutoRunMode;
  /** How long the mailbox must stay quiet before a "mail" run starts: a burst of alerts makes one run. */
  readonly quietMs: number;
  /** The zone a daily time is read in. */
  readonly timeZone: string;
  /** Starts a run as the button does (a fresh audit first); a run already active refuses. */
  readonly start: (trigger: RunTrigger) => Promise<unknown>;
};

/**
 * Veille running by itself. Between runs the only timer is the one that wakes the next run: the
 * daily one, or, after mail arrived, the quiet delay (each new email starts it again). croner
 * reads the daily time in the user's zone across DST changes; its own scheduler is not used, as
 * it wakes every 30 s to check the time. A timer woken before its instant (the clock was set
 * back) waits again for the rest.
 */
export function autoRuns({ bus, now, log }: Pick<Deps, 'bus' | 'now' | 'log'>, options: AutoRunOptions): AutoRuns {
  let mode = options.mode;
  let timer: NodeJS.Timeout | undefined;
  let next: Date | undefined;

  const plan = (): AutoRunPlan => ({ mode, next: next?.toISOString() ?? null });
  const announce = (): void => bus.emit(event('AutoRunPlanned', plan()));

  const disarm = (): void => {
    clearTimeout(timer);
    timer = undefined;
    next = undefined;
  };

  const arm = (at: Date, wake: () => void): void => {
    disarm();
    next = at;
    const wait = (): void => {
      timer = setTimeout(
        () => {
          if (now() < at) {
            wait();
            return;
          }
          timer = undefined;
          next = undefined;
          wake();
        },
        Math.max(0, at.getTime() - now().getTime()),
      );
    };
    wait();
    announce();
  };

  const run = (trigger: RunTrigger): void => {
    options.start(trigger).then(
      (outcome) => log.info({ trigger, outcome }, 'automatic run'),
      (error: unknown) => log.warn({ trigger, error: messageOf(error) }, 'automatic run not started'),
    );
  };

  const armDaily = (): void => {
    const schedule = parseAutoRun(mode);
    if (schedule?.kind !== 'daily') return;
    const at = new Cron(`${schedule.minute} ${schedule.hour} * * *`, { timezone: options.timeZone }).nextRun(now());
    if (!at) return;
    arm(at, () => {
      armDaily();
      run('schedule');
    });
  };

  /** Mail is waiting for a source that imports it: a run once the mailbox has been quiet for a while, each new email starting the wait again. */
  const armQuiet = (): boolean => {
    if (actionable(bus.current(), 'import') === 0) return false;
    arm(new Date(now().getTime() + options.quietMs), () => {
      announce();
      // A run started meanwhile takes the mail; what arrives during it is counted when it ends.
      if (!bus.current().run.active) run('mail');
    });
    return true;
  };

  // Mail already waiting when "mail" is chosen (or Veille starts so) is mail that arrived.
  const set = (chosen: AutoRunMode): void => {
    mode = chosen;
    disarm();
    const kind = parseAutoRun(mode)?.kind;
    if (kind === 'daily') armDaily();
    else if (kind !== 'mail' || !armQuiet()) announce();
  };

  set(options.mode);
  return {
    plan,
    set,
    mailCounted: () => {
      if (mode !== 'mail') return;
      // Mail that left, or that no source imports: no run for it.
      if (!armQuiet() && timer) set(mode);
    },
    close: disarm,
  };
}
