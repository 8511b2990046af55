import { useRef, useState } from 'react';
import { errorInfoOf, failureText } from '../../api';
import { focusFirstInvalid, type FieldErrors } from './form-errors';

export interface DialogFormOptions<K extends string, R> {
  /** Builds the request from the current input and says what is wrong with it. */
  validate: () => { request: R; errors: FieldErrors<K> };
  /** Sends it; a rejection's sentence is shown in the dialog, which stays open. */
  send: (request: R) => Promise<void>;
}

/**
 * The submit cycle the form dialogs share: errors appear after the first attempt and then follow
 * the input, focus goes to the first invalid field, a second submit while busy is ignored.
 */
export function useDialogForm<K extends string, R>({ validate, send }: DialogFormOptions<K, R>) {
  const formRef = useRef<HTMLFormElement>(null);
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // USER_DECLINED: the user said No in main's own confirmation; not an error to shout about.
  const [quiet, setQuiet] = useState(false);

  const errors: FieldErrors<K> = submitted ? validate().errors : {};

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setFailure(null);
    const { request, errors: found } = validate();
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(formRef.current, found);
      return;
    }
    setBusy(true);
    try {
      await send(request);
    } catch (err) {
      setFailure(failureText(err));
      setQuiet(errorInfoOf(err).code === 'USER_DECLINED');
      setBusy(false);
    }
  };

  return { formRef, errors, busy, failure, quiet, onSubmit };
}
