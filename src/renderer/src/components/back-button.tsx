/** The pushed view's way back to its list (narrow windows); Escape does the same. */
export function BackButton({ label, onBack }: { label: string; onBack: () => void }) {
  return (
    <button
      type="button"
      className="button button--quiet back-button"
      aria-label={label}
      title={label}
      onClick={onBack}
    >
      <span aria-hidden="true">‹</span>
      <span className="back-button__text" aria-hidden="true">
        Back
      </span>
    </button>
  );
}
