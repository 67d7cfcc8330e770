package io.doppel.sim.kernel;

/**
 * The clock and run loop of one simulation run. A model schedules events with {@link #scheduleAt} or
 * {@link #schedule}; {@link #run} hands them to the model's {@link EventHandler} in time order until the horizon,
 * the event budget or a limit stops it, and always says why. Not thread-safe: one run, one thread.
 */
public final class Kernel {
  /**
   * How often (in events) the loop looks at the thread's interrupt flag: every 16,384 events, so a cancelled run
   * stops within a millisecond or so of work; the check itself is a field read.
   */
  private static final long INTERRUPT_CHECK_MASK = (1L << 14) - 1;

  private final EventQueue queue;
  private double now;
  private long events;
  private StopReason halt;

  /** A kernel that keeps at most {@code maxPendingEvents} events pending. */
  public Kernel(int maxPendingEvents) {
    this.queue = new EventQueue(maxPendingEvents);
  }

  public double now() {
    return now;
  }

  /** Events processed so far. */
  public long events() {
    return events;
  }

  public int pending() {
    return queue.size();
  }

  /** Schedules an event {@code delay} time units from now. */
  public void schedule(double delay, int kind, long payload) {
    scheduleAt(now + delay, kind, payload);
  }

  /**
   * Schedules an event at an absolute time, never before now. An event at {@code +Infinity} never happens and is not
   * kept. A full queue halts the run with {@link StopReason#PENDING_EVENT_LIMIT}.
   */
  public void scheduleAt(double time, int kind, long payload) {
    if (!(time >= now)) {
      throw new IllegalArgumentException("event time " + time + " is before now (" + now + ") or not a number");
    }
    if (kind < 0 || kind > EventQueue.MAX_KIND) {
      throw new IllegalArgumentException("event kind must be 0.." + EventQueue.MAX_KIND + ": " + kind);
    }
    if (time == Double.POSITIVE_INFINITY) {
      return;
    }
    if (!queue.offer(time, kind, payload) && halt == null) {
      halt = StopReason.PENDING_EVENT_LIMIT;
    }
  }

  /** Ends the run after the current event, with the given reason. */
  public void halt(StopReason reason) {
    if (halt == null) {
      halt = reason;
    }
  }

  /**
   * Processes events in time order (FIFO among equal times) until the next one lies beyond {@code horizon}, none is
   * left, {@code eventBudget} events have been processed in total or the model halts the run.
   */
  public RunOutcome run(EventHandler handler, double horizon, long eventBudget) {
    while (true) {
      if (halt != null) {
        return new RunOutcome(halt, now, events);
      }
      if (events >= eventBudget) {
        return new RunOutcome(StopReason.EVENT_BUDGET, now, events);
      }
      if (!queue.poll()) {
        return new RunOutcome(StopReason.DRAINED, now, events);
      }
      if (queue.polledTime() > horizon) {
        // the event stays unprocessed; the run ends at its horizon
        now = horizon;
        return new RunOutcome(StopReason.HORIZON, now, events);
      }
      now = queue.polledTime();
      events++;
      handler.handle(queue.polledKind(), queue.polledPayload());
      if ((events & INTERRUPT_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
        halt(StopReason.CANCELLED);
      }
    }
  }
}
