import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE));
}

export interface DialogProps {
  title: string;
  /** Called on Escape. A click on the backdrop does nothing: it must not lose what was typed. */
  onClose: () => void;
  children: ReactNode;
  /** `alertdialog` for confirmations that interrupt. */
  role?: 'dialog' | 'alertdialog';
  description?: ReactNode;
  className?: string;
  /**
   * Something was typed that closing would lose: Escape then asks first instead of closing
   * (Cancel still closes at once: it says what it does).
   */
  dirty?: boolean;
}

/**
 * A modal: named by its title, focus moved in (to `[data-autofocus]` or the first control),
 * trapped while open, and handed back to whatever had it before when it closes (or to the main
 * region if that element is gone, e.g. the row that was just deleted).
 */
export function Dialog({
  title,
  onClose,
  children,
  role = 'dialog',
  description,
  className,
  dirty = false,
}: DialogProps) {
  const panelRef = useRef<HTMLDivElement>(null);
  const [asking, setAsking] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keepRef.current?.focus();
  }, [asking]);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = panel.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(panel)[0];
    (first ?? panel).focus();

    // Keeps focus inside even when it arrives from outside (a click on the page behind, a
    // programmatic focus), not only on Tab.
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof Node && !panel.contains(event.target)) {
        (focusables(panel)[0] ?? panel).focus();
      }
    };
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      // The opener may be gone (the token just deleted): the list's selected row, else main.
      const target = opener?.isConnected
        ? opener
        : (document.querySelector<HTMLElement>('[data-return-focus]') ??
          document.getElementById('main'));
      target?.focus();
    };
  }, []);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      if (dirty && !asking) setAsking(true);
      else onCloseRef.current();
      return;
    }
    if (event.key !== 'Tab' || !panelRef.current) return;
    const items = focusables(panelRef.current);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  useEffect(() => {
    document.body.classList.add('has-modal');
    return () => document.body.classList.remove('has-modal');
  }, []);

  return (
    <div className="dialog-backdrop">
      <div
        ref={panelRef}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        className={className ? `dialog ${className}` : 'dialog'}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        {description ? (
          <div id={descriptionId} className="dialog__description">
            {description}
          </div>
        ) : null}
        {asking ? (
          <div role="alert" className="discard-bar">
            <span>Discard what you typed?</span>
            <button
              ref={keepRef}
              type="button"
              className="button button--small"
              onClick={() => {
                setAsking(false);
                // Back to the form, where the user was typing.
                const panel = panelRef.current;
                if (!panel) return;
                const back =
                  panel.querySelector<HTMLElement>('[data-autofocus]') ??
                  focusables(panel).find((el) => !el.closest('.discard-bar'));
                (back ?? panel).focus();
              }}
            >
              Keep editing
            </button>
            <button
              type="button"
              className="button button--small button--danger-quiet"
              onClick={() => onCloseRef.current()}
            >
              Discard
            </button>
          </div>
        ) : null}
        {children}
      </div>
    </div>
  );
}
