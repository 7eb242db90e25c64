// The WebSocket wire format, shared by the server and (as plain JSON) the browser bridge.
//   client → server  {id, method, args}
//   server → client  {id, ok:true, value} | {id, ok:false, error:{code, message}} | {event, payload}
import { z } from 'zod';

export const Request = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().max(128),
  args: z.unknown(),
});
