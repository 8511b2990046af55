import { CONFIG_FORMATS, ECOSYSTEMS, MAVEN_AUTHS, PIP_MODES } from '../shared/types';
import { DOCKER_HELPER_CLIENTS } from '../shared/credential-helpers';
import type { KeyportError } from '../shared/errors';
import { usageError } from './cli-error';

// The lists come from src/shared, as the contract checks them: a new format is in the help too.
export const HELP = `keyport — package-registry tokens in your OS keychain

Tokens in the vault:
  keyport list [--json] [--expiring 7d]       list tokens (values masked); --expiring: soonest first
  keyport add --label L --registry URL --ecosystem ${ECOSYSTEMS.join('|')}
              [--user U] [--expires ISO-DATE] --token-stdin
                                              store a token read from standard input
  keyport reveal ID                           print one token's value
  keyport remove ID                           delete a token (keychain entry and details)

Config files:
  keyport write ${CONFIG_FORMATS.join('|')} --file PATH [--registry URL]
              (--id TOKEN_ID | --token-stdin) [--username U] [--server-id ID]
              [--source NAME] [--repository NAME] [--property NAME] [--scope @s]
              [--pip-mode ${PIP_MODES.join('|')}] [--maven-auth ${MAVEN_AUTHS.join('|')}]
              [--package-pattern P]… [--reference] [--dry-run]
                                              write one entry; --dry-run prints the masked diff;
                                              gradle: --repository NAME writes NAMEUsername and
                                              NAMEPassword, --property NAME one key (no URL)
              --package-pattern (nuget, a NuGet.Config with <packageSourceMapping>): a
                                              package id, prefix* or *, repeatable; maps the
                                              source to them. Without it no mapping is written
                                              and NuGet 6+ restores nothing from a new source
                                              (the preview says so): Keyport does not assume *,
                                              which would let any package come from the feed

Registries (npm token API):
  keyport login --registry URL --username U --password-stdin [--otp CODE]
  keyport token list --registry URL [--json]
  keyport token create --registry URL [--read-only | --automation] [--cidr RANGE]…
              [--name N --expires DAYS [--description D] [--package P… | --all-packages]
               [--scope @S]…
               [--org O]… [--permission read-only|read-write] [--orgs-permission …]
               [--bypass-2fa]] [--label L] [--password-stdin] [--otp CODE]
                                              prints the new token once and stores it
  keyport token revoke --registry URL KEY… [--remove-local] [--remove-from-configs] [--otp CODE]

Beyond the registries:
  keyport scan [DIR…] [--json | --sarif] [--verify] [--no-user] [--all]
                                              find plaintext registry credentials in the user
                                              files and every repository under DIR (git state,
                                              precedence, masked); --verify asks each token's
                                              own registry whether it still works
  keyport scan --project DIR [--json]         the standard files plus one project's root
  keyport import FINDING_ID… [--replace-with-reference] [--dry-run]
                                              store found values in the keychain and leave a
                                              \${KEYPORT_…} reference in the file
  keyport exec [--only ID]… -- COMMAND [ARGS…]
                                              run COMMAND with KEYPORT_<ID> variables from the
                                              keychain: the tokens your user-level and project
                                              config files refer to (or only those named; a
                                              Composer or RubyGems token also as COMPOSER_AUTH
                                              or BUNDLE_<HOST>); never an account's sign-in token;
                                              a gradle.properties placeholder also as
                                              ORG_GRADLE_PROJECT_<key>
  keyport rotate ID [--password-stdin] [--otp CODE]
                                              new token, rewrite its files, verify, revoke old

No secret on disk (credential helpers answer for hosts in the vault):
  keyport setup git [--file GITCONFIG] [--registry URL] [--accept-store]
                                              make git ask git-credential-keyport;
                                              --accept-store: a credential git stores after
                                              a successful sign-in goes into the vault
  keyport setup python --registry INDEX_URL --username U [--id TOKEN_ID]
                                              put the token where Python's keyring (pip,
                                              twine, Poetry) looks for that index
  keyport setup docker --registry HOST [--file CONFIG_JSON]
                                              make ${DOCKER_HELPER_CLIENTS.join('/')} ask
                                              docker-credential-keyport for HOST (saved
                                              logins for HOST move into Keyport)

Where the tokens live:
  keyport doctor                              which store holds the tokens, why, and what that
                                              means for written files, references and exec
  keyport store move --to file|keychain       move the tokens between the OS keychain and the
                                              opt-in encrypted file store (for machines without
                                              a keychain; passphrase at the terminal or on the
                                              descriptor KEYPORT_PASSPHRASE_FD)

  keyport --help | --version

Data: $KEYPORT_HOME, else the OS app-data folder (~/.config/keyport on Linux).
KEYPORT_STORE=keychain|file overrides the store recorded by keyport store move.
Exit codes: 0 done, 1 failure, 2 bad input, 3 config file invalid or changed.
`;

/**
 * One command's usage, cut from the page above so the two never disagree: every form of
 * `keyport WORDS…` with its description lines, narrowed to the subcommand when one is named
 * (`token create`). Null when the page has no such command.
 */
export function commandHelp(words: readonly string[]): string | null {
  for (let n = Math.min(words.length, 2); n > 0; n--) {
    const wanted = words.slice(0, n).join(' ');
    const lines: string[] = [];
    let inForm = false;
    for (const line of HELP.split('\n')) {
      const form = /^ {2}keyport (.*)$/.exec(line)?.[1];
      if (form !== undefined) inForm = form === wanted || form.startsWith(`${wanted} `);
      else if (!line.startsWith('   ')) inForm = false;
      if (inForm) lines.push(line);
    }
    if (lines.length > 0) return `Usage:\n${lines.join('\n')}\n`;
  }
  return null;
}

/**
 * A bad-input error whose text is the usage `keyport WORDS… --help` prints, so a command refusing
 * its arguments shows the page's lines rather than a copy of its own; after `problem`, the one
 * sentence saying what is wrong, when there is more to say than "not like this".
 */
export function usageErrorFor(words: readonly string[], problem?: string): KeyportError {
  const usage = (commandHelp(words) ?? 'See keyport --help.').trimEnd();
  return usageError(problem ? `${problem}\n${usage}` : usage);
}
