import type { RequestContext } from '../context.ts'
import { plain } from '../responses.ts'
export function proppatch(_ctx: RequestContext): Response { return plain(501) }
