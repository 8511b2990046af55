/** The pushed view's way back to its list (narrow windows); Escape does the same. */
export function BackButton({ label, onBack }: { label: string; onBack: () => void }) {
  return (
    <button type="button" className="button button--quiet back-button" onClick={onBack}>
      <span aria-hidden="true">‹ </span>
      {label}
    </button>
  );
}
