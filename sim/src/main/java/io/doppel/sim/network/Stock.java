package io.doppel.sim.network;

/**
 * An inventory in front of a station: each arrival takes a unit; shortages are lost or backordered; continuous
 * review reorders on the inventory position (on hand + on order - backordered) and deliveries come after a lead
 * time, as a {@code DELIVERY} event carrying the quantity.
 */
final class Stock {
  private Stock() {}

  /** Takes a unit for customer {@code c}; false when it has none (the customer is then lost or backordered). */
  static boolean take(QueueingRun run, StationState s, int c, double now) {
    s.demand++;
    s.advanceLevels(now);
    if (s.stock > 0) {
      s.stock--;
      reorder(run, s, now);
      return true;
    }
    s.stockouts++;
    if (s.inventory.shortage() == Inventory.Shortage.LOST) {
      s.lostSales++;
      run.failed(c, now);
      return false;
    }
    s.backorders.add(c);
    run.customers().state[c] = CustomerPool.BACKORDERED;
    reorder(run, s, now);
    return false;
  }

  private static void reorder(QueueingRun run, StationState s, double now) {
    Inventory inv = s.inventory;
    long position = s.inventoryPosition();
    if (position > inv.reorderPoint()) {
      return;
    }
    long quantity;
    if (inv.policy() == Inventory.Policy.S_S) {
      quantity = inv.level() - position;
    } else {
      long batches = (inv.reorderPoint() - position) / inv.level() + 1;
      quantity = batches * inv.level();
    }
    s.onOrder += quantity;
    s.orders++;
    run.scheduleStation(now + inv.leadTime().sample(s.leadRandom), QueueingRun.DELIVERY, s.index,
        quantity);
  }

  static void deliver(QueueingRun run, StationState s, int quantity, double now) {
    s.onOrder -= quantity;
    s.stock += quantity;
    while (s.stock > 0 && !s.backorders.isEmpty()) {
      s.stock--;
      run.admit(s.backorders.poll(), s, now);
    }
  }
}
