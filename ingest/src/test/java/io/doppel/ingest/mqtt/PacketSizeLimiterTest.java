package io.doppel.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacketSizeLimiterTest {
  final List<Object> events = new ArrayList<>();
  final EmbeddedChannel channel = new EmbeddedChannel(new PacketSizeLimiter(100),
      new ChannelInboundHandlerAdapter() {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
          events.add(evt);
        }
      });

  private static ByteBuf bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return Unpooled.wrappedBuffer(b);
  }

  private int passed() {
    int total = 0;
    ByteBuf buf;
    while ((buf = channel.readInbound()) != null) {
      total += buf.readableBytes();
      buf.release();
    }
    return total;
  }

  @Test
  void passesPacketsWithinTheLimitEvenWhenHeadersSpanReads() {
    // PINGREQ (0xC0 0x00), then a PUBLISH of 100 bytes whose length byte arrives in the next read
    channel.writeInbound(bytes(0xC0, 0x00, 0x30));
    channel.writeInbound(bytes(100));
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[100]));
    channel.writeInbound(bytes(0xC0, 0x00));
    assertThat(passed()).isEqualTo(2 + 1 + 1 + 100 + 2);
    assertThat(events).isEmpty();
  }

  @Test
  void stopsAtTheHeaderOfAPacketOverTheLimitBeforeItsBodyArrives() {
    // PINGREQ, then a PUBLISH announcing 16,384 bytes (0x80 0x80 0x01): only the PINGREQ passes
    channel.writeInbound(bytes(0xC0, 0x00, 0x30, 0x80, 0x80, 0x01, 0x00));
    assertThat(passed()).isEqualTo(2);
    assertThat(events).containsExactly(new PacketSizeLimiter.TooLarge(16_384, 100));
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[1000]));
    assertThat(passed()).isZero();
  }
}
