import { KeyportError } from '../../shared/errors';
import type { ConfigFormat } from '../../shared/types';
import type { NativeDialogs } from '../access/native-dialogs';
import type { PathPolicy } from '../access/path-policy';

/**
 * The app's native pickers: what the user chooses there becomes a path the renderer may use for
 * the rest of this session (paths are capabilities). The renderer learns the path, nothing else.
 */
export class PickerFlow {
  constructor(
    private readonly policy: PathPolicy,
    /** Where each format's file goes by default: the Save dialog opens there. */
    private readonly defaults: () => Record<ConfigFormat, string>,
    /** Absent in the CLI, whose user types paths and answers on the terminal. */
    private readonly dialogs?: NativeDialogs,
  ) {}

  /** The native Save dialog for a config file; the file may then be previewed and written (config:plan). */
  async pickConfigFile(format: ConfigFormat): Promise<{ file: string } | null> {
    const file = await this.needDialogs().pickConfigFile({
      format,
      defaultPath: this.defaults()[format],
    });
    if (file === null) return null;
    await this.policy.grantFile(format, file);
    return { file };
  }

  /** The native folder picker; the folder may then be scanned (scan:run) or swept (sweep:run). */
  async pickFolder(): Promise<{ dir: string } | null> {
    const dir = await this.needDialogs().pickFolder({ title: 'Choose a folder to scan' });
    if (dir === null) return null;
    await this.policy.grantFolder(dir);
    return { dir };
  }

  private needDialogs(): NativeDialogs {
    if (!this.dialogs) throw new KeyportError('INTERNAL', 'No dialogs here.');
    return this.dialogs;
  }
}
