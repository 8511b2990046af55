import { useKeyport } from '../store/store-context';

/** The last failed call, in the core's own sentence, until dismissed. */
export function ErrorBanner() {
  const error = useKeyport((s) => s.error);
  const dismissError = useKeyport((s) => s.dismissError);
  if (!error) return null;
  return (
    <div role="alert" className="banner banner--error">
      <p className="banner__text">{error.message}</p>
      <button
        type="button"
        className="button button--quiet"
        aria-label="Dismiss error"
        onClick={dismissError}
      >
        Dismiss
      </button>
    </div>
  );
}
