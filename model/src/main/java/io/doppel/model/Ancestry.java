package io.doppel.model;

import java.util.AbstractSet;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The ancestors of one Interface (every Interface it extends, directly or not), as an immutable set that is worked
 * out only when first read. Building each Interface of an {@code extends} chain with its own full copy of the
 * ancestors costs the square of the chain's length, and the parser never reads them: it only needs them for the
 * models it hands out. An Ancestry keeps its direct bases and their Ancestries, so building is linear; reading one
 * walks the hierarchy once (reusing any base's set already worked out) and keeps the answer.
 */
final class Ancestry extends AbstractSet<Dtmi> {
  static final Ancestry NONE = new Ancestry(List.of());

  /** A direct base and its own ancestry. */
  record Base(Dtmi id, Ancestry ancestry) {}

  private final List<Base> bases;
  // Immutable once set; a race only means two threads work out the same set.
  private volatile @Nullable Set<Dtmi> flat;

  Ancestry(List<Base> bases) {
    this.bases = List.copyOf(bases);
    if (this.bases.isEmpty()) {
      flat = Set.of();
    }
  }

  /** The ancestry of an Interface whose direct bases (in {@code extends} order) are these models. */
  static Ancestry of(List<InterfaceModel> bases) {
    if (bases.isEmpty()) {
      return NONE;
    }
    return new Ancestry(bases.stream().map(b -> new Base(b.id(), Ancestry.from(b.ancestors()))).toList());
  }

  /** {@code set} itself when it is an Ancestry, else an Ancestry already worked out to a copy of it. */
  static Ancestry from(Set<Dtmi> set) {
    if (set instanceof Ancestry ancestry) {
      return ancestry;
    }
    Ancestry known = new Ancestry(List.of());
    known.flat = Set.copyOf(set);
    return known;
  }

  private Set<Dtmi> flat() {
    Set<Dtmi> done = flat;
    if (done == null) {
      done = Collections.unmodifiableSet(walk());
      flat = done;
    }
    return done;
  }

  // Depth first, bases in order (each base before its own ancestors), with an explicit stack: chains far deeper
  // than DTDL allows reach here from invalid input, and every Interface is visited once however many paths lead to it.
  private Set<Dtmi> walk() {
    Set<Dtmi> found = new LinkedHashSet<>();
    Deque<Base> pending = new ArrayDeque<>();
    pushReversed(bases, pending);
    while (!pending.isEmpty()) {
      Base base = pending.pop();
      if (!found.add(base.id())) {
        continue;
      }
      Set<Dtmi> known = base.ancestry().flat;
      if (known != null) {
        found.addAll(known);
      } else {
        pushReversed(base.ancestry().bases, pending);
      }
    }
    return found;
  }

  private static void pushReversed(List<Base> bases, Deque<Base> pending) {
    for (int i = bases.size() - 1; i >= 0; i--) {
      pending.push(bases.get(i));
    }
  }

  @Override
  public boolean contains(Object o) {
    return flat().contains(o);
  }

  @Override
  public Iterator<Dtmi> iterator() {
    return flat().iterator();
  }

  @Override
  public int size() {
    return flat().size();
  }
}
