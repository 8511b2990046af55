export const HELP = `keyport — package-registry tokens in your OS keychain

Usage:
  keyport list [--json]                       list tokens (values masked)
  keyport add --label L --registry URL --ecosystem npm|maven|nuget|pip|other
              [--user U] [--expires ISO-DATE] --token-stdin
                                              store a token read from standard input
  keyport reveal ID                           print one token's value
  keyport remove ID                           delete a token (keychain entry and details)
  keyport --help | --version

Data: $KEYPORT_HOME, else the OS app-data folder (~/.config/keyport on Linux).
Exit codes: 0 done, 1 failure, 2 bad input, 3 config file invalid or changed.
`;
