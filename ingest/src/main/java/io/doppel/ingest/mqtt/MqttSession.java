package io.doppel.ingest.mqtt;

import io.doppel.ingest.Message;
import io.doppel.ingest.Outcome;
import io.doppel.twin.Origin;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device connection: CONNECT and authentication, publishes into the ingestor (QoS 1 acknowledged in order, once
 * durable), subscriptions for the downlink, keep-alive. Everything but {@link #deliver} and {@link #grantedQos}
 * runs on the connection's event loop, so the state needs no locks.
 */
final class MqttSession extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(MqttSession.class);
  static final String CONNECTOR = "mqtt";
  static final String KEEP_ALIVE_HANDLER = "keep-alive";

  // MQTT 5 reason codes (the 3.1.1 protocol has none outside CONNACK and SUBACK: there, the connection just closes)
  static final byte SUCCESS = 0x00;
  static final byte NO_SUBSCRIPTION_EXISTED = 0x11;
  static final byte UNSPECIFIED_ERROR = (byte) 0x80;
  static final byte MALFORMED_PACKET = (byte) 0x81;
  static final byte PROTOCOL_ERROR = (byte) 0x82;
  static final byte NOT_AUTHORIZED = (byte) 0x87;
  static final byte KEEP_ALIVE_TIMEOUT = (byte) 0x8D;
  static final byte SESSION_TAKEN_OVER = (byte) 0x8E;
  static final byte TOPIC_FILTER_INVALID = (byte) 0x8F;
  static final byte RECEIVE_MAXIMUM_EXCEEDED = (byte) 0x93;
  static final byte TOPIC_ALIAS_INVALID = (byte) 0x94;
  static final byte PACKET_TOO_LARGE = (byte) 0x95;
  static final byte QUOTA_EXCEEDED = (byte) 0x97;
  static final byte QOS_NOT_SUPPORTED = (byte) 0x9B;
  static final byte SHARED_SUBSCRIPTIONS_NOT_SUPPORTED = (byte) 0x9E;
  static final byte SERVER_SHUTTING_DOWN = (byte) 0x8B;

  private final EndpointContext shared;
  private @Nullable ChannelHandlerContext ctx;
  private volatile @Nullable String clientId; // set once CONNECT is accepted
  private @Nullable Realm realm; // set with clientId
  private boolean mqtt5;
  private boolean problemInformation = true;
  private int clientReceiveMaximum = 65_535;
  private long clientMaxPacket = Long.MAX_VALUE;
  private final PendingAcks acks = new PendingAcks();
  private int inFlight; // handed to the ingestor, not complete yet (QoS 0 and 1)
  private boolean paused;
  /** Not reading because the server's pending writes are at their limit (see {@link LoadPause}). */
  private boolean pausedForLoad;
  private boolean failed;
  private boolean qos0FailureLogged;
  /** Disconnected with messages still in flight: the twins go offline once those are done (they mark them heard). */
  private boolean goneWhenDone;
  /** Granted QoS per filter; read by the downlink from other threads. */
  private final Map<TopicFilter, Integer> granted = new ConcurrentHashMap<>();
  private final Set<Integer> outgoing = new HashSet<>(); // downlink QoS 1 packet ids awaiting PUBACK
  private int nextPacketId = 1;
  /** Created on the loop by the first publish; completions from other threads come back through it. */
  private @Nullable LoopHandOff<Completion> completions;
  private int acksUnflushed; // PUBACKs written and not flushed yet

  MqttSession(EndpointContext shared) {
    this.shared = shared;
  }

  @Nullable String clientId() {
    return clientId;
  }

  /** The realm of an accepted connection (every packet but CONNECT comes after acceptance). */
  private Realm realm() {
    Realm mine = realm;
    if (mine == null) {
      throw new IllegalStateException("no realm before CONNECT is accepted");
    }
    return mine;
  }

  /** Whether the session belongs to {@code name} (the endpoint closes a removed realm's sessions). */
  boolean inRealm(String name) {
    Realm mine = realm;
    return mine != null && mine.name().equals(name);
  }

  @Override
  public void channelActive(ChannelHandlerContext context) {
    this.ctx = context;
    long timeout = shared.options().connectTimeout().toMillis();
    context.executor().schedule(() -> {
      if (clientId == null && context.channel().isActive()) {
        LOG.debug("{}: no CONNECT within {} ms", context.channel().remoteAddress(), timeout);
        context.close();
      }
    }, timeout, TimeUnit.MILLISECONDS);
    context.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    try {
      if (msg instanceof MqttMessage message) {
        handle(context, message);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void handle(ChannelHandlerContext context, MqttMessage message) {
    DecoderResult result = message.decoderResult();
    if (result.isFailure()) {
      malformed(context, message, result.cause());
      return;
    }
    MqttMessageType type = message.fixedHeader().messageType();
    if (clientId == null) {
      if (type == MqttMessageType.CONNECT) {
        connect(context, (MqttConnectMessage) message);
      } else {
        shared.counters().protocolErrors.increment();
        context.close(); // before CONNECT there is no session to say anything to
      }
      return;
    }
    switch (type) {
      case PUBLISH -> publish(context, (MqttPublishMessage) message);
      case PUBACK -> outgoing.remove(((MqttMessageIdVariableHeader) message.variableHeader()).messageId());
      case SUBSCRIBE -> subscribe(context, (MqttSubscribeMessage) message);
      case UNSUBSCRIBE -> unsubscribe(context, (MqttUnsubscribeMessage) message);
      case PINGREQ -> context.writeAndFlush(MqttMessage.PINGRESP);
      case DISCONNECT -> context.close();
      default -> protocolError(context, type + " is not expected from a client (no QoS 2, no enhanced auth)");
    }
  }

  // ---- CONNECT

  private void connect(ChannelHandlerContext context, MqttConnectMessage message) {
    MqttConnectVariableHeader header = message.variableHeader();
    MqttConnectPayload payload = message.payload();
    int level = header.version();
    mqtt5 = level == 5;
    if (level != 4 && level != 5) { // 3.1 (MQIsdp, level 3)
      refuse(context, MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, null);
      return;
    }
    MqttProperties properties = header.properties();
    if (mqtt5 && properties.getProperty(MqttPropertyType.AUTHENTICATION_METHOD.value()) != null) {
      refuse(context, MqttConnectReturnCode.CONNECTION_REFUSED_BAD_AUTHENTICATION_METHOD,
          "enhanced authentication is not supported: send the token as the password");
      return;
    }
    String id = payload.clientIdentifier();
    boolean assigned = false;
    if (id == null || id.isEmpty()) {
      if (!mqtt5 && !header.isCleanSession()) {
        refuse(context, MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, null);
        return;
      }
      id = "doppel-" + UUID.randomUUID();
      assigned = true;
    }
    MqttAuthenticator.Admission admission = shared.options().authenticator().admit(new MqttAuthenticator.Credentials(
        id, payload.userName(), payload.passwordInBytes(), context.channel().remoteAddress()));
    MqttAuthenticator.Verdict verdict = admission.verdict();
    Realm admitted = shared.realms().get(admission.realm());
    if (verdict == MqttAuthenticator.Verdict.ACCEPTED && admitted == null) {
      verdict = MqttAuthenticator.Verdict.NOT_AUTHORIZED; // a realm that is gone (its tenant was deleted)
    }
    switch (verdict) {
      case ACCEPTED -> { }
      case BAD_CREDENTIALS -> {
        refuse(context, mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
            : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD, "bad username or password");
        return;
      }
      case NOT_AUTHORIZED -> {
        refuse(context, mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
            : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, "not authorized");
        return;
      }
      case THROTTLED -> {
        refuse(context, mqtt5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED
            : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, "too many failed authentications");
        return;
      }
    }
    boolean askedForSession = false;
    if (mqtt5) {
      clientReceiveMaximum = intProperty(properties, MqttPropertyType.RECEIVE_MAXIMUM, 65_535);
      clientMaxPacket = Integer.toUnsignedLong(intProperty(properties, MqttPropertyType.MAXIMUM_PACKET_SIZE, -1));
      problemInformation = intProperty(properties, MqttPropertyType.REQUEST_PROBLEM_INFORMATION, 1) != 0;
      askedForSession = intProperty(properties, MqttPropertyType.SESSION_EXPIRY_INTERVAL, 0) != 0;
    }
    realm = admitted;
    MqttSession previous = shared.sessions().put(admitted.sessionKey(id), this);
    if (previous != null) {
      previous.takenOver();
    }
    clientId = id;
    int keepAlive = header.keepAliveTimeSeconds();
    if (keepAlive > 0) {
      // MQTT: the server disconnects a client silent for one and a half times its keep-alive
      context.pipeline().addBefore(context.name(), KEEP_ALIVE_HANDLER,
          new IdleStateHandler(keepAlive * 1500L, 0, 0, TimeUnit.MILLISECONDS));
    }
    shared.counters().connectionsAccepted.increment();
    MqttConnAckMessage ack;
    if (mqtt5) {
      ack = MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).sessionPresent(false)
          .properties(connAckProperties(assigned ? id : null, askedForSession)).build();
    } else {
      ack = MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).sessionPresent(false)
          .build();
    }
    context.writeAndFlush(ack);
  }

  /**
   * What an MQTT 5 client must know about this server. Built by hand: Netty 4.1's {@code ConnAckPropertiesBuilder}
   * writes the receive maximum into the Maximum QoS property (1,024 encodes as QoS 0, which makes clients such as
   * mosquitto refuse to publish with QoS 1).
   */
  private MqttProperties connAckProperties(@Nullable String assignedId, boolean forgetSession) {
    MqttProperties p = new MqttProperties();
    p.add(new MqttProperties.IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(),
        shared.options().maxInFlight()));
    p.add(new MqttProperties.IntegerProperty(MqttPropertyType.MAXIMUM_QOS.value(), 1));
    p.add(new MqttProperties.IntegerProperty(MqttPropertyType.RETAIN_AVAILABLE.value(), 0));
    p.add(new MqttProperties.IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(),
        shared.options().maxPacketBytes()));
    p.add(new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), 0));
    p.add(new MqttProperties.IntegerProperty(MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE.value(), 1));
    p.add(new MqttProperties.IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE.value(), 0));
    p.add(new MqttProperties.IntegerProperty(MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
    if (assignedId != null) {
      p.add(new MqttProperties.StringProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), assignedId));
    }
    if (forgetSession) {
      p.add(new MqttProperties.IntegerProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), 0));
    }
    return p;
  }

  private void refuse(ChannelHandlerContext context, MqttConnectReturnCode code, @Nullable String reason) {
    shared.counters().connectionsRefused.increment();
    MqttMessageBuilders.ConnAckBuilder ack = MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false);
    if (mqtt5 && reason != null) {
      ack.properties(reasonString(reason));
    }
    context.writeAndFlush(ack.build()).addListener(ChannelFutureListener.CLOSE);
  }

  /** Another connection came with the same client id: MQTT closes the older one. */
  private void takenOver() {
    ChannelHandlerContext context = ctx;
    if (context != null) {
      context.executor().execute(() -> disconnect(context, SESSION_TAKEN_OVER,
          "another connection uses client id " + clientId));
    }
  }

  // ---- PUBLISH (device to Doppel)

  private void publish(ChannelHandlerContext context, MqttPublishMessage message) {
    MqttQoS qos = message.fixedHeader().qosLevel();
    if (qos == MqttQoS.EXACTLY_ONCE) {
      shared.counters().publishesRefused.increment();
      disconnect(context, QOS_NOT_SUPPORTED, "QoS 2 is not supported: publish with QoS 0 or 1");
      return;
    }
    MqttProperties properties = message.variableHeader().properties();
    if (mqtt5 && properties.getProperty(MqttPropertyType.TOPIC_ALIAS.value()) != null) {
      shared.counters().publishesRefused.increment();
      disconnect(context, TOPIC_ALIAS_INVALID, "topic aliases are not supported (topic alias maximum is 0)");
      return;
    }
    if (qos == MqttQoS.AT_LEAST_ONCE && mqtt5 && acks.size() >= shared.options().maxInFlight()) {
      shared.counters().publishesRefused.increment();
      disconnect(context, RECEIVE_MAXIMUM_EXCEEDED, "more than " + shared.options().maxInFlight()
          + " unacknowledged QoS 1 publishes");
      return;
    }
    String source = clientId;
    Message ingested = new Message(CONNECTOR, source == null ? "" : source, message.variableHeader().topicName(),
        null, ByteBufUtil.getBytes(message.payload()), mqtt5 ? userProperties(properties) : Map.of(),
        shared.clock().instant());
    shared.counters().messagesIn.increment();
    PendingAcks.Entry entry = qos == MqttQoS.AT_LEAST_ONCE ? acks.add(message.variableHeader().packetId()) : null;
    inFlight++;
    if (inFlight >= shared.options().maxInFlight() && !paused) {
      paused = true; // backpressure: TCP fills up and the client slows down, instead of our memory growing
      updateAutoRead(context);
    }
    CompletableFuture<Outcome> done;
    try {
      done = realm().ingestor().ingest(ingested);
    } catch (RuntimeException e) {
      done = CompletableFuture.failedFuture(e);
    }
    if (!pausedForLoad && shared.load().overLimit()) {
      pausedForLoad = true; // the whole server is behind: this device waits in TCP until writes drain
      shared.counters().loadPauses.increment();
      updateAutoRead(context);
      shared.load().paused(this);
    }
    EventLoop loop = context.channel().eventLoop();
    LoopHandOff<Completion> handOff = completions(context);
    done.whenComplete((outcome, failure) -> {
      Completion completion = new Completion(entry, outcome, failure);
      if (loop.inEventLoop()) {
        completed(context, completion);
        flushAcks(context);
      } else {
        handOff.handOver(completion);
      }
    });
  }

  /** What became of one message handed to the ingestor: its outcome, or the failure that left it unstored. */
  private record Completion(PendingAcks.@Nullable Entry entry, @Nullable Outcome outcome,
      @Nullable Throwable failure) {}

  /** On the loop (the hand-off is created once, by the first publish). */
  private LoopHandOff<Completion> completions(ChannelHandlerContext context) {
    LoopHandOff<Completion> mine = completions;
    if (mine == null) {
      mine = new LoopHandOff<>(context.channel().eventLoop(), c -> completed(context, c), () -> flushAcks(context));
      completions = mine;
    }
    return mine;
  }

  /** One flush for every PUBACK written since the last: a burst of completions becomes one TCP write. */
  private void flushAcks(ChannelHandlerContext context) {
    if (acksUnflushed > 0) {
      shared.counters().qos1Acked.add(acksUnflushed);
      acksUnflushed = 0;
      context.flush();
    }
  }

  private void completed(ChannelHandlerContext context, Completion completion) {
    PendingAcks.Entry entry = completion.entry();
    Outcome outcome = completion.outcome();
    Throwable failure = completion.failure();
    inFlight--;
    if (paused && inFlight <= shared.options().maxInFlight() / 2) {
      paused = false;
      updateAutoRead(context);
    }
    if (goneWhenDone && inFlight == 0) {
      goneWhenDone = false;
      String id = clientId;
      if (id != null && !shared.sessions().containsKey(realm().sessionKey(id))) { // unless the client is back
        realm().ingestor().presence().sourceGone(Origin.of(CONNECTOR, id));
      }
    }
    if (failure != null || outcome == null) {
      shared.counters().storageFailures.increment();
      if (entry != null || !qos0FailureLogged) { // QoS 1 closes the connection; QoS 0 would log every message
        qos0FailureLogged |= entry == null;
        LOG.warn("client {}: a message could not be stored{}", clientId, entry == null
            ? " (QoS 0: lost; further QoS 0 failures of this connection are only counted)"
            : "; closing without PUBACK so that the client sends it again", failure);
      }
      if (entry != null && !failed) {
        failed = true; // no PUBACK for this one nor for any after it: the client re-sends them on reconnect
        Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
            ? c.getCause() : failure;
        if (cause instanceof io.doppel.twin.DoppelException d
            && d.code() == io.doppel.twin.ErrorCode.INSUFFICIENT_STORAGE) {
          disconnect(context, QUOTA_EXCEEDED, "INSUFFICIENT_STORAGE: " + d.getMessage());
        } else {
          disconnect(context, UNSPECIFIED_ERROR, "storage failure: the message was not stored, publish it again");
        }
      }
      return;
    }
    if (entry == null || failed || !context.channel().isActive()) {
      return;
    }
    acksUnflushed += acks.complete(entry, outcome, (packetId, result) -> context.write(pubAck(packetId, result)));
  }

  private MqttMessage pubAck(int packetId, Outcome outcome) {
    MqttMessageBuilders.PubAckBuilder ack = MqttMessageBuilders.pubAck().packetId(packetId);
    if (mqtt5) {
      ack.reasonCode(SUCCESS);
      var letter = outcome.deadLetter();
      if (letter != null && problemInformation) {
        // Durable either way, so the device must not resend it; the reason string says what became of it.
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttPropertyType.REASON_STRING.value(),
            "kept as dead letter " + letter.id() + ": " + letter.reason()));
        ack.properties(properties);
      }
    }
    return ack.build();
  }

  // ---- SUBSCRIBE / UNSUBSCRIBE (the downlink)

  private void subscribe(ChannelHandlerContext context, MqttSubscribeMessage message) {
    List<Integer> codes = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (MqttTopicSubscription wanted : message.payload().topicSubscriptions()) {
      switch (TopicFilter.parse(wanted.topicName())) {
        case TopicFilter.Accepted accepted -> {
          int qos = Math.min(wanted.qualityOfService().value(), 1); // QoS 2 is granted as 1
          granted.put(accepted.filter(), qos);
          realm().subscriptions().add(this, accepted.filter());
          codes.add(qos);
        }
        case TopicFilter.Refused refused -> {
          refusals.add(refused.reason());
          codes.add(!mqtt5 ? MqttQoS.FAILURE.value()
              : (refused.sharedSubscription() ? SHARED_SUBSCRIPTIONS_NOT_SUPPORTED : TOPIC_FILTER_INVALID) & 0xFF);
        }
      }
    }
    MqttProperties properties = reasonString(String.join("; ", refusals));
    context.writeAndFlush(new MqttSubAckMessage(new MqttFixedHeader(MqttMessageType.SUBACK, false,
        MqttQoS.AT_MOST_ONCE, false, 0), new MqttMessageIdAndPropertiesVariableHeader(
        message.variableHeader().messageId(), properties), new MqttSubAckPayload(codes)));
  }

  private void unsubscribe(ChannelHandlerContext context, MqttUnsubscribeMessage message) {
    List<Short> codes = new ArrayList<>();
    for (String text : message.payload().topics()) {
      boolean removed = false;
      if (TopicFilter.parse(text) instanceof TopicFilter.Accepted accepted) {
        removed = granted.remove(accepted.filter()) != null;
        realm().subscriptions().remove(this, accepted.filter());
      }
      codes.add((short) (removed ? SUCCESS : NO_SUBSCRIPTION_EXISTED));
    }
    MqttFixedHeader fixed = new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0);
    int id = message.variableHeader().messageId();
    context.writeAndFlush(mqtt5
        ? new MqttUnsubAckMessage(fixed, new MqttMessageIdAndPropertiesVariableHeader(id, MqttProperties.NO_PROPERTIES),
            new MqttUnsubAckPayload(codes))
        : new MqttUnsubAckMessage(fixed, MqttMessageIdVariableHeader.from(id)));
  }

  /** The QoS granted for {@code filter}, or -1 when no longer subscribed. Any thread. */
  int grantedQos(TopicFilter filter) {
    Integer qos = granted.get(filter);
    return qos == null ? -1 : qos;
  }

  /**
   * Sends {@code payload} on {@code topic} to this device; false when it cannot take it (not connected, or the
   * packet is over the client's maximum packet size). Any thread: the write happens on the connection's loop. A
   * device that does not keep up (its socket buffer full, or as many QoS 1 messages unacknowledged as it allows)
   * is disconnected rather than buffered for.
   */
  boolean deliver(String topic, byte[] payload, int qos, MqttProperties properties) {
    ChannelHandlerContext context = ctx;
    if (context == null || clientId == null || !context.channel().isActive()) {
      return false;
    }
    if (payload.length + topic.length() * 3L + 64 > clientMaxPacket) {
      return false;
    }
    context.executor().execute(() -> send(context, topic, payload, qos, properties));
    return true;
  }

  private void send(ChannelHandlerContext context, String topic, byte[] payload, int qos, MqttProperties properties) {
    Channel channel = context.channel();
    if (!channel.isActive()) {
      return;
    }
    int window = Math.min(clientReceiveMaximum, shared.options().maxInFlight());
    if (!channel.isWritable() || (qos == 1 && outgoing.size() >= window)) {
      shared.counters().slowSessionsClosed.increment();
      disconnect(context, QUOTA_EXCEEDED, "the device does not keep up with the messages sent to it");
      return;
    }
    MqttMessageBuilders.PublishBuilder publish = MqttMessageBuilders.publish().topicName(topic)
        .qos(MqttQoS.valueOf(qos)).retained(false).payload(Unpooled.wrappedBuffer(payload));
    if (mqtt5) {
      publish.properties(properties);
    }
    if (qos == 1) {
      int id = nextPacketId();
      outgoing.add(id);
      publish.messageId(id);
    }
    shared.counters().downlinkSent.increment();
    context.writeAndFlush(publish.build());
  }

  private int nextPacketId() {
    do {
      nextPacketId = nextPacketId == 65_535 ? 1 : nextPacketId + 1;
    } while (outgoing.contains(nextPacketId));
    return nextPacketId;
  }

  // ---- closing

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object event) {
    if (event instanceof IdleStateEvent) {
      shared.counters().keepAliveTimeouts.increment();
      disconnect(context, KEEP_ALIVE_TIMEOUT, "nothing received for 1.5 times the keep-alive");
    } else if (event instanceof PacketSizeLimiter.TooLarge tooLarge) {
      shared.counters().protocolErrors.increment();
      disconnect(context, PACKET_TOO_LARGE, "packet of " + tooLarge.announced() + " bytes is over the maximum of "
          + tooLarge.limit());
    } else {
      context.fireUserEventTriggered(event);
    }
  }

  /** Reads again once the server's pending writes fell to the low-water mark; any thread. */
  void resumeAfterLoad() {
    ChannelHandlerContext context = ctx;
    if (context == null) {
      return;
    }
    context.executor().execute(() -> {
      if (pausedForLoad) {
        pausedForLoad = false;
        updateAutoRead(context);
      }
    });
  }

  /** Reads while neither this session's own in-flight messages nor the server's pending writes are at a limit. */
  private void updateAutoRead(ChannelHandlerContext context) {
    context.channel().config().setAutoRead(!paused && !pausedForLoad);
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    shared.load().gone(this);
    String id = clientId;
    Realm mine = realm;
    if (id != null && mine != null) {
      for (TopicFilter filter : granted.keySet()) {
        mine.subscriptions().remove(this, filter);
      }
      granted.clear();
      // A session taken over by a newer connection of the same client leaves the twins online.
      if (shared.sessions().remove(mine.sessionKey(id), this)) {
        if (inFlight == 0) {
          mine.ingestor().presence().sourceGone(Origin.of(CONNECTOR, id));
        } else {
          goneWhenDone = true; // completing messages would mark their twins heard again after the disconnect
        }
      }
    }
    context.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    if (cause instanceof java.io.IOException) {
      LOG.debug("client {} ({}): closing after {}", clientId, context.channel().remoteAddress(), cause.toString());
    } else {
      // not the network: a handler failed on what the client sent, which is a bug to hear about (and to count,
      // so the fuzz tests see a failure that closing the connection would otherwise hide)
      shared.counters().handlerErrors.increment();
      LOG.warn("client {} ({}): closing after an unexpected error", clientId, context.channel().remoteAddress(), cause);
    }
    context.close();
  }

  /** Ends the session as the server: an MQTT 5 client is told why (DISCONNECT reason code), a 3.1.1 one is not. */
  void disconnect(ChannelHandlerContext context, byte reasonCode, String reason) {
    Channel channel = context.channel();
    if (!channel.isActive()) {
      return;
    }
    LOG.debug("client {} ({}): disconnecting: {}", clientId, channel.remoteAddress(), reason);
    if (mqtt5 && clientId != null) {
      MqttMessage disconnect = MqttMessageBuilders.disconnect().reasonCode(reasonCode)
          .properties(problemInformation ? reasonString(reason) : MqttProperties.NO_PROPERTIES).build();
      context.writeAndFlush(disconnect).addListener(ChannelFutureListener.CLOSE);
    } else {
      context.close();
    }
  }

  /** Closes this session because the endpoint stops. */
  void shutdown() {
    ChannelHandlerContext context = ctx;
    if (context != null) {
      context.executor().execute(() -> disconnect(context, SERVER_SHUTTING_DOWN, "the server is shutting down"));
    }
  }

  private void protocolError(ChannelHandlerContext context, String reason) {
    shared.counters().protocolErrors.increment();
    disconnect(context, PROTOCOL_ERROR, reason);
  }

  private void malformed(ChannelHandlerContext context, MqttMessage message, Throwable cause) {
    if (clientId == null && cause instanceof MqttUnacceptableProtocolVersionException) {
      refuse(context, MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, null);
      return;
    }
    if (clientId == null && cause instanceof MqttIdentifierRejectedException) {
      boolean five = message.variableHeader() instanceof MqttConnectVariableHeader h && h.version() == 5;
      mqtt5 = five;
      refuse(context, five ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
          : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, null);
      return;
    }
    shared.counters().protocolErrors.increment();
    disconnect(context, cause instanceof TooLongFrameException ? PACKET_TOO_LARGE : MALFORMED_PACKET,
        "malformed packet: " + cause.getMessage());
  }

  // ---- helpers

  private static Map<String, String> userProperties(MqttProperties properties) {
    List<? extends MqttProperties.MqttProperty> all =
        properties.getProperties(MqttPropertyType.USER_PROPERTY.value());
    if (all.isEmpty()) {
      return Map.of();
    }
    Map<String, String> headers = new HashMap<>();
    for (MqttProperties.MqttProperty<?> property : all) {
      if (property instanceof MqttProperties.UserProperties pairs) {
        for (MqttProperties.StringPair pair : pairs.value()) {
          headers.put(pair.key, pair.value); // a repeated name keeps its last value
        }
      } else if (property instanceof MqttProperties.UserProperty pair) {
        headers.put(pair.value().key, pair.value().value);
      }
    }
    return headers;
  }

  private static int intProperty(MqttProperties properties, MqttPropertyType type, int absent) {
    MqttProperties.MqttProperty<?> property = properties.getProperty(type.value());
    return property != null && property.value() instanceof Integer value ? value : absent;
  }

  private MqttProperties reasonString(String reason) {
    if (!mqtt5 || reason.isEmpty() || !problemInformation) {
      return MqttProperties.NO_PROPERTIES;
    }
    MqttProperties properties = new MqttProperties();
    properties.add(new MqttProperties.StringProperty(MqttPropertyType.REASON_STRING.value(), reason));
    return properties;
  }
}
