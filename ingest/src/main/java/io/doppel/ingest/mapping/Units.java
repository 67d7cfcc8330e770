package io.doppel.ingest.mapping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A small table of common units, each a linear map to its dimension's base unit ({@code base = value * factor +
 * offset}), so that any two units of one dimension convert through the base. Names are case-sensitive where case
 * means something ({@code K} kelvin, {@code kPa}), as devices write them.
 */
final class Units {
  record Unit(String name, String dimension, double factor, double offset) {}

  private static final Map<String, Unit> UNITS = new LinkedHashMap<>();

  static {
    temperature();
    linear("pressure", "Pa", 1, "hPa", 100, "kPa", 1_000, "MPa", 1e6, "mbar", 100, "bar", 1e5, "psi", 6_894.757293168,
        "atm", 101_325, "mmHg", 133.322387415, "inHg", 3_386.389);
    linear("length", "m", 1, "mm", 1e-3, "cm", 1e-2, "km", 1e3, "in", 0.0254, "ft", 0.3048, "yd", 0.9144,
        "mi", 1_609.344);
    linear("speed", "m/s", 1, "km/h", 1 / 3.6, "mph", 0.44704, "kn", 1_852 / 3_600.0, "ft/s", 0.3048);
    linear("mass", "kg", 1, "g", 1e-3, "mg", 1e-6, "t", 1e3, "lb", 0.45359237, "oz", 0.028349523125);
    linear("volume", "m3", 1, "l", 1e-3, "ml", 1e-6, "gal", 0.003785411784);
    linear("flow", "m3/h", 1, "l/min", 0.06, "l/s", 3.6, "gal/min", 0.22712470704);
    linear("energy", "J", 1, "kJ", 1e3, "MJ", 1e6, "Wh", 3_600, "kWh", 3.6e6, "MWh", 3.6e9, "cal", 4.184,
        "kcal", 4_184, "BTU", 1_055.05585262);
    linear("power", "W", 1, "kW", 1e3, "MW", 1e6, "hp", 745.69987158227022);
    linear("time", "s", 1, "ms", 1e-3, "min", 60, "h", 3_600, "d", 86_400);
    linear("ratio", "fraction", 1, "%", 0.01, "ppm", 1e-6);
    linear("frequency", "Hz", 1, "kHz", 1e3, "rpm", 1 / 60.0);
    linear("voltage", "V", 1, "mV", 1e-3, "kV", 1e3);
    linear("current", "A", 1, "mA", 1e-3);
  }

  private Units() {}

  private static void temperature() {
    add(new Unit("K", "temperature", 1, 0));
    add(new Unit("degC", "temperature", 1, 273.15));
    add(new Unit("degF", "temperature", 5 / 9.0, 273.15 - 32 * 5 / 9.0));
  }

  private static void linear(String dimension, Object... namesAndFactors) {
    for (int i = 0; i < namesAndFactors.length; i += 2) {
      add(new Unit((String) namesAndFactors[i], dimension, ((Number) namesAndFactors[i + 1]).doubleValue(), 0));
    }
  }

  private static void add(Unit unit) {
    UNITS.put(unit.name(), unit);
  }

  static Optional<Unit> find(String name) {
    return Optional.ofNullable(UNITS.get(name));
  }

  static String known() {
    return String.join(", ", new TreeSet<>(UNITS.keySet()));
  }

  /** A conversion between two units of one dimension, written {@code from->to}. */
  record Conversion(Unit from, Unit to) {
    double apply(double value) {
      double base = value * from.factor() + from.offset();
      return (base - to.offset()) / to.factor();
    }

    @Override
    public String toString() {
      return from.name() + "->" + to.name();
    }
  }

  /** Parses {@code degF->degC}; the message of the failure says which unit is unknown or why they do not fit. */
  static Conversion conversion(String text, String field) {
    int arrow = text.indexOf("->");
    if (arrow < 0) {
      throw Definitions.invalid(field, "a unit conversion is written from->to, e.g. degF->degC, not '" + text + "'");
    }
    Unit from = unit(text.substring(0, arrow).trim(), field);
    Unit to = unit(text.substring(arrow + 2).trim(), field);
    if (!from.dimension().equals(to.dimension())) {
      throw Definitions.invalid(field, "cannot convert " + from.name() + " (" + from.dimension() + ") to "
          + to.name() + " (" + to.dimension() + ")");
    }
    return new Conversion(from, to);
  }

  private static Unit unit(String name, String field) {
    return find(name).orElseThrow(() -> Definitions.invalid(field, "unknown unit '" + name + "'; known units: "
        + known()));
  }
}
