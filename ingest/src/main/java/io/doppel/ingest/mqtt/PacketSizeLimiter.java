package io.doppel.ingest.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Refuses a packet bigger than the limit as soon as its fixed header says so, before any of its body is buffered:
 * the MQTT decoder only checks the size once the whole packet has arrived, so a client announcing 256 MB would
 * otherwise make the server hold it. Walks the byte stream's packet boundaries (type byte, remaining length, body)
 * without copying; everything before the offending packet is passed on, the rest of the connection's input is
 * dropped and a {@link TooLarge} event tells the session to close.
 */
final class PacketSizeLimiter extends ChannelInboundHandlerAdapter {
  /** Fired once when a packet announces more than the limit. */
  record TooLarge(long announced, int limit) {}

  private final int limit;
  private long bodyLeft; // bytes of the current packet's body still to pass
  private int headerBytes; // bytes of the current fixed header seen (0 = at a packet start)
  private long length;
  private long multiplier;
  private boolean tripped;

  PacketSizeLimiter(int limit) {
    this.limit = limit;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buf)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (tripped) {
      buf.release();
      return;
    }
    int i = buf.readerIndex();
    int end = buf.writerIndex();
    while (i < end) {
      if (bodyLeft > 0) {
        int step = (int) Math.min(bodyLeft, end - i);
        i += step;
        bodyLeft -= step;
        continue;
      }
      int b = buf.getByte(i) & 0xFF;
      int headerStart = i - headerBytes;
      i++;
      if (headerBytes == 0) {
        headerBytes = 1;
        length = 0;
        multiplier = 1;
        continue;
      }
      headerBytes++;
      length += (b & 0x7F) * multiplier;
      multiplier *= 128;
      if ((b & 0x80) == 0 || headerBytes == 5) {
        // a fifth length byte is malformed: the decoder says so; the size so far already exceeds any limit here
        long announced = (b & 0x80) == 0 ? length : Long.MAX_VALUE;
        if (announced > limit) {
          trip(ctx, buf, Math.max(headerStart, buf.readerIndex()), announced);
          return;
        }
        headerBytes = 0;
        bodyLeft = length;
      }
    }
    ctx.fireChannelRead(buf);
  }

  private void trip(ChannelHandlerContext ctx, ByteBuf buf, int packetStart, long announced) {
    tripped = true;
    int before = packetStart - buf.readerIndex();
    if (before > 0) {
      ctx.fireChannelRead(buf.retainedSlice(buf.readerIndex(), before));
    }
    buf.release();
    ctx.fireUserEventTriggered(new TooLarge(announced, limit));
  }
}
