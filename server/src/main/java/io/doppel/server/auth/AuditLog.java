package io.doppel.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log under {@code audit/<seq>}: a hash chain appended by one writer thread, which takes whatever has
 * queued up and stores it as one synced batch, so auditing every write costs the requests no disk sync of their own.
 * The queue is bounded: when the disk falls behind, requests wait rather than entries being dropped.
 */
public final class AuditLog implements AutoCloseable {
  static final String PREFIX = "audit/";
  static final String GENESIS = "0".repeat(64);
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a request contributes; the writer adds the sequence number and the chain. */
  public record Request(Instant time, String principal, String tenant, String method, String path, String route,
      int status, String outcome, String remote) {}

  private record Item(@Nullable Request request, @Nullable CompletableFuture<Void> flushed) {}

  /** The answer of {@link #verify()}: intact, or the first entry whose hash or link does not hold. */
  public record Verdict(boolean intact, long entries, @Nullable Long brokenAt, String reason) {}

  private final AuthStore store;
  private final Clock clock;
  private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(65_536);
  private final Thread writer;
  private long nextSeq;
  private String head;
  private volatile boolean closed;

  public AuditLog(AuthStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    var last = store.last(PREFIX);
    if (last.isPresent()) {
      AuditEntry entry = parse(last.get().getValue());
      this.nextSeq = entry.seq() + 1;
      this.head = entry.hash();
    } else {
      this.nextSeq = 1;
      this.head = GENESIS;
    }
    this.writer = Thread.ofPlatform().daemon().name("doppel-audit").start(this::drain);
  }

  public Clock clock() {
    return clock;
  }

  /** Queues an entry; blocks while the queue is full. */
  public void record(Request request) {
    if (closed) {
      return;
    }
    try {
      queue.put(new Item(request, null));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Returns once everything recorded before the call is stored. */
  public void flush() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      queue.put(new Item(null, done));
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "the audit log cannot be written: " + e.getCause());
    }
  }

  /** Entries matching the filter, oldest first, strictly after sequence number {@code after}, at most {@code limit}. */
  public List<AuditEntry> find(Predicate<AuditEntry> filter, long after, int limit) {
    flush();
    List<AuditEntry> out = new ArrayList<>();
    String from = after <= 0 ? "" : key(after);
    while (out.size() < limit) {
      var batch = store.scan(PREFIX, from, 1000);
      if (batch.isEmpty()) {
        break;
      }
      for (var e : batch.entrySet()) {
        AuditEntry entry = parse(e.getValue());
        if (filter.test(entry) && out.size() < limit) {
          out.add(entry);
        }
        from = e.getKey();
      }
    }
    return out;
  }

  /** Walks the whole chain, recomputing each hash and checking each link to the one before. */
  public Verdict verify() {
    flush();
    String prev = GENESIS;
    long expectedSeq = 1;
    long count = 0;
    String from = "";
    while (true) {
      var batch = store.scan(PREFIX, from, 1000);
      if (batch.isEmpty()) {
        return new Verdict(true, count, null, "the chain of " + count + " entries is intact");
      }
      for (var e : batch.entrySet()) {
        AuditEntry entry;
        try {
          entry = parse(e.getValue());
        } catch (RuntimeException unreadable) {
          return new Verdict(false, count, expectedSeq, "entry " + expectedSeq + " is unreadable");
        }
        if (entry.seq() != expectedSeq || !e.getKey().equals(key(entry.seq()))) {
          return new Verdict(false, count, expectedSeq, "entry " + expectedSeq + " is missing or out of place");
        }
        if (!entry.prev().equals(prev)) {
          return new Verdict(false, count, entry.seq(), "entry " + entry.seq() + " does not link to the one before");
        }
        if (!entry.computeHash().equals(entry.hash())) {
          return new Verdict(false, count, entry.seq(), "entry " + entry.seq() + " was changed after it was written");
        }
        prev = entry.hash();
        expectedSeq++;
        count++;
        from = e.getKey();
      }
    }
  }

  private void drain() {
    List<Item> items = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Item first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        items.add(first);
        queue.drainTo(items, 4095);
        write(items);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        items.clear();
      }
    }
  }

  private void write(List<Item> items) {
    Map<String, String> batch = new LinkedHashMap<>();
    long seq = nextSeq;
    String prev = head;
    for (Item item : items) {
      Request r = item.request();
      if (r != null) {
        AuditEntry unsigned = new AuditEntry(seq, r.time(), r.principal(), r.tenant(), r.method(), r.path(),
            r.route(), r.status(), r.outcome(), r.remote(), prev, "");
        AuditEntry entry = new AuditEntry(seq, r.time(), r.principal(), r.tenant(), r.method(), r.path(),
            r.route(), r.status(), r.outcome(), r.remote(), prev, unsigned.computeHash());
        batch.put(key(seq), entry.toJsonText());
        prev = entry.hash();
        seq++;
      }
    }
    try {
      if (!batch.isEmpty()) {
        store.putAll(batch);
      }
      nextSeq = seq;
      head = prev;
      items.forEach(i -> {
        if (i.flushed() != null) {
          i.flushed().complete(null);
        }
      });
    } catch (RuntimeException e) {
      LOG.error("cannot write {} audit entries", batch.size(), e);
      items.forEach(i -> {
        if (i.flushed() != null) {
          i.flushed().completeExceptionally(e);
        }
      });
    }
  }

  /** {@code audit/} and the sequence number zero-padded to 20 digits, so that keys sort as numbers. */
  static String key(long seq) {
    String digits = Long.toString(seq);
    StringBuilder key = new StringBuilder(PREFIX.length() + 20).append(PREFIX);
    for (int i = digits.length(); i < 20; i++) {
      key.append('0');
    }
    return key.append(digits).toString();
  }

  private static AuditEntry parse(String text) {
    try {
      return AuditEntry.fromJson(JSON.readTree(text));
    } catch (IOException e) {
      throw new DoppelException(ErrorCode.STORAGE_FAILURE, "an audit entry is unreadable: " + e.getMessage());
    }
  }

  /** Stores what is queued, then stops the writer. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
