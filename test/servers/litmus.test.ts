import { describe, expect, it } from 'vitest'
import { parseLitmusOutput } from './litmus.ts'

// The shape of litmus 0.13's output: progress lines separated by \r, warnings that push a test's
// outcome onto a continuation line, and a FAIL message that can span a newline.
const copymove = [
  "-> running `copymove':",
  '\r 0. init.................. \r 0. init.................. pass',
  '\r 3. copy_simple........... WARNING: COPY to new resource should give 201 (RFC2518:S8.8.5)',
  '    ...................... pass (with 1 warning)',
  '    ...................... \r 4. copy_overwrite........ FAIL (COPY overwrites collection: 409 Conflict)',
  "\r 9. move.................. WARNING: MOVE to new resource didn't give 201",
  "    ...................... FAIL (MOVE overwrites collection `/litmus/movecoll/' to `/litmus/movedest': 409 Conflict)",
  "    ...................... \r11. owner_modify.......... \r11. owner_modify.......... FAIL (PROPPATCH on `/litmus/lockme': 403 Forbidden",
  ')',
  '\r12. finish................ \r12. finish................ pass',
  "<- summary for `copymove': of 13 tests run: 10 passed, 3 failed. 76.9%",
  '-> 2 tests were skipped.',
  '-> 3 warnings were issued.',
  '',
].join('\n')

describe('parseLitmusOutput', () => {
  it('reads the summary counts, warnings, skips and every failed test with its message', () => {
    expect(parseLitmusOutput('copymove', copymove)).toEqual({
      suite: 'copymove',
      run: 13,
      passed: 10,
      failed: 3,
      warnings: 3,
      skipped: 2,
      failures: [
        { index: 4, test: 'copy_overwrite', message: 'COPY overwrites collection: 409 Conflict' },
        { index: 9, test: 'move', message: "MOVE overwrites collection `/litmus/movecoll/' to `/litmus/movedest': 409 Conflict" },
        { index: 11, test: 'owner_modify', message: "PROPPATCH on `/litmus/lockme': 403 Forbidden" },
      ],
    })
  })

  it('throws, quoting the output, when there is no summary for the suite', () => {
    expect(() => parseLitmusOutput('basic', 'Could not connect to server')).toThrow(/no summary line.*\n.*Could not connect/)
    expect(() => parseLitmusOutput('basic', copymove)).toThrow(/litmus basic: no summary line/)
  })
})
