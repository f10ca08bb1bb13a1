// The regular expressions of trigger rules (`matches`), run by RE2 (re2js: pure JavaScript, linear
// time in the input, whatever the pattern). A backtracking engine can take exponential time on a
// crafted counterparty name (`((a+))+$` against 'aaaa…!'), and a rule runs inline in the
// transactions stream: one such record would stall its shard. RE2 syntax is Perl's without the
// constructs that need backtracking: back references (`\1`) and lookaround (`(?=`, `(?!`, `(?<=`)
// do not compile, so they are refused when the rule is written.
//
// Differences from a JavaScript RegExp an admin may meet: `\s`, `\w`, `\d` and `\b` are ASCII
// (use `\p{Han}`, `[\s\x{3000}]`…), a code point is written `\x{4e2d}` (not `\u4e2d`), and
// `(?i)` … flags are inline. Patterns are matched unanchored, as RegExp.test does.
import { RE2JS } from 're2js';

export const MAX_PATTERN_LENGTH = 200;

/** A compiled pattern: `test` is true when it matches any part of the text. */
export interface Pattern {
  test(text: string): boolean;
}

export const compilePattern = (pattern: string, ignoreCase = false): Pattern =>
  RE2JS.compile(pattern, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);

/** Why a pattern cannot be a rule's, or undefined when it can. */
export const patternProblem = (pattern: string): string | undefined => {
  if (pattern.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    compilePattern(pattern);
  } catch (error) {
    return (
      'is not a regular expression the rule engine accepts (RE2 syntax, linear time: ' +
      `no back references or lookaround): ${(error as Error).message}`
    );
  }
  return undefined;
};
