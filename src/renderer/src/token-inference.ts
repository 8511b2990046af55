import type { Ecosystem } from '../../shared/types';

/** What a pasted token's well-known prefix says about where it belongs. */
export interface Inference {
  ecosystem: Ecosystem;
  /** Empty when the prefix names a product but not a host (Artifactory). */
  registry: string;
  label: string;
  user?: string;
  /** The sentence shown under the token field: what was filled in and why. */
  note: string;
}

const RULES: Array<{ test: RegExp; inference: Inference }> = [
  {
    test: /^npm_/,
    inference: {
      ecosystem: 'npm',
      registry: 'https://registry.npmjs.org/',
      label: 'npmjs',
      note: 'Looks like an npmjs.com token: npm and registry.npmjs.org filled in.',
    },
  },
  {
    test: /^(ghp_|github_pat_|gho_|ghs_)/,
    inference: {
      ecosystem: 'npm',
      registry: 'https://npm.pkg.github.com/',
      label: 'GitHub Packages',
      note: 'Looks like a GitHub token: GitHub Packages’ npm registry filled in (for Maven, use https://maven.pkg.github.com/OWNER/REPO).',
    },
  },
  {
    test: /^glpat-/,
    inference: {
      ecosystem: 'npm',
      registry: 'https://gitlab.com/api/v4/packages/npm/',
      label: 'GitLab',
      note: 'Looks like a GitLab token: gitlab.com’s npm endpoint filled in; change it for your own GitLab.',
    },
  },
  {
    test: /^pypi-/,
    inference: {
      ecosystem: 'pip',
      registry: 'https://upload.pypi.org/legacy/',
      label: 'PyPI',
      user: '__token__',
      note: 'Looks like a PyPI API token: Python, PyPI’s upload URL and the user __token__ filled in.',
    },
  },
  {
    test: /^oy2[a-z0-9]{40,}$/,
    inference: {
      ecosystem: 'nuget',
      registry: 'https://api.nuget.org/v3/index.json',
      label: 'nuget.org',
      note: 'Looks like a nuget.org API key: NuGet and nuget.org’s feed filled in.',
    },
  },
  {
    // Artifactory reference tokens are base64 of "reftkn:…"; API keys start with AKC.
    test: /^(cmVmdGtu|AKC[A-Za-z0-9]{20,})/,
    inference: {
      ecosystem: 'other',
      registry: '',
      label: 'Artifactory',
      note: 'Looks like a JFrog Artifactory token: enter your Artifactory repository URL, e.g. https://acme.jfrog.io/artifactory/api/npm/npm/.',
    },
  },
];

/** The inference for a pasted token, or null when its prefix is not one Keyport knows. */
export function inferFromToken(secret: string): Inference | null {
  const text = secret.trim();
  return RULES.find((rule) => rule.test.test(text))?.inference ?? null;
}

/**
 * A registry typed without a scheme (`registry.npmjs.org`, `npm.acme.dev/repo`) gets https://;
 * `assumed` says so, for the field's hint. Anything else is left for the schema to judge.
 */
export function normalizeRegistry(text: string): { url: string; assumed: boolean } {
  const trimmed = text.trim();
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    return { url: trimmed, assumed: false };
  }
  if (!/^[a-z0-9.-]+(:\d+)?(\/\S*)?$/i.test(trimmed) || !trimmed.includes('.')) {
    return { url: trimmed, assumed: false };
  }
  const withScheme = `https://${trimmed}`;
  // A bare host is the registry root, which npm writes with a trailing slash.
  const url = /^https:\/\/[^/]+$/.test(withScheme) ? `${withScheme}/` : withScheme;
  return { url, assumed: true };
}
