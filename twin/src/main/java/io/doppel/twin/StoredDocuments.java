package io.doppel.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A twin document in the form the engine stores it (Smile, a few hundred bytes for a 10-property twin), for modules
 * that keep documents past the write: the engine's events carry these bytes, so the change log and the change stream
 * keep them as they are instead of serialising the tree once more each.
 */
public final class StoredDocuments {
  private StoredDocuments() {}

  public static byte[] encode(ObjectNode document) {
    return TwinCodec.encode(document);
  }

  /** A fresh tree, the caller's to change. */
  public static ObjectNode decode(byte[] stored) {
    return TwinCodec.decode(stored);
  }
}
