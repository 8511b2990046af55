import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Rule {
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
  /** The folder (relative to the work tree, '' for its root) whose .gitignore holds the rule. */
  base: string;
}

/**
 * git's ignore rules, in-process: the global excludes file, `.git/info/exclude`, and each
 * `.gitignore` from the work tree's root down to a file's folder; the last rule that matches
 * decides, and a file in an ignored folder stays ignored (git does not look inside one).
 * Syntax as gitignore(5): `#` comments, `!` negation, `\` escapes, a trailing `/` for folders,
 * a `/` at the start or middle anchoring the pattern, `*`, `?`, `[…]` and `**`.
 */
export class GitIgnore {
  private readonly perFolder = new Map<string, Rule[]>();

  private constructor(
    private readonly root: string,
    private readonly outer: Rule[],
  ) {}

  static load(root: string, globalExcludes: string | null): GitIgnore {
    const outer = [
      ...(globalExcludes ? parseRules(readText(globalExcludes), '') : []),
      ...parseRules(readText(path.join(root, '.git', 'info', 'exclude')), ''),
    ];
    return new GitIgnore(root, outer);
  }

  /** Whether git ignores this file (a path relative to the work tree, `/`-separated). */
  ignores(relative: string): boolean {
    const parts = relative.split('/');
    let rules = [...this.outer];
    for (let depth = 0; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      rules = rules.concat(this.rulesOf(folder));
      const here = parts.slice(0, depth + 1).join('/');
      const isDir = depth < parts.length - 1;
      if (decide(rules, here, isDir)) return true;
    }
    return false;
  }

  private rulesOf(folder: string): Rule[] {
    let rules = this.perFolder.get(folder);
    if (!rules) {
      rules = parseRules(readText(path.join(this.root, folder, '.gitignore')), folder);
      this.perFolder.set(folder, rules);
    }
    return rules;
  }
}

function decide(rules: Rule[], relative: string, isDir: boolean): boolean {
  let ignored = false;
  for (const rule of rules) {
    if (rule.dirOnly && !isDir) continue;
    const within = rule.base === '' ? relative : relative.slice(rule.base.length + 1);
    if (rule.base !== '' && !relative.startsWith(`${rule.base}/`)) continue;
    if (rule.regex.test(within)) ignored = !rule.negate;
  }
  return ignored;
}

export function parseRules(text: string, base: string): Rule[] {
  const rules: Rule[] = [];
  for (let line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    // Trailing spaces are cut unless escaped.
    line = line.replace(/(?<!\\)\s+$/, '');
    if (line === '') continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      line = line.slice(1);
    }
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    if (line === '') continue;
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    const body = globToRegex(line);
    rules.push({
      regex: new RegExp(anchored ? `^${body}$` : `(?:^|/)${body}$`),
      negate,
      dirOnly,
      base,
    });
  }
  return rules;
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const before = i === 0 || glob[i - 1] === '/';
        const after = i + 2 === glob.length || glob[i + 2] === '/';
        if (before && after) {
          if (i + 2 === glob.length) {
            out += '.*';
          } else {
            // `**/` : zero or more folders.
            out += '(?:.*/)?';
            i++;
          }
          i++;
          continue;
        }
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let cls = glob.slice(i + 1, end);
      if (cls.startsWith('!')) cls = `^${cls.slice(1)}`;
      out += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[++i]!);
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** Small files read synchronously: a thread-pool round trip each would cost more than the read. */
function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The user's global excludes file: `core.excludesFile` from ~/.gitconfig or git's XDG config,
 * else git's default `$XDG_CONFIG_HOME/git/ignore`.
 */
export function globalExcludesFile(env: NodeJS.ProcessEnv, home: string): string {
  const xdg = env.XDG_CONFIG_HOME || path.join(home, '.config');
  for (const config of [path.join(home, '.gitconfig'), path.join(xdg, 'git', 'config')]) {
    const text = readText(config);
    let inCore = false;
    for (const line of text.split(/\r?\n/)) {
      const section = /^\s*\[([^\]]+)\]/.exec(line);
      if (section) inCore = section[1]!.trim().toLowerCase() === 'core';
      const value = inCore ? /^\s*excludesfile\s*=\s*(.+?)\s*$/i.exec(line)?.[1] : undefined;
      if (value) {
        const unquoted = value.replace(/^"(.*)"$/, '$1');
        return unquoted.startsWith('~/') ? path.join(home, unquoted.slice(2)) : unquoted;
      }
    }
  }
  return path.join(xdg, 'git', 'ignore');
}
