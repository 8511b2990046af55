import { KeyportError } from '../../shared/errors';
import type { AccessMode } from './path-policy';
import type { NativeDialogs } from './native-dialogs';

export interface ConsentQuestion {
  title: string;
  message: string;
  detail: string;
  confirmLabel: string;
}

/**
 * Asks the user, in main, before something leaves the machine or changes where packages come
 * from. The renderer cannot answer: the question is a native dialog on the window. In the CLI the
 * user typed the request, which is the approval.
 */
export class Consent {
  constructor(
    private readonly mode: AccessMode,
    private readonly dialogs?: NativeDialogs,
  ) {}

  /** False in the CLI, where nothing is asked (and a preview must not say it will be). */
  get asksUser(): boolean {
    return this.mode === 'app';
  }

  /** Returns when approved; otherwise USER_DECLINED, before anything is sent or written. */
  async ask(question: ConsentQuestion): Promise<void> {
    if (this.mode === 'cli') return;
    // An app without a way to ask must not assume a yes.
    const approved = this.dialogs ? await this.dialogs.confirm(question) : false;
    if (!approved) {
      throw new KeyportError(
        'USER_DECLINED',
        'You cancelled in the confirmation dialog: nothing was sent or written.',
      );
    }
  }
}
