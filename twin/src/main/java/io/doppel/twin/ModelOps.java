package io.doppel.twin;

import io.doppel.model.Content;
import io.doppel.model.Dtmi;
import io.doppel.model.InterfaceModel;
import io.doppel.model.ModelParser;
import io.doppel.model.ParseResult;
import io.doppel.model.ParsingError;
import io.doppel.twin.DoppelException.Detail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Model writes with ADT semantics: batches are accepted whole, deletion is refused while other models refer. */
final class ModelOps {
  private ModelOps() {}

  /**
   * Upload of a batch. Parsing is costly, so the caller parses against the committed models; the sequencer reuses
   * that result unless the models changed in between.
   */
  static final class Add implements Op.GraphOp {
    private final List<String> documents;
    private final Models parsedAgainst;
    private final List<InterfaceModel> parsed;

    Add(List<String> documents, Models current) {
      this.documents = List.copyOf(documents);
      this.parsedAgainst = current;
      this.parsed = parse(this.documents, current);
    }

    @Override
    public Change prepare(StateView state, Instant now) {
      Models models = state.models();
      List<InterfaceModel> result = models == parsedAgainst ? parsed : parse(documents, models);
      List<Detail> duplicates = new ArrayList<>();
      for (InterfaceModel m : result) {
        if (models.record(m.id()) != null) {
          duplicates.add(new Detail("modelAlreadyExists", m.id().value(), "model " + m.id() + " is already uploaded"));
        }
      }
      if (!duplicates.isEmpty()) {
        throw new DoppelException(ErrorCode.MODEL_ALREADY_EXISTS, duplicates.get(0).message(), duplicates);
      }
      Instant uploaded = Instant.ofEpochMilli(now.toEpochMilli());
      return new Change.AddModels(result.stream().map(m -> new ModelRecord(m, false, uploaded)).toList(), now);
    }
  }

  static List<InterfaceModel> parse(List<String> documents, Models models) {
    if (documents.isEmpty()) {
      throw new DoppelException(ErrorCode.INVALID_ARGUMENT, "the batch holds no model");
    }
    ParseResult result;
    try {
      result = ModelParser.withDefaults().parse(documents,
          id -> Optional.ofNullable(models.record(id)).map(r -> r.model().source()));
    } catch (RuntimeException e) {
      // The parser reports bad input as errors; an exception from it is its bug, but the client still sent it.
      throw new DoppelException(ErrorCode.MODEL_INVALID, "the models could not be parsed: " + e,
          List.of(new Detail("parserFailure", "", String.valueOf(e.getMessage()))));
    }
    return switch (result) {
      case ParseResult.Valid v -> v.models();
      case ParseResult.Invalid invalid -> {
        List<Detail> details = invalid.errors().stream().map(ModelOps::detail).toList();
        throw new DoppelException(ErrorCode.MODEL_INVALID,
            invalid.errors().size() + " problem(s) in the models; first: " + invalid.errors().get(0).message(),
            details);
      }
    };
  }

  private static Detail detail(ParsingError e) {
    String target = e.primaryId() == null ? "" : e.primaryId();
    if (e.property() != null) {
      target = target.isEmpty() ? e.property() : target + "/" + e.property();
    }
    return new Detail(e.code(), target, e.message());
  }

  record Delete(Dtmi id) implements Op.GraphOp {
    @Override
    public Change prepare(StateView state, Instant now) {
      Models models = state.models();
      if (models.record(id) == null) {
        throw new DoppelException(ErrorCode.MODEL_NOT_FOUND, "model " + id + " does not exist");
      }
      List<Detail> users = new ArrayList<>();
      for (InterfaceModel m : models.catalog().all()) {
        if (!m.id().equals(id) && references(m, id)) {
          users.add(new Detail("modelReferenced", m.id().value(), m.id() + " refers to " + id));
        }
      }
      if (!users.isEmpty()) {
        throw new DoppelException(ErrorCode.MODEL_IN_USE,
            "model " + id + " is referenced by " + users.size() + " other model(s)", users);
      }
      return new Change.DeleteModel(id, now);
    }

    private static boolean references(InterfaceModel m, Dtmi id) {
      if (m.ancestors().contains(id)) {
        return true;
      }
      for (Content c : m.contents().values()) {
        boolean refers = switch (c) {
          case Content.Component comp -> comp.schema().equals(id);
          case Content.Relationship r -> id.equals(r.target());
          default -> false;
        };
        if (refers) {
          return true;
        }
      }
      return false;
    }
  }

  record Decommission(Dtmi id) implements Op.GraphOp {
    @Override
    public Change prepare(StateView state, Instant now) {
      ModelRecord record = state.models().record(id);
      if (record == null) {
        throw new DoppelException(ErrorCode.MODEL_NOT_FOUND, "model " + id + " does not exist");
      }
      return new Change.DecommissionModel(new ModelRecord(record.model(), true, record.uploadTime()), now);
    }
  }
}
