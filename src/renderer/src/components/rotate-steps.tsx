import type { RotateStep } from '../../../shared/types';

const STEPS: ReadonlyArray<{ id: Exclude<RotateStep, 'done'>; label: string }> = [
  { id: 'create', label: 'Create new token' },
  { id: 'rewrite', label: 'Rewrite files' },
  { id: 'verify', label: 'Check the new token' },
  { id: 'revoke', label: 'Revoke the old token' },
];

/**
 * Where a rotation is: finished steps ticked, the current one highlighted (aria-current="step"),
 * the rest waiting. Each item says its state in words too, not only by colour or the tick.
 * `step` null: started, no report yet, so the first step is the current one.
 */
export function RotateSteps({ step }: { step: RotateStep | null }) {
  const current =
    step === 'done'
      ? STEPS.length
      : Math.max(
          0,
          STEPS.findIndex((s) => s.id === step),
        );
  return (
    <ol className="rotate-steps" aria-label="Rotation steps">
      {STEPS.map((s, i) => {
        const state = i < current ? 'done' : i === current ? 'current' : 'waiting';
        return (
          <li
            key={s.id}
            className={`rotate-steps__item rotate-steps__item--${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="rotate-steps__mark" aria-hidden="true">
              {state === 'done' ? '✓' : i + 1}
            </span>
            {s.label}
            <span className="visually-hidden">
              {state === 'done' ? ' (done)' : state === 'current' ? ' (in progress)' : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
