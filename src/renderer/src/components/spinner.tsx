/** A small indeterminate spinner; decorative, the surrounding text says what is happening. */
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}
