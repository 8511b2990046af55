import type { ConfigFormat, FileSpecificField, WriteTargetSpec } from '../../shared/types';
import type { Span } from './text-layout';

/**
 * What to write, independent of the file: the entry's address as recorded with each write
 * (WriteTargetSpec: registry, username, Maven server id, NuGet source, .pypirc repository, npm
 * scope, pip mode, Maven auth — defaults documented there and in each editor) plus the value.
 */
export interface EditTarget extends WriteTargetSpec {
  /** The value, or with `reference` Keyport's own reference such as ${KEYPORT_…}. */
  secret: string;
}

/**
 * What to remove: a write target without its secret. The same target that wrote an entry names the
 * entry to remove, so an EditTarget (secret included) may be passed as it is.
 */
export type RemoveTarget = Omit<EditTarget, 'secret' | 'reference'>;

export interface EditResult {
  text: string;
  /** Human description of the entry, without any secret. */
  entry: string;
  /** What the user should know about this edit beyond the diff (no secrets). */
  notes?: string[];
  /** Target fields this file takes beyond the format's usual ones (see FileSpecificField). */
  fileFields?: FileSpecificField[];
}

/**
 * One format: a pure text → text edit, its inverse (`remove` cuts out exactly the credential entry
 * `edit` would write for the same target, and nothing else; text without one comes back identical),
 * plus a finder for every credential value in a text, so a
 * diff can mask old, new and unrelated secrets alike.
 */
export interface ConfigEditor {
  format: ConfigFormat;
  edit(text: string, target: EditTarget): EditResult;
  remove(text: string, target: RemoveTarget): EditResult;
  credentialSpans(text: string): Span[];
  /**
   * What a preview masks: the credentials and anything else that may be secret (by default, the
   * credentials only).
   */
  maskedSpans?(text: string): Span[];
  /**
   * The client that cannot read this format when the file starts with a UTF-8 byte-order mark
   * (checked with the real clients: pip, Python's netrc, configparser for .pypirc). A write drops
   * the BOM for these formats and says so; the others keep it.
   */
  bomUnreadableBy?: string;
  /**
   * The client reads the file as ISO-8859-1 (Java's properties): a file that is not UTF-8 is read
   * and written back byte for byte that way instead of being refused. The editor must then add
   * only ASCII.
   */
  latin1?: boolean;
  /**
   * The format is XML, whose clients (Maven, NuGet) read the encoding from a UTF-16 byte-order
   * mark or the XML declaration: the file is decoded and written back in it.
   */
  xml?: boolean;
}
