package io.doppel.model;

/**
 * What happens to a property marked personal (the {@code dtmi:io:doppel:privacy;1} context) when a caller without
 * the right to see personal data reads it in bulk.
 */
public enum PersonalTreatment {
  /** Co-type {@code Personal}: the value is replaced by a keyed pseudonym, equal values by equal pseudonyms. */
  PSEUDONYMISE,
  /** Co-type {@code PersonalDrop}: the property is left out. */
  DROP;

  static final String CONTEXT = "dtmi:io:doppel:privacy;1";
  private static final String PREFIX = "dtmi:io:doppel:privacy:";

  /** The treatment an element's co-types ask for (by term or DTMI), or null when it is not personal. */
  static @org.jspecify.annotations.Nullable PersonalTreatment of(Element element) {
    if (marks(element, "PersonalDrop")) {
      return DROP;
    }
    return marks(element, "Personal") ? PSEUDONYMISE : null;
  }

  /**
   * Whether an Interface or a Relationship carries co-type {@code PersonalId}: the ids of its twins (or of the
   * relationships of that name) are personal and pseudonymised like a {@code Personal} value.
   */
  static boolean marksId(Element element) {
    return marks(element, "PersonalId");
  }

  private static boolean marks(Element element, String term) {
    return element.supplementalTypes().contains(term) || element.supplementalTypes().contains(PREFIX + term + ";1");
  }
}
