/**
 * Work that may wait while requests are acknowledged: answering an event that was acked already.
 *
 * Node runs everything on one thread. Started straight after its ack, each answer (1–2 ms of CPU)
 * holds up the next request's ack, so at 50 connections an ack waits behind up to 49 answers. Here
 * each job starts in its own turn of the event loop (setImmediate), after the I/O that was ready,
 * so every request that has arrived is read, checked and acked before the next answer begins. Jobs
 * start in the order they were given, one per turn; a job's own awaits (a store, the reply's post)
 * interleave as before.
 *
 * The queue is bounded: with more than `limit` jobs waiting, a new one runs at once, so the acks slow
 * to the answers' pace again rather than the backlog (and the delay before an answer) growing without end.
 */
export class AfterAcks {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly limit = 1000) {}

  /** Jobs given but not yet started. */
  get size(): number {
    return this.waiting.length;
  }

  /** Runs `job` after the requests ready now have been handled; resolves or rejects as it does. */
  run<T>(job: () => Promise<T>): Promise<T> {
    if (this.waiting.length >= this.limit) return job();
    return new Promise<T>((resolve, reject) => {
      this.waiting.push(() => {
        try {
          job().then(resolve, reject);
        } catch (error) {
          reject(error);
        }
      });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.next);
  }

  private readonly next = (): void => {
    this.scheduled = false;
    const job = this.waiting.shift();
    if (this.waiting.length > 0) this.schedule();
    job?.();
  };
}
