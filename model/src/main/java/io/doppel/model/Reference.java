package io.doppel.model;

import java.util.Set;

/**
 * A DTMI that an element refers to through an object property, with where it was found so resolution errors and
 * cross-partition checks can name the referrer.
 *
 * @param target the DTMI referred to
 * @param from the id of the referring element
 * @param property the property holding the reference
 * @param partition the Interface enclosing the referrer
 * @param version the DTDL version of the referrer
 * @param classes the material classes the property accepts (empty when not checked)
 * @param versions the DTDL versions the property accepts elements of (empty when unrestricted)
 */
record Reference(Dtmi target, String from, String property, String partition, int version, Set<String> classes,
    Set<Integer> versions) {

  Reference {
    classes = Set.copyOf(classes);
    versions = Set.copyOf(versions);
  }

  Reference(Dtmi target, String from, String property, String partition) {
    this(target, from, property, partition, 0, Set.of(), Set.of());
  }
}
