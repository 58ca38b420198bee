import type { Reply, ROUTES } from '../../server/protocol/routes.js';
import type { Http } from '../lib/http.js';

/** The unit page's task routes, typed by their contract (server/protocol/task-routes.ts); each call answers a Result for the form to show. */
export function taskApi(http: Http) {
  return {
    list: (unit: string) => http.result<Reply<typeof ROUTES.unitTasks>>(`/api/units/${encodeURIComponent(unit)}/tasks`),
    /** The body as the form built it: a percent typed as text is the server's to name. */
    status: (task: string, body: Record<string, string | number>) =>
      http.result<Reply<typeof ROUTES.taskStatus>>(`/api/tasks/${encodeURIComponent(task)}/status`, { body }),
  };
}

export type TaskApi = ReturnType<typeof taskApi>;
