import type { RequestContext } from '../context.ts'
import { plain } from '../responses.ts'
export function copyMethod(_ctx: RequestContext): Response { return plain(501) }
export function moveMethod(_ctx: RequestContext): Response { return plain(501) }
