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
  /** The realm of {@link #start(MqttOptions, Ingestor, TwinEngine)} and of authenticators that name none. */
  public static final String DEFAULT_REALM = "default";

  private final EndpointContext shared;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel server;
  private volatile boolean closed;

  private MqttEndpoint(EndpointContext shared, EventLoopGroup boss, EventLoopGroup workers, Channel server) {
    this.shared = shared;
    this.boss = boss;
    this.workers = workers;
    this.server = server;
  }

  /** Binds {@code options.host():options.port()} for one graph: every device is in {@link #DEFAULT_REALM}. */
  public static MqttEndpoint start(MqttOptions options, Ingestor ingestor, TwinEngine engine) {
    MqttEndpoint endpoint = start(options, ingestor.budget());
    endpoint.addRealm(DEFAULT_REALM, ingestor, engine);
    return endpoint;
  }

  /**
   * Binds {@code options.host():options.port()} and serves until {@link #close()}, with no realm yet: add one per
   * graph with {@link #addRealm}, and let the authenticator's {@link MqttAuthenticator#admit} name each device's.
   * Devices stop being read while {@code budget} (the server's, shared by every realm) is saturated. Throws when it
   * cannot bind.
   */
  public static MqttEndpoint start(MqttOptions options, io.doppel.twin.WriteBudget budget) {
    EndpointContext shared = new EndpointContext(options, new ConcurrentHashMap<>(), Clock.systemUTC(),
        new ConcurrentHashMap<>(), new MqttCounters(), new LoadPause(budget));
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
      MqttEndpoint endpoint = new MqttEndpoint(shared, boss, workers, server);
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
   * Admits devices to a realm from now on: their messages go to {@code ingestor}, and {@code engine}'s twin patches
   * to the realm's subscribers. Throws when the realm exists already.
   */
  public void addRealm(String name, Ingestor ingestor, TwinEngine engine) {
    Subscriptions subscriptions = new Subscriptions();
    AutoCloseable downlink = engine.subscribe(new DesiredForwarder(subscriptions));
    if (shared.realms().putIfAbsent(name, new Realm(name, ingestor, subscriptions, downlink)) != null) {
      closeQuietly(downlink);
      throw new IllegalStateException("the MQTT realm '" + name + "' exists already");
    }
  }

  /** Admits no more devices to a realm and disconnects those connected (its graph is closing). */
  public void removeRealm(String name) {
    Realm realm = shared.realms().remove(name);
    if (realm == null) {
      return;
    }
    closeQuietly(realm.engineSubscription());
    for (MqttSession session : shared.sessions().values()) {
      if (session.inRealm(name)) {
        session.shutdown();
      }
    }
  }

  /** {@link #sendCommand(String, String, String, byte[])} in {@link #DEFAULT_REALM}. */
  public int sendCommand(String twinId, String command, byte[] payload) {
    return sendCommand(DEFAULT_REALM, twinId, command, payload);
  }

  /**
   * Publishes {@code payload} to every session of {@code realm} subscribed to
   * {@code twins/{twinId}/commands/{command}} and answers how many sessions it was handed to (0: nobody listens, or
   * no such realm). It does not wait for the devices' PUBACKs.
   */
  public int sendCommand(String realm, String twinId, String command, byte[] payload) {
    Realm target = shared.realms().get(realm);
    if (target == null) {
      return 0;
    }
    String topic = "twins/" + twinId + "/commands/" + command;
    int delivered = 0;
    for (Map.Entry<MqttSession, Integer> session : target.subscriptions().matching(twinId, topic).entrySet()) {
      if (session.getKey().deliver(topic, payload, session.getValue(), MqttProperties.NO_PROPERTIES)) {
        delivered++;
      }
    }
    return delivered;
  }

  public MqttStats stats() {
    return shared.counters().snapshot(shared.sessions().size(), shared.load().pausedCount());
  }

  /** Stops accepting, tells every session the server is going away, and stops the network threads. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    shared.realms().values().forEach(realm -> closeQuietly(realm.engineSubscription()));
    shared.load().close();
    server.close().syncUninterruptibly();
    for (MqttSession session : shared.sessions().values()) {
      session.shutdown();
    }
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static void closeQuietly(AutoCloseable downlink) {
    try {
      downlink.close();
    } catch (Exception e) {
      LOG.warn("cannot unsubscribe the MQTT downlink from the engine", e);
    }
  }
}
