package io.doppel.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses, resolves and validates a batch of DTDL documents as a whole.
 *
 * <p>Each input text is one JSON document: a single Interface or an array of them. References between the
 * documents of a batch are resolved among themselves first, then through the {@link ModelResolver}.
 */
public final class ModelParser {
  private final ParseOptions options;

  public ModelParser(ParseOptions options) {
    this.options = options;
  }

  public static ModelParser withDefaults() {
    return new ModelParser(ParseOptions.defaults());
  }

  public ParseResult parse(List<String> documents, ModelResolver resolver) {
    Batch batch = new Batch(resolver, options);
    for (String document : documents) {
      batch.reader().read(document, true);
    }
    batch.reader().finish();
    batch.resolveReferences();
    InterfaceBuilder builder = new InterfaceBuilder(batch);
    SiblingChecker siblings = new SiblingChecker(batch.validation(), builder::source);
    List<InterfaceModel> models = new ArrayList<>();
    for (Definition def : batch.reader().topLevel()) {
      if (!Texts.typeSet(def.node()).contains("Interface")) {
        batch.validation().add("typeNotRootable", def.id().value(), "@type", String.join(",", Texts.types(def.node())),
            "Only Interfaces may be defined at the top level of a document.");
        continue;
      }
      InterfaceModel model = builder.build(def.node(), def.id().value(), def.version(), def.source(), def.limits());
      if (model != null) {
        models.add(model);
        siblings.check(model);
      }
    }
    List<ParsingError> errors = batch.errors();
    return errors.isEmpty() ? new ParseResult.Valid(models) : new ParseResult.Invalid(errors);
  }
}
