package io.doppel.ingest.mqtt;

import io.doppel.ingest.Ingestor;
import io.doppel.twin.TwinEngine;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT server devices connect to (MQTT 3.1.1 and 5): each PUBLISH goes to the {@link Ingestor} with the client
 * id as its source and connector {@code mqtt}; subscriptions to {@code twins/{id}/desired} and
 * {@code twins/{id}/commands/+} receive property changes and commands. See {@code docs/mqtt.md}.
 */
public final class MqttEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MqttEndpoint.class);

  private final EndpointContext shared;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel server;
  private final AutoCloseable engineSubscription;
  private volatile boolean closed;

  private MqttEndpoint(EndpointContext shared, EventLoopGroup boss, EventLoopGroup workers, Channel server,
      AutoCloseable engineSubscription) {
    this.shared = shared;
    this.boss = boss;
    this.workers = workers;
    this.server = server;
    this.engineSubscription = engineSubscription;
  }

  /** Binds {@code options.host():options.port()} and serves until {@link #close()}; throws when it cannot bind. */
  public static MqttEndpoint start(MqttOptions options, Ingestor ingestor, TwinEngine engine) {
    EndpointContext shared = new EndpointContext(options, ingestor, Clock.systemUTC(), new ConcurrentHashMap<>(),
        new Subscriptions(), new MqttCounters());
    EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("doppel-mqtt-accept", true));
    EventLoopGroup workers = new NioEventLoopGroup(0, new DefaultThreadFactory("doppel-mqtt", true));
    try {
      ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childOption(ChannelOption.SO_KEEPALIVE, true)
          // a device's downlink may queue up to 1 MiB before the device counts as too slow
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
              ChannelPipeline pipeline = channel.pipeline();
              if (options.tls() != null) {
                pipeline.addLast("tls", options.tls().newHandler(channel.alloc()));
              }
              installProtocol(pipeline, shared);
            }
          });
      Channel server = bootstrap.bind(options.host(), options.port()).syncUninterruptibly().channel();
      AutoCloseable subscription = engine.subscribe(new DesiredForwarder(shared.subscriptions()));
      MqttEndpoint endpoint = new MqttEndpoint(shared, boss, workers, server, subscription);
      LOG.info("MQTT endpoint listening on {}{}", server.localAddress(), options.tls() == null ? "" : " (TLS)");
      return endpoint;
    } catch (RuntimeException e) {
      boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new IllegalStateException("cannot start the MQTT endpoint on " + options.host() + ":" + options.port()
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * The handlers that turn a connection's bytes into MQTT sessions, after TLS. One method, so that the fuzz tests
   * drive exactly this pipeline (in an EmbeddedChannel) with raw bytes.
   */
  static void installProtocol(ChannelPipeline pipeline, EndpointContext shared) {
    MqttOptions options = shared.options();
    // PUBACKs completed together (one group commit) leave in one write, not one syscall each
    pipeline.addLast("flush", new FlushConsolidationHandler(256, true));
    pipeline.addLast("limit", new PacketSizeLimiter(options.maxPacketBytes()));
    pipeline.addLast("decoder", new MqttDecoder(options.maxPacketBytes(), 65_535));
    pipeline.addLast("encoder", MqttEncoder.INSTANCE);
    pipeline.addLast("session", new MqttSession(shared));
  }

  /** The bound TCP port (the chosen one when the options asked for 0). */
  public int port() {
    return address().getPort();
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  public boolean tls() {
    return shared.options().tls() != null;
  }

  /**
   * Publishes {@code payload} to every session subscribed to {@code twins/{twinId}/commands/{command}} and answers
   * how many sessions it was handed to (0: nobody listens). It does not wait for the devices' PUBACKs.
   */
  public int sendCommand(String twinId, String command, byte[] payload) {
    String topic = "twins/" + twinId + "/commands/" + command;
    int delivered = 0;
    for (Map.Entry<MqttSession, Integer> target : shared.subscriptions().matching(twinId, topic).entrySet()) {
      if (target.getKey().deliver(topic, payload, target.getValue(), MqttProperties.NO_PROPERTIES)) {
        delivered++;
      }
    }
    return delivered;
  }

  public MqttStats stats() {
    return shared.counters().snapshot(shared.sessions().size());
  }

  /** Stops accepting, tells every session the server is going away, and stops the network threads. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      engineSubscription.close();
    } catch (Exception e) {
      LOG.warn("cannot unsubscribe the MQTT downlink from the engine", e);
    }
    server.close().syncUninterruptibly();
    for (MqttSession session : shared.sessions().values()) {
      session.shutdown();
    }
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
