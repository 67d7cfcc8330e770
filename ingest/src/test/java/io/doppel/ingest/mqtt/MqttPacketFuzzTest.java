package io.doppel.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.fuzz.Fuzzer;
import io.doppel.fuzz.FuzzReport;
import io.doppel.fuzz.Mutator;
import io.doppel.ingest.Ingestor;
import io.doppel.ingest.Mapping;
import io.doppel.ingest.Message;
import io.doppel.ingest.Payloads;
import io.doppel.ingest.Presence;
import io.doppel.ingest.TwinUpdate;
import io.doppel.ingest.spi.DeadLetterStore;
import io.doppel.twin.TwinEngine;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Raw bytes into the MQTT endpoint's own pipeline (size limiter, Netty's decoder and encoder, Doppel's session) in
 * an EmbeddedChannel. Whatever arrives, no exception escapes and none reaches the session (which would close the
 * connection and hide it), the buffers held while decoding stay under the packet limit plus the input, and every
 * buffer is released when the connection ends. Mapped publishes go to a telemetry sink that answers at once, so
 * the channel is only ever touched from the test thread.
 */
@Tag("fuzz")
class MqttPacketFuzzTest {
  private static final int MAX_PACKET = 4_096;

  private final TwinEngine engine = TwinEngine.inMemory();
  private final Presence presence = Presence.manual(Clock.systemUTC(), Duration.ofMinutes(5));
  private final Ingestor ingestor = new Ingestor(engine, (twin, component, values, time) ->
      CompletableFuture.completedFuture(null), DeadLetterStore.inMemory(), presence, message -> TELEMETRY,
      Clock.systemUTC());
  private final EndpointContext shared = sharedContext(ingestor);

  /** One endpoint's shared state with every device in the default realm, as {@link MqttEndpoint#start} sets it up. */
  private static EndpointContext sharedContext(Ingestor ingestor) {
    ConcurrentHashMap<String, Realm> realms = new ConcurrentHashMap<>();
    realms.put(MqttEndpoint.DEFAULT_REALM, new Realm(MqttEndpoint.DEFAULT_REALM, ingestor, new Subscriptions(),
        () -> { }));
    return new EndpointContext(MqttOptions.of("127.0.0.1", 0).withMaxPacketBytes(MAX_PACKET).withMaxInFlight(16),
        realms, Clock.systemUTC(), new ConcurrentHashMap<>(), new MqttCounters(), new LoadPause(ingestor.budget()));
  }

  /** Every message maps to telemetry of its topic's second level, or is unmappable when it is not JSON. */
  private static final Mapping TELEMETRY = new Mapping() {
    @Override
    public String name() {
      return "fuzz";
    }

    @Override
    public List<TwinUpdate> map(Message message) throws io.doppel.ingest.Unmappable {
      ObjectNode values = Payloads.object(message.payload());
      String[] levels = message.topic().split("/", -1);
      return List.of(new TwinUpdate.Telemetry(levels.length > 1 ? levels[1] : "none", null, values, null));
    }
  };

  @AfterEach
  void close() {
    engine.close();
    presence.close();
  }

  @Test
  void mutatedConversationsAreDecodedOrRefusedCleanly() {
    Mutator mutator = new Mutator(MqttSeeds.conversations(), MqttSeeds.dictionary(), 64 * 1024);
    FuzzReport report = Fuzzer.named("mqtt-mutation", 2_000).bytes(mutator::next, this::converse);
    assertThat(shared.counters().connectionsAccepted.sum()).as(report.line()).isPositive();
    assertThat(shared.counters().messagesIn.sum()).as(report.line()).isPositive();
  }

  @Test
  void randomPacketStreamsAreDecodedOrRefusedCleanly() {
    FuzzReport report = Fuzzer.named("mqtt-random", 2_000).bytes(MqttPacketFuzzTest::randomPackets, this::converse);
    assertThat(report.inputs()).isPositive();
  }

