/**
 * The engine's event stream for one container (GET /events, Docker and Podman's compatible service), and whether the
 * engine answers at all (GET /_ping). A run follows its sandbox's `kill` and `die` events: a kill the run did not
 * send is the engine's (a restart, `docker stop`), which makes the command's exit code no verdict of the command.
 */
import { ApiClient, jsonLines, readAll } from './http.js';
import type { ContainerEvent, EventFollow } from './types.js';

interface EventLine {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

export async function followContainerEvents(
  api: ApiClient,
  id: string,
  actions: string[],
  sink: (e: ContainerEvent) => void,
): Promise<EventFollow> {
  // Only the container filter: Podman 4.3 matches `event` against its own names (died, not die) and answers nothing
  // for `type` combined with others. The actions are picked here.
  const filters = JSON.stringify({ container: [id] });
  const res = await api.raw('GET', '/events', { query: { filters } }, 'follow events');
  if (res.statusCode !== 200) throw api.statusError('follow events', res.statusCode, await readAll(res.body));
  const ended = (async () => {
    try {
      for await (const line of jsonLines<EventLine>(res.body)) {
        const action = line.Action ?? line.status ?? '';
        const actor = line.Actor?.ID ?? line.id ?? '';
        // The filter is the engine's; a line for another container or action is not trusted to be ours.
        if (actor !== id || !actions.includes(action)) continue;
        sink({ action, attributes: { ...(line.Actor?.Attributes ?? {}) } });
      }
    } catch {
      /* cut (close) or the engine went away: either way the stream has ended */
    }
  })();
  return { ended, close: () => res.body.destroy() };
}

/** True when the engine answers GET /_ping with 200 now. */
export async function pingEngine(api: ApiClient): Promise<boolean> {
  try {
    const res = await api.raw('GET', '/_ping', {}, 'ping');
    await readAll(res.body);
    return res.statusCode === 200;
  } catch {
    return false;
  }
}
