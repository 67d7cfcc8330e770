package io.doppel.twin;

/**
 * A primitive property value as a property index orders it: booleans before numbers before strings (so one index
 * can hold a property whose values change type), numbers by value whatever their JSON form (25 equals 25.0).
 */
public sealed interface IndexValue extends Comparable<IndexValue> {
  record Bool(boolean value) implements IndexValue {}

  record Num(double value) implements IndexValue {}

  record Str(String value) implements IndexValue {}

  private int rank() {
    return switch (this) {
      case Bool b -> 0;
      case Num n -> 1;
      case Str s -> 2;
    };
  }

  @Override
  default int compareTo(IndexValue other) {
    int byRank = Integer.compare(rank(), other.rank());
    if (byRank != 0) {
      return byRank;
    }
    return switch (this) {
      case Bool b -> Boolean.compare(b.value(), ((Bool) other).value());
      case Num n -> Double.compare(n.value(), ((Num) other).value());
      case Str s -> s.value().compareTo(((Str) other).value());
    };
  }
}
