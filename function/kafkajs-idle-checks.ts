// kafkajs 2.2.4 keeps a 1 ms timer running on every open connection for as long as it is open: each check of the
// connection's queue of waiting requests schedules the next, also when nothing waits (tulios/kafkajs#1556, #1704,
// unfixed there). On Node.js 18.15 one idle connection cost 25–30 ms of CPU per second here, and the handler pays
// it on each connection while it waits: for fetches, for uploads, for the group's join. The check is needed only
// while a request waits or a broker's throttle is pending; a request that must wait schedules its own check when it
// is queued, as before.

/** What the patch reads of kafkajs's internal RequestQueue (src/network/requestQueue). */
interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests(): void;
}

let patched = false;

/** Skips kafkajs's check of a connection's queue when no request waits and no throttle is pending; once per process. */
export function skipIdleRequestChecks(): void {
  if (patched) return;
  patched = true;
  // An internal module of kafkajs, without types: the same file its client uses, so the bundle holds one copy.
  const queue = (require("kafkajs/src/network/requestQueue") as { prototype: RequestQueue }).prototype;
  const schedule = queue.scheduleCheckPendingRequests;
  queue.scheduleCheckPendingRequests = function (this: RequestQueue) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
}
