import type { Ecosystem } from '../../../shared/types';

const NAMES: Record<Ecosystem, string> = {
  npm: 'npm',
  maven: 'Maven',
  nuget: 'NuGet',
  pip: 'Python',
  composer: 'Composer',
  rubygems: 'RubyGems',
  other: 'Other',
};

/**
 * Each ecosystem's mark, drawn inline (no image files, no network): a tile in the ecosystem's
 * colour with a simple glyph. Decorative where the text next to it names the ecosystem.
 */
export function EcoIcon({ ecosystem, size = 28 }: { ecosystem: Ecosystem; size?: number }) {
  return (
    <svg
      className={`eco-icon eco-icon--${ecosystem}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      role="img"
      aria-label={NAMES[ecosystem]}
      focusable="false"
    >
      <rect className="eco-icon__tile" x="0" y="0" width="24" height="24" rx="5" />
      <Glyph ecosystem={ecosystem} />
    </svg>
  );
}

function Glyph({ ecosystem }: { ecosystem: Ecosystem }) {
  switch (ecosystem) {
    case 'npm':
      // The npm "n": a block with a notch.
      return (
        <path
          className="eco-icon__glyph"
          d="M5 8h14v8h-7v1.5H9V16H5zm2 2v4h2v-4zm4 0v4h2v-2.5h1V14h2v-4z"
        />
      );
    case 'maven':
      // A feather, as in the Apache mark.
      return (
        <path
          className="eco-icon__glyph"
          d="M17.5 4.5c-4.5 1-8 5-9.5 10.5L6.5 19l1.3.5 1.2-3c4.4-.8 7.5-4.6 8.5-12z"
        />
      );
    case 'nuget':
      // NuGet's three dots.
      return (
        <g className="eco-icon__glyph">
          <circle cx="7" cy="8" r="2.2" />
          <rect x="10" y="10" width="9" height="9" rx="3" />
          <circle cx="14.5" cy="14.5" r="1.6" className="eco-icon__hole" />
        </g>
      );
    case 'pip':
      // Python's two interlocked halves.
      return (
        <g className="eco-icon__glyph">
          <path d="M11.8 4C8.7 4 8.9 5.4 8.9 5.4v1.9h3v.6H7.6S5.6 7.7 5.6 10.9s1.7 3 1.7 3h1.1v-1.5s-.1-1.8 1.8-1.8h3s1.7 0 1.7-1.7V6.1S15.2 4 11.8 4zM10.1 5a.6.6 0 1 1 0 1.2.6.6 0 0 1 0-1.2z" />
          <path d="M12.2 20c3.1 0 2.9-1.4 2.9-1.4v-1.9h-3v-.6h4.3s2 .2 2-3-1.7-3-1.7-3h-1.1v1.5s.1 1.8-1.8 1.8h-3s-1.7 0-1.7 1.7v2.8S8.8 20 12.2 20zm1.7-1a.6.6 0 1 1 0-1.2.6.6 0 0 1 0 1.2z" />
        </g>
      );
    case 'composer':
      // Curly braces: Composer's packages are described in JSON.
      return (
        <path
          className="eco-icon__glyph"
          d="M9 5C7 5 6 6 6 8v1.5C6 10.5 5.5 11 4.5 11v2c1 0 1.5.5 1.5 1.5V16c0 2 1 3 3 3h1v-2H9c-.7 0-1-.3-1-1v-2c0-1-.4-1.7-1.2-2 .8-.3 1.2-1 1.2-2V8c0-.7.3-1 1-1h1V5zm6 0h-1v2h1c.7 0 1 .3 1 1v2c0 1 .4 1.7 1.2 2-.8.3-1.2 1-1.2 2v2c0 .7-.3 1-1 1h-1v2h1c2 0 3-1 3-3v-1.5c0-1 .5-1.5 1.5-1.5v-2c-1 0-1.5-.5-1.5-1.5V8c0-2-1-3-3-3z"
        />
      );
    case 'rubygems':
      // A cut gem.
      return (
        <path
          className="eco-icon__glyph"
          d="M8 5h8l4 5-8 9-8-9zm.8 2L7 9.5h3.2L11 7zm4.2 0 .8 2.5H17L15.2 7zM7.6 11.5l3.4 3.8v-3.8zm5.4 0v3.8l3.4-3.8z"
          fillRule="evenodd"
        />
      );
    case 'other':
      // A key.
      return (
        <path
          className="eco-icon__glyph"
          d="M9 6.5a4.5 4.5 0 1 0 3.9 6.7H15v2h2v-2h1.5v-2.4h-5.6A4.5 4.5 0 0 0 9 6.5zm0 2.8a1.7 1.7 0 1 1 0 3.4 1.7 1.7 0 0 1 0-3.4z"
        />
      );
  }
}
