import type { DifferentialException } from './differential.ts'

/**
 * Steps where Apache and the fake server may give different decoded results although both
 * conform to RFC 4918 (the scenario accepts several answers there), with the reason.
 */
export const differentialExceptions: readonly DifferentialException[] = [
  {
    scenario: 'move-locked-member',
    step: 6,
    note:
      'after a MOVE that failed on a locked member, the fake server had moved the other members (dest/ exists: 204) ' +
      'while Apache had moved nothing (201); RFC 4918 allows both',
  },
]
