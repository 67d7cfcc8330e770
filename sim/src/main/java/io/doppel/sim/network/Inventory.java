package io.doppel.sim.network;

import io.doppel.sim.dist.Distribution;

/**
 * A stock of units in front of a station (a warehouse, a parts store): every arriving customer takes one unit
 * before it joins the queue. Without stock the customer is lost (a lost sale: counted as a stock-out and an error)
 * or backordered (waits, in order, for the next delivery). Reordering is continuous review on the inventory
 * position (on hand + on order - backordered): with {@link Policy#S_S} an order up to {@code level} is placed when
 * the position falls to {@code reorderPoint} or below; with {@link Policy#R_Q} orders of {@code level} units each
 * until the position is above {@code reorderPoint}. Orders arrive after a {@code leadTime}.
 */
public record Inventory(
    Policy policy, int reorderPoint, int level, Distribution leadTime, int initialStock, Shortage shortage) {
  public enum Policy {
    /** (s, S): order up to S. */
    S_S,
    /** (r, Q): order Q at a time. */
    R_Q
  }

  public enum Shortage {
    LOST,
    BACKORDER
  }

  /** (s, S) starting with S on hand. */
  public static Inventory sS(int s, int bigS, Distribution leadTime, Shortage shortage) {
    return new Inventory(Policy.S_S, s, bigS, leadTime, bigS, shortage);
  }

  /** (r, Q) starting with r + Q on hand. */
  public static Inventory rQ(int r, int q, Distribution leadTime, Shortage shortage) {
    return new Inventory(Policy.R_Q, r, q, leadTime, r + q, shortage);
  }

  public Inventory withInitialStock(int value) {
    return new Inventory(policy, reorderPoint, level, leadTime, value, shortage);
  }
}
