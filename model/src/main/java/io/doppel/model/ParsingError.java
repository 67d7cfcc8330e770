package io.doppel.model;

import org.jspecify.annotations.Nullable;

/**
 * One reason a batch of models is invalid.
 *
 * @param code the stable code, DTDLParser's validation id without its prefix (e.g.
 *     {@code invalidContextSpecifierForVersion}); the full id is {@link #validationId()}
 * @param primaryId the element at fault (a DTMI, possibly generated), when known
 * @param secondaryId a second element involved (e.g. the duplicate), when any
 * @param property the JSON property at fault, when known
 * @param value the offending value, when known
 * @param message what is wrong and how to fix it, for people
 */
public record ParsingError(
    String code,
    @Nullable String primaryId,
    @Nullable String secondaryId,
    @Nullable String property,
    @Nullable String value,
    String message) {

  public static final String VALIDATION_ID_PREFIX = "dtmi:dtdl:parsingError:";

  public String validationId() {
    return VALIDATION_ID_PREFIX + code;
  }
}
