import type { AutoRunMode } from '@veille/domain';
import type { Deps } from '../ports';
import { autoRuns } from './autoRun';
import { liveMailbox } from './liveMailbox';
import { startRun } from './runs';

export type Unattended = {
  /** Settings were saved: the mode in force, and whether the mailbox was replaced (the watch moves to the new one). */
  follow(mode: AutoRunMode, mailboxReplaced: boolean): Promise<void>;
  close(): Promise<void>;
};

export type UnattendedOptions = { readonly mode: AutoRunMode; readonly quietMs: number; readonly timeZone: string };

/** Veille working while no one watches: new mail counted as it arrives, and runs started by it or by the clock. */
export function startUnattended(deps: Deps, options: UnattendedOptions): Unattended {
  const runs = autoRuns(deps, { ...options, start: (trigger) => startRun(deps, trigger) });
  const mailbox = liveMailbox(deps, { onCounted: runs.mailCounted });
  return {
    follow: async (mode, mailboxReplaced) => {
      if (mode !== runs.plan().mode) runs.set(mode);
      if (mailboxReplaced) await mailbox.restart();
    },
    close: async () => {
      runs.close();
      await mailbox.close();
    },
  };
}
