/**
 * The pushed view's way back to its list (narrow windows); Escape does the same. After `onBack`
 * closes the detail, focus goes back to the list row it was opened from (marked
 * `data-return-focus`), once that row is on screen again.
 */
export function BackButton({ label, onBack }: { label: string; onBack: () => void }) {
  const back = () => {
    onBack();
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('[data-return-focus]')?.focus(),
    );
  };
  return (
    <button
      type="button"
      className="button button--quiet back-button"
      aria-label={label}
      title={label}
      onClick={back}
    >
      <span aria-hidden="true">‹</span>
      <span className="back-button__text" aria-hidden="true">
        Back
      </span>
    </button>
  );
}
