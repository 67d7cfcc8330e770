package io.doppel.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Content;
import io.doppel.model.Dtmi;
import io.doppel.model.InterfaceModel;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import io.doppel.twin.ModelRecord;
import io.doppel.twin.TwinEngine;
import io.javalin.http.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** {@code /models}: ADT's DigitalTwinModels operations (add a batch, list, get, decommission, delete). */
final class ModelRoutes {
  private static final String DECOMMISSION_HELP =
      "expected [{\"op\":\"replace\",\"path\":\"/decommissioned\",\"value\":true}]";

  private final TwinEngine engine;
  private final long maxBody;

  ModelRoutes(TwinEngine engine, long maxBody) {
    this.engine = engine;
    this.maxBody = maxBody;
  }

  void addTo(RouteTable table) {
    table.post("/models", this::add)
        .get("/models", this::list)
        .get("/models/{id}", this::get)
        .get("/models/{id}/personal", this::personal)
        .patch("/models/{id}", this::decommission)
        .delete("/models/{id}", this::delete);
  }

  private void add(Context ctx) {
    ArrayNode batch = Json.readArray(ctx, maxBody);
    List<String> documents = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      if (!(batch.get(i) instanceof ObjectNode)) {
        throw new DoppelException(ErrorCode.INVALID_JSON, "each model must be a JSON object (a DTDL Interface)",
            List.of(new DoppelException.Detail(ErrorCode.INVALID_JSON.name(), "/" + i, "not an object")));
      }
      documents.add(text(batch.get(i)));
    }
    if (documents.isEmpty()) {
      throw Requests.invalid("body", "the batch holds no model");
    }
    ArrayNode out = Json.MAPPER.createArrayNode();
    engine.addModels(documents).forEach(m -> out.add(describe(m, true)));
    Json.respond(ctx, 201, out);
  }

  private void get(Context ctx) {
    ModelRecord model = engine.getModel(Requests.dtmi(ctx.pathParam("id"), "id"));
    Json.respond(ctx, 200, describe(model, Requests.flag(ctx, "includeModelDefinition")));
  }

  /**
   * Which properties of the model hold personal data (inherited and Components' included), and which of its
   * Relationships' properties, and how each is treated; and whether its twins' ids, and which of its Relationships'
   * ids, are personal.
   */
  private void personal(Context ctx) {
    Dtmi id = Requests.dtmi(ctx.pathParam("id"), "id");
    engine.getModel(id); // 404 for a model that is not loaded
    ObjectNode body = Json.MAPPER.createObjectNode().put("model", id.value());
    ArrayNode value = body.putArray("value");
    for (io.doppel.model.PersonalProperty p : engine.catalog().personalProperties(id).all()) {
      ObjectNode entry = value.addObject().put("path", p.path());
      if (p.component() != null) {
        entry.put("component", p.component());
      }
      entry.put("name", p.name())
          .put("treatment", p.treatment() == io.doppel.model.PersonalTreatment.DROP ? "drop" : "pseudonymise")
          .put("definedIn", p.definedIn().value());
    }
    ArrayNode relationships = body.putArray("relationships");
    for (var p : engine.catalog().personalProperties(id).relationshipProperties()) {
      relationships.addObject().put("relationship", p.relationship()).put("name", p.name())
          .put("treatment", p.treatment() == io.doppel.model.PersonalTreatment.DROP ? "drop" : "pseudonymise")
          .put("definedIn", p.definedIn().value());
    }
    // ids are marked as a whole (co-type PersonalId) and pseudonymised, never dropped
    body.put("twinId", engine.catalog().personalProperties(id).twinId());
    engine.catalog().personalProperties(id).relationshipIds().forEach(body.putArray("relationshipIds")::add);
    Json.respond(ctx, 200, body);
  }

  private void list(Context ctx) {
    boolean definitions = Requests.flag(ctx, "includeModelDefinition");
    List<String> roots = ctx.queryParams("dependenciesFor");
    List<ModelRecord> models = roots.isEmpty() ? engine.listModels() : withDependencies(roots);
    // A dependency closure is small and has no stable cursor across several roots: it comes as one page.
    int size = roots.size() > 1 ? Integer.MAX_VALUE : Requests.pageSize(ctx);
    int from = offset(Requests.continuation(ctx), models.size());
    int to = (int) Math.min(models.size(), (long) from + size);
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode value = body.putArray("value");
    models.subList(from, to).forEach(m -> value.add(describe(m, definitions)));
    var keep = new java.util.LinkedHashMap<String, String>();
    if (definitions) {
      keep.put("includeModelDefinition", "true");
    }
    if (roots.size() == 1) {
      keep.put("dependenciesFor", roots.getFirst());
    }
    String next = to < models.size() ? Integer.toString(to) : null;
    body.put("nextLink", Requests.nextLink(ctx, next, Map.copyOf(keep)));
    Json.respond(ctx, 200, body);
  }

  private void decommission(Context ctx) {
    Dtmi id = Requests.dtmi(ctx.pathParam("id"), "id");
    ArrayNode patch = Json.readArray(ctx, maxBody);
    if (patch.size() != 1) {
      throw patchInvalid("/", DECOMMISSION_HELP);
    }
    JsonNode op = patch.get(0);
    if (!op.path("op").asText().equals("replace") || !op.path("path").asText().equals("/decommissioned")) {
      throw patchInvalid("/0", "only replace of /decommissioned is supported; " + DECOMMISSION_HELP);
    }
    if (!op.path("value").isBoolean() || !op.path("value").booleanValue()) {
      throw patchInvalid("/0/value", "a model can only be decommissioned (value true), never brought back");
    }
    engine.decommissionModel(id);
    ctx.status(204);
  }

  private void delete(Context ctx) {
    engine.deleteModel(Requests.dtmi(ctx.pathParam("id"), "id"));
    ctx.status(204);
  }

  /** The requested models plus everything they extend or use as a component schema, transitively, ordered by id. */
  private List<ModelRecord> withDependencies(List<String> roots) {
    TreeSet<Dtmi> seen = new TreeSet<>();
    Deque<Dtmi> todo = new ArrayDeque<>();
    for (String root : roots) {
      todo.add(Requests.dtmi(root, "dependenciesFor"));
    }
    while (!todo.isEmpty()) {
      Dtmi id = todo.poll();
      if (!seen.add(id)) {
        continue;
      }
      InterfaceModel model = engine.getModel(id).model();
      todo.addAll(model.ancestors());
      for (Content content : model.contents().values()) {
        if (content instanceof Content.Component component) {
          todo.add(component.schema());
        }
      }
    }
    return seen.stream().map(engine::getModel).toList();
  }

  static ObjectNode describe(ModelRecord record, boolean withDefinition) {
    InterfaceModel model = record.model();
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("id", model.id().value());
    ObjectNode displayName = out.putObject("displayName");
    model.element().displayName().forEach(displayName::put);
    ObjectNode description = out.putObject("description");
    model.element().description().forEach(description::put);
    out.put("decommissioned", record.decommissioned());
    out.put("uploadTime", record.uploadTime().toString());
    if (withDefinition) {
      try {
        out.set("model", Json.MAPPER.readTree(model.source()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a stored model's source is no longer JSON: " + model.id(), e);
      }
    }
    return out;
  }

  private static int offset(@Nullable String token, int size) {
    if (token == null) {
      return 0;
    }
    try {
      int offset = Integer.parseInt(token);
      if (offset < 0 || offset > size) {
        throw Requests.invalid(Requests.CONTINUATION, "out of range: '" + token + "'");
      }
      return offset;
    } catch (NumberFormatException e) {
      throw Requests.invalid(Requests.CONTINUATION, "not a token this server issued: '" + token + "'");
    }
  }

  private static DoppelException patchInvalid(String target, String message) {
    return new DoppelException(ErrorCode.PATCH_INVALID, message,
        List.of(new DoppelException.Detail(ErrorCode.PATCH_INVALID.name(), target, message)));
  }

  private static String text(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JsonNode always serialises", e);
    }
  }
}