  @Test
  void aClientStreamingAHugePacketIsCutOffInsteadOfBuffered() {
    // CONNECT, then a PUBLISH announcing 200 MB, sent in 16 KB pieces: held memory must not grow with the stream
    UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false, true);
    EmbeddedChannel channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.config().setAllocator(allocator);
        MqttEndpoint.installProtocol(ch.pipeline(), shared);
      }
    });
    channel.writeInbound(allocator.heapBuffer().writeBytes(MqttSeeds.conversations().get(0), 0, 40));
    channel.writeInbound(allocator.heapBuffer().writeBytes(new byte[] {0x30, (byte) 0x80, (byte) 0x80,
        (byte) 0xC0, 0x5F})); // remaining length 200,000,000
    long maxHeld = 0;
    for (int i = 0; i < 256 && channel.isOpen(); i++) {
      channel.writeInbound(allocator.heapBuffer(16_384).writeZero(16_384));
      channel.runPendingTasks();
      maxHeld = Math.max(maxHeld, allocator.metric().usedHeapMemory());
    }
    assertThat(maxHeld).isLessThan(4L * (MAX_PACKET + 16_384));
    channel.finishAndReleaseAll();
    assertThat(allocator.metric().usedHeapMemory()).isZero();
  }

  /** Plausible fixed headers (any type and flags, remaining lengths up to the 4-byte maximum) over random bodies. */
  private static byte[] randomPackets(RandomGenerator random) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    int packets = 1 + random.nextInt(6);
    for (int p = 0; p < packets; p++) {
      out.write(random.nextInt(256));
      long length = switch (random.nextInt(4)) {
        case 0 -> random.nextInt(128);
        case 1 -> random.nextInt(16_384);
        case 2 -> random.nextLong(268_435_456L);
        default -> random.nextInt(32);
      };
      long rest = length;
      do {
        int digit = (int) (rest % 128);
        rest /= 128;
        out.write(rest > 0 ? digit | 0x80 : digit);
      } while (rest > 0);
      int body = (int) Math.min(length, 512 + random.nextInt(512));
      for (int i = 0; i < body; i++) {
        out.write(random.nextInt(256));
      }
    }
    return out.toByteArray();
  }

  /** One connection: the bytes in one to three chunks, then the end of the connection. */
  private String converse(byte[] input) {
    long errorsBefore = shared.counters().handlerErrors.sum();
    UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false, true);
    EmbeddedChannel channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.config().setAllocator(allocator);
        MqttEndpoint.installProtocol(ch.pipeline(), shared);
      }
    });
    int cut1 = input.length == 0 ? 0 : Math.floorMod(input[0] * 31, input.length + 1);
    int cut2 = Math.max(cut1, input.length - (input.length > 0 ? (input[input.length - 1] & 0x3F) : 0));
    int largestChunk = 0;
    for (int[] range : new int[][] {{0, cut1}, {cut1, cut2}, {cut2, input.length}}) {
      if (range[1] > range[0] && channel.isActive()) {
        largestChunk = Math.max(largestChunk, range[1] - range[0]);
        ByteBuf chunk = allocator.heapBuffer(range[1] - range[0]);
        chunk.writeBytes(input, range[0], range[1] - range[0]);
        channel.writeInbound(chunk);
        channel.runPendingTasks();
        // capacities, not contents: the chunk plus a cumulation that grows by doubling and keeps its capacity,
        // so at most a few times the largest read or packet (the streaming test checks it does not grow further)
        long held = allocator.metric().usedHeapMemory();
        assertThat(held).as("bytes held while decoding").isLessThanOrEqualTo(4L * (MAX_PACKET + largestChunk));
      }
    }
    String outcome = channel.isActive() ? "open" : "closed";
    ByteBuf reply;
    while ((reply = channel.readOutbound()) != null) {
      reply.release();
    }
    channel.checkException(); // anything that reached the end of the pipeline
    channel.finishAndReleaseAll();
    assertThat(shared.counters().handlerErrors.sum()).as("exceptions that reached the session")
        .isEqualTo(errorsBefore);
    assertThat(allocator.metric().usedHeapMemory()).as("bytes still held after the connection ended").isZero();
    return outcome;
  }
}
