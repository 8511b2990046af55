import type { NativeDialogs } from '../../src/core/access/native-dialogs';

type Question = Parameters<NativeDialogs['confirm']>[0];

/**
 * The one stand-in the trust-boundary tests allow: Electron's native dialogs cannot run without
 * the Electron binary, so a test plays the user. It answers from a script the test wrote; with
 * nothing scripted it does what a user closing the dialog does (cancel, decline). Everything
 * behind it is the real core.
 */
export class ScriptedDialogs implements NativeDialogs {
  /** Every question main asked, in order, so a test can check what the user was shown. */
  readonly asked: Question[] = [];
  private readonly files: (string | null)[] = [];
  private readonly folders: (string | null)[] = [];
  private readonly answers: boolean[] = [];
  private approveEverything = false;

  /** The next Save dialog returns this file (null: the user cancels). */
  nextPick(file: string | null): this {
    this.files.push(file);
    return this;
  }

  /** The next folder picker returns this folder (null: the user cancels). */
  nextFolder(dir: string | null): this {
    this.folders.push(dir);
    return this;
  }

  /** The next `count` questions are answered with the confirm button. */
  approveNext(count = 1): this {
    for (let i = 0; i < count; i++) this.answers.push(true);
    return this;
  }

  /** The next question is answered Cancel. */
  declineNext(): this {
    this.answers.push(false);
    return this;
  }

  /** From now on every question is approved (a user who reads and clicks yes; still recorded). */
  approveAll(): this {
    this.approveEverything = true;
    return this;
  }

  pickConfigFile(): Promise<string | null> {
    return Promise.resolve(this.files.shift() ?? null);
  }

  pickFolder(): Promise<string | null> {
    return Promise.resolve(this.folders.shift() ?? null);
  }

  confirm(question: Question): Promise<boolean> {
    this.asked.push(question);
    return Promise.resolve(this.answers.shift() ?? this.approveEverything);
  }
}
