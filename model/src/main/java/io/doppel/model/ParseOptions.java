package io.doppel.model;

import java.util.Set;

/**
 * How strictly to parse. The options mirror DTDLParser's {@code ParsingOptions}, by the names the conformance
 * suite uses (e.g. {@code DisallowUndefinedExtensions}).
 */
public record ParseOptions(Set<Option> options, int maxDtdlVersion) {

  public enum Option {
    /** Reject contexts and supplemental types of extensions the parser does not know. */
    DisallowUndefinedExtensions,
    /** Accept (and ignore) contexts and supplemental types of extensions the parser does not know. */
    AllowUndefinedExtensions,
    /** Accept the common mistakes DTDLParser tolerates while parsing (its quirk of the same name). */
    TolerateSolecismsInParse,
    /** Accept the common mistakes DTDLParser tolerates while resolving (its quirk of the same name). */
    TolerateSolecismsInResolve
  }

  public ParseOptions {
    options = Set.copyOf(options);
  }

  /** Doppel's defaults: undefined extensions allowed, DTDL up to v4. */
  public static ParseOptions defaults() {
    return new ParseOptions(Set.of(), 4);
  }

  public boolean has(Option option) {
    return options.contains(option);
  }
}
