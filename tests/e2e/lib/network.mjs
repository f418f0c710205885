// Records every request a page makes (including the wasm and the JS), with
// its headers and body, for the data-rule and offline tests.

/**
 * Starts recording on `target` (a Page or BrowserContext). Returns the list
 * (filled as requests finish or fail) and `settled()`, which waits until
 * every started request has finished or failed.
 */
export function recordRequests(target) {
  const log = [];
  const pending = new Set();
  const add = async (request, outcome) => {
    const entry = {
      url: request.url(),
      method: request.method(),
      resourceType: request.resourceType(),
      postData: request.postData(),
      outcome,
      failure: request.failure()?.errorText ?? null,
      headers: {},
    };
    try {
      entry.headers = await request.allHeaders();
    } catch {
      entry.headers = request.headers();
    }
    try {
      const response = outcome === "finished" ? await request.response() : null;
      entry.status = response ? response.status() : null;
    } catch {
      entry.status = null;
    }
    log.push(entry);
  };
  target.on("request", (request) => pending.add(request));
  target.on("requestfinished", (request) => {
    const p = add(request, "finished").finally(() => pending.delete(request));
    pendingWork.add(p);
    p.finally(() => pendingWork.delete(p));
  });
  target.on("requestfailed", (request) => {
    const p = add(request, "failed").finally(() => pending.delete(request));
    pendingWork.add(p);
    p.finally(() => pendingWork.delete(p));
  });
  const pendingWork = new Set();
  return {
    log,
    /** Requests started but not yet finished or failed. */
    pending,
    /** Waits (up to `timeout` ms) until nothing is in flight. */
    async settled(timeout = 10_000) {
      const until = Date.now() + timeout;
      while ((pending.size > 0 || pendingWork.size > 0) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
      }
      await Promise.all([...pendingWork]);
    },
  };
}

/** The POSTs in `log` to `path` (e.g. "/api/v1/increments"). */
export function postsTo(log, path) {
  return log.filter((e) => e.method === "POST" && new URL(e.url).pathname === path);
}

