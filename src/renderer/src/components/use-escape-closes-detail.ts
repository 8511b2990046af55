import { useEffect } from 'react';

/**
 * In a narrow window the details are pushed over the list; Escape goes back to the list, as Back
 * does. Not while a dialog is open (its own Escape closes it) or when a field already used the key.
 */
export function useEscapeClosesDetail(pushed: boolean, closeDetail: () => void): void {
  useEffect(() => {
    if (!pushed) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.body.classList.contains('has-modal')) return;
      closeDetail();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [pushed, closeDetail]);
}
