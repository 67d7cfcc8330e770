package io.doppel.model;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Generates ids for elements without {@code @id}, the way DTDLParser does, so errors can name them. */
final class Ids {
  static final Pattern NAME = Pattern.compile("^[A-Za-z](?:[A-Za-z0-9_]*[A-Za-z0-9])?$");

  private Ids() {}

  /**
   * The id of a child reached from {@code parent} through {@code property}: {@code parent:_property:__name;v}
   * for named children, {@code parent:_property;v} otherwise (or with {@code :_index} in an array).
   */
  static String child(String parent, String property, @Nullable String name, int index) {
    int semi = parent.indexOf(';');
    String base = semi < 0 ? parent : parent.substring(0, semi);
    String version = semi < 0 ? "1" : parent.substring(semi + 1);
    StringBuilder sb = new StringBuilder(base).append(":_").append(property);
    if (name != null && NAME.matcher(name).matches()) {
      sb.append(":__").append(name);
    } else if (index >= 0) {
      sb.append(":_").append(index);
    }
    return sb.append(';').append(version).toString();
  }

  static @Nullable Dtmi dtmiOrNull(@Nullable String text) {
    return text != null && Dtmi.isValid(text) ? new Dtmi(text) : null;
  }
}
