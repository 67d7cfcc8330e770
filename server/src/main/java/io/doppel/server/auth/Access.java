package io.doppel.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.doppel.model.Dtmi;
import io.doppel.model.ModelCatalog;
import io.doppel.twin.GraphSnapshot;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What one caller may do and see, from their roles and the policies. Routes ask it to filter what they return:
 * twins the caller may not read are left out, properties they may not see are removed. {@link #ALL} is the answer
 * for an admin or a server running open.
 */
public final class Access {
  public static final Access ALL = new Access(Principal.ADMIN, List.of(), ModelCatalog::empty, id -> null,
      Pseudonymizer.ephemeral(), RelatedReach.NONE);

  /** The name a policy's {@code properties} give a twin's id: {@code personal} on it shows ids in clear. */
  public static final String ID = "$dtId";

  private final Principal principal;
  private final List<Policy> mine;
  private final Supplier<ModelCatalog> catalog;
  private final Function<String, @Nullable Dtmi> twinModel;
  private final Pseudonymizer pseudonyms;
  private final RelatedReach reaches;
  /** The twins a policy's {@code related} selector covers, in the graph this access is decided on. */
  private final Function<RelatedTwins, Set<String>> reach;

  /** {@code reaches}: the tenant's, whose live graph {@code related} selectors are decided on. */
  Access(Principal principal, List<Policy> policies, Supplier<ModelCatalog> catalog,
      Function<String, @Nullable Dtmi> twinModel, Pseudonymizer pseudonyms, RelatedReach reaches) {
    this(principal, policies, catalog, twinModel, pseudonyms, reaches, reaches::current);
  }

  private Access(Principal principal, List<Policy> policies, Supplier<ModelCatalog> catalog,
      Function<String, @Nullable Dtmi> twinModel, Pseudonymizer pseudonyms, RelatedReach reaches,
      Function<RelatedTwins, Set<String>> reach) {
    this.principal = principal;
    this.reaches = reaches;
    this.mine = policies.stream().filter(p -> p.appliesTo(principal.roles())).toList();
    this.catalog = catalog;
    this.twinModel = twinModel;
    this.pseudonyms = pseudonyms;
    this.reach = reach;
  }

  /**
   * This access decided on {@code graph} rather than the live graph, for a query's snapshot: {@code related}
   * selectors cover the twins reachable in it, each looked up once for the snapshot's life.
   */
  Access on(GraphSnapshot graph) {
    if (everything() || mine.stream().allMatch(p -> p.related() == null)) {
      return this;
    }
    Map<String, Set<String>> memo = new ConcurrentHashMap<>();
    return new Access(principal, mine, catalog, twinModel, pseudonyms, reaches,
        selector -> memo.computeIfAbsent(selector.key(), k -> reaches.on(selector, graph)));
  }

  /** {@link #showsProperty(String, Dtmi, String)} with the twin's model looked up in the graph. */
  public boolean showsProperty(String twinId, String name) {
    return everything() || showsProperty(twinId, twinModel.apply(twinId), name);
  }

  public Principal principal() {
    return principal;
  }

  /** The model of a twin in the caller's tenant, or null when there is no such twin. */
  @Nullable Dtmi modelOf(String twinId) {
    return twinModel.apply(twinId);
  }

  /** Whether nothing needs filtering: admin or open. */
  public boolean everything() {
    return principal.admin();
  }

  /** May the caller do {@code action} on this twin ({@code model} null when it does not exist yet)? */
  public boolean allows(Action action, String twinId, @Nullable Dtmi model) {
    if (everything()) {
      return true;
    }
    ModelCatalog models = catalog.get();
    return mine.stream().anyMatch(p -> p.grants(action) && p.covers(twinId, model, models, reach));
  }

  /**
   * May the caller make a relationship named {@code name} point at {@code targetId}? A {@code related} policy that
   * follows the name would extend its grant to the target, so the caller must already hold each of that policy's
   * actions on it: linking cannot widen what one may do.
   */
  public boolean mayLink(String targetId, String name) {
    if (everything()) {
      return true;
    }
    Dtmi model = twinModel.apply(targetId);
    return mine.stream().filter(p -> p.related() != null && p.related().follows(name))
        .allMatch(p -> p.actions().stream().allMatch(a -> allows(a, targetId, model)));
  }

  /** May the caller do {@code action} on this model? */
  public boolean allowsOnModel(Action action, Dtmi model) {
    if (everything()) {
      return true;
    }
    ModelCatalog models = catalog.get();
    return mine.stream().anyMatch(p -> p.grants(action) && p.coversModel(model, models));
  }

  /** May the caller do {@code action} on at least some twins (the route filters what it returns)? */
  public boolean allowsSomewhere(Action action) {
    return everything() || mine.stream().anyMatch(p -> p.grants(action));
  }

  /** May the caller do {@code action} on every twin and property (routes that cannot filter)? */
  public boolean allowsEverywhere(Action action) {
    return everything() || mine.stream().anyMatch(p -> p.grants(action) && p.unrestricted());
  }

  /** Whether the caller may read property {@code name} (a top-level property or component) of the twin. */
  public boolean showsProperty(String twinId, @Nullable Dtmi model, String name) {
    if (everything()) {
      return true;
    }
    ModelCatalog models = catalog.get();
    return mine.stream().anyMatch(p -> p.grants(Action.READ) && p.covers(twinId, model, models, reach)
        && p.showsProperty(name));
  }

  /**
   * Whether the caller may do {@code action} on property {@code name} of the twin: a policy granting the action must
   * cover the twin and list the property (writes to a property the caller's policies leave out are refused).
   */
  public boolean allowsProperty(Action action, String twinId, String name) {
    if (everything()) {
      return true;
    }
    Dtmi model = twinModel.apply(twinId);
    ModelCatalog models = catalog.get();
    return mine.stream().anyMatch(p -> p.grants(action) && p.covers(twinId, model, models, reach) && p.showsProperty(name));
  }

  /** Whether the caller may read the twin, its model looked up in the graph. */
  public boolean reads(String twinId) {
    return everything() || allows(Action.READ, twinId, twinModel.apply(twinId));
  }

  /** The properties of the twin the caller sees, or null when they may not read the twin at all. */
  public @Nullable PropertyFilter readable(String twinId, @Nullable Dtmi model) {
    if (everything()) {
      return PropertyFilter.ALL;
    }
    ModelCatalog models = catalog.get();
    List<Policy> reading = new ArrayList<>();
    for (Policy p : mine) {
      if (p.grants(Action.READ) && p.covers(twinId, model, models, reach)) {
        if (p.allProperties()) {
          return PropertyFilter.ALL;
        }
        reading.add(p);
      }
    }
    return reading.isEmpty() ? null : name -> reading.stream().anyMatch(p -> p.showsProperty(name));
  }

  /**
   * A twin document (ADT shape: {@code $dtId}, {@code $metadata.$model}, properties, components) as the caller may
   * see it, or null when they may not read it. The argument is not changed. A document without {@code $metadata}
   * is decided on the twin's model in the live graph. (Query rows are not decided here: the query engine reads the
   * caller's {@link FilteredSnapshot}, which decides each twin on the snapshot it belongs to.)
   */
  public @Nullable ObjectNode twin(ObjectNode twin) {
    if (everything()) {
      return twin;
    }
    String id = clearId(twin.path("$dtId").asText()); // a bulk answer may name it by pseudonym
    Dtmi model = modelOf(twin);
    PropertyFilter filter = readable(id, model != null ? model : twinModel.apply(id));
    return filter == null ? null : filter.apply(twin);
  }

  /**
   * Whether the caller sees personal data of property {@code name} (a top-level property or Component) of the twin
   * in clear: a policy granting {@code personal} must cover the twin and list the property.
   */
  public boolean seesPersonal(String twinId, @Nullable Dtmi model, String name) {
    if (everything()) {
      return true;
    }
    ModelCatalog models = catalog.get();
    return mine.stream().anyMatch(p -> p.grants(Action.PERSONAL) && p.covers(twinId, model, models, reach)
        && p.showsProperty(name));
  }

  /**
   * A twin document as bulk answers (queries, exports, listings, scenario forks) give it to the caller: personal
   * properties they may not see in clear pseudonymised or dropped, as the model says. The argument is not changed.
   */
  public ObjectNode personal(ObjectNode twin) {
    if (everything()) {
      return twin;
    }
    String id = twin.path("$dtId").asText();
    Dtmi model = modelOf(twin);
    if (model == null) {
      return twin;
    }
    ObjectNode treated = personalValues(twin);
    if (seesId(id, model)) {
      return treated;
    }
    ObjectNode copy = treated == twin ? twin.deepCopy() : treated;
    return copy.put("$dtId", pseudonyms.pseudonymOfId(id));
  }

  /**
   * {@link #personal} without the id: for answers about the one twin the caller named by its id (its change
   * history), where its pseudonym next to the clear id it was asked by would undo every pseudonymised export.
   */
  public ObjectNode personalValues(ObjectNode twin) {
    if (everything()) {
      return twin;
    }
    String id = twin.path("$dtId").asText();
    Dtmi model = modelOf(twin);
    if (model == null) {
      return twin;
    }
    return PersonalData.apply(twin, catalog.get().personalProperties(model),
        name -> seesPersonal(id, model, name), pseudonyms);
  }

  /**
   * Whether the caller sees the twin's id in clear in bulk answers: its model does not mark ids personal (co-type
   * {@code PersonalId}), or a policy granting {@code personal} covers the twin and lists {@value #ID} (as the
   * default {@code "*"} does). A twin whose model is unknown (it is gone) is taken as personal when any model marks
   * ids personal.
   */
  public boolean seesId(String twinId, @Nullable Dtmi model) {
    if (everything()) {
      return true;
    }
    ModelCatalog models = catalog.get();
    boolean personal = model == null ? !models.personalIdModels().isEmpty()
        : models.personalProperties(model).twinId();
    return !personal || seesPersonal(twinId, model, ID);
  }

  /** The twin's id as bulk answers show it to the caller: itself, or its pseudonym unless {@link #seesId}. */
  public String shownId(String twinId, @Nullable Dtmi model) {
    return seesId(twinId, model) ? twinId : pseudonyms.pseudonymOfId(twinId);
  }

  /** {@link #shownId(String, Dtmi)} with the twin's model looked up in the live graph. */
  public String shownId(String twinId) {
    return everything() ? twinId : shownId(twinId, twinModel.apply(twinId));
  }

  /**
   * {@code text} as bulk answers show it when it is the id of an existing twin ({@link #shownId(String, Dtmi)});
   * any other text as it is: for answers that mention twins among other names (a scenario run's results).
   */
  public String shownIdIfTwin(String text) {
    if (everything()) {
      return text;
    }
    Dtmi model = twinModel.apply(text);
    return model == null ? text : shownId(text, model);
  }

  /** {@link #shownRelationshipId(String, String, Dtmi, String)}, the source's model looked up in the live graph. */
  public String shownRelationshipId(String relationshipId, String sourceId, String name) {
    return everything() ? relationshipId
        : shownRelationshipId(relationshipId, sourceId, twinModel.apply(sourceId), name);
  }

  /**
   * A relationship's id as the caller gets it: its pseudonym when the source twin's model marks the Relationship
   * {@code PersonalId} and no policy granting {@code personal} on the source lists the relationship's name; when
   * the source's model is unknown (it is gone), when any model marks a Relationship of that name.
   */
  public String shownRelationshipId(String relationshipId, String sourceId, @Nullable Dtmi sourceModel, String name) {
    if (everything()) {
      return relationshipId;
    }
    ModelCatalog models = catalog.get();
    boolean personal = sourceModel != null ? models.personalProperties(sourceModel).relationshipIds().contains(name)
        : models.all().stream().anyMatch(m -> models.personalProperties(m.id()).relationshipIds().contains(name));
    return personal && !seesPersonal(sourceId, sourceModel, name)
        ? pseudonyms.pseudonymOfId(relationshipId) : relationshipId;
  }

  /**
   * {@code relationship}'s ids ({@code $sourceId}, {@code $targetId}, {@code $relationshipId}, those it has) as the
   * caller gets them, the ends' models given; a copy when any changes. {@code named}: an end the caller named by
   * its id (a relationship read of that twin) stays as named.
   */
  public ObjectNode relationshipIds(ObjectNode relationship, @Nullable Dtmi sourceModel, @Nullable Dtmi targetModel,
      @Nullable String named) {
    if (everything()) {
      return relationship;
    }
    String source = relationship.path("$sourceId").asText();
    ObjectNode copy = null;
    if (relationship.get("$relationshipId") instanceof JsonNode id && id.isTextual()) {
      String shown = shownRelationshipId(id.asText(), source, sourceModel,
          relationship.path("$relationshipName").asText());
      copy = changed(relationship, copy, "$relationshipId", id.asText(), shown);
    }
    if (!source.equals(named)) {
      copy = changed(relationship, copy, "$sourceId", source, shownId(source, sourceModel));
    }
    if (relationship.get("$targetId") instanceof JsonNode target && target.isTextual()
        && !target.asText().equals(named)) {
      copy = changed(relationship, copy, "$targetId", target.asText(), shownId(target.asText(), targetModel));
    }
    return copy == null ? relationship : copy;
  }

  private static @Nullable ObjectNode changed(ObjectNode original, @Nullable ObjectNode copy, String field,
      String clear, String shown) {
    if (clear.equals(shown)) {
      return copy;
    }
    ObjectNode out = copy == null ? original.deepCopy() : copy;
    return out.put(field, shown);
  }

  /**
   * The clear id behind an id a bulk answer showed: the twin a pseudonym this server gave stands for, else
   * {@code shown} itself.
   */
  public String clearId(String shown) {
    String id = pseudonyms.idOf(shown);
    return id == null ? shown : id;
  }

  /**
   * A relationship document as the caller gets it wherever relationships are read: its personal properties (marked
   * on the Relationship in the source twin's model) pseudonymised or dropped unless a policy granting
   * {@code personal} covers the source twin and lists the relationship's name. The argument is not changed.
   */
  public ObjectNode personalRelationship(ObjectNode relationship) {
    return personalRelationshipRead(relationship, null);
  }

  /**
   * {@link #personalRelationship(ObjectNode)} with its ids as the caller gets them too ({@link #relationshipIds}),
   * the ends' models looked up in the live graph; {@code named} is an end the caller named by its id.
   */
  public ObjectNode personalRelationshipRead(ObjectNode relationship, @Nullable String named) {
    if (everything()) {
      return relationship;
    }
    Dtmi sourceModel = twinModel.apply(relationship.path("$sourceId").asText());
    Dtmi targetModel = twinModel.apply(relationship.path("$targetId").asText());
    return relationshipIds(personalRelationship(relationship, sourceModel), sourceModel, targetModel, named);
  }

  /**
   * {@link #personalRelationship(ObjectNode)} with the source twin's model given (a snapshot's); when it is unknown
   * (the source is gone), the strictest treatment any model gives a property of a relationship of that name.
   */
  public ObjectNode personalRelationship(ObjectNode relationship, @Nullable Dtmi sourceModel) {
    if (everything()) {
      return relationship;
    }
    Map<String, io.doppel.model.PersonalTreatment> marked = relationshipMarks(relationship, sourceModel);
    return marked.isEmpty() ? relationship : PersonalData.relationship(relationship, marked, pseudonyms);
  }

  /** The relationship with its document treated as {@link #personalRelationship(ObjectNode, Dtmi)} does. */
  public io.doppel.twin.RelationshipView personalRelationship(io.doppel.twin.RelationshipView r,
      @Nullable Dtmi sourceModel) {
    ObjectNode json = personalRelationship(r.json(), sourceModel);
    return json == r.json() ? r
        : new io.doppel.twin.RelationshipView(r.id(), r.sourceId(), r.targetId(), r.name(), r.etag(), json);
  }

  /**
   * A JSON Patch of a relationship (a change stream event) with operations on its personal properties treated as
   * {@link #personalRelationship(ObjectNode)} treats the document.
   */
  public com.fasterxml.jackson.databind.node.ArrayNode personalRelationshipPatch(ObjectNode ids, JsonNode patch) {
    Map<String, io.doppel.model.PersonalTreatment> marked =
        everything() ? Map.of() : relationshipMarks(ids, twinModel.apply(ids.path("$sourceId").asText()));
    return PersonalData.patch(patch, series -> marked.get(series.split("/", 2)[0]), pseudonyms);
  }

  /** The personal properties of the relationship the caller does not see in clear, by name. */
  private Map<String, io.doppel.model.PersonalTreatment> relationshipMarks(ObjectNode relationship,
      @Nullable Dtmi sourceModel) {
    String source = relationship.path("$sourceId").asText();
    String name = relationship.path("$relationshipName").asText();
    if (seesPersonal(source, sourceModel, name)) {
      return Map.of();
    }
    ModelCatalog models = catalog.get();
    if (sourceModel != null) {
      return models.personalProperties(sourceModel).relationship(name);
    }
    Map<String, io.doppel.model.PersonalTreatment> strictest = new java.util.HashMap<>();
    for (var m : models.all()) {
      models.personalProperties(m.id()).relationship(name).forEach((property, t) ->
          strictest.merge(property, t, (a, b) -> a == io.doppel.model.PersonalTreatment.DROP ? a : b));
    }
    return strictest;
  }

  /** Whether some personal property of a twin of {@code model} reaches the caller other than in clear. */
  public boolean treatsPersonal(String twinId, Dtmi model) {
    if (everything()) {
      return false;
    }
    return catalog.get().personalProperties(model).all().stream()
        .anyMatch(p -> !seesPersonal(twinId, model, p.component() == null ? p.name() : p.component()));
  }

  /**
   * A JSON Patch of the twin (from the change stream or its change history) with the values of personal properties
   * the caller may not see in clear pseudonymised, and operations on dropped ones left out, as {@link #personal}
   * treats the document; a patch replacing a whole Component has its members treated.
   */
  public com.fasterxml.jackson.databind.node.ArrayNode personalPatch(String twinId, JsonNode patch) {
    return PersonalData.patch(patch, series -> personalSeries(twinId, series), pseudonyms);
  }

  /**
   * How a history series of the twin reaches the caller: null in clear, else pseudonymised (each value) or dropped
   * (the series is left out).
   */
  public io.doppel.model.@Nullable PersonalTreatment personalSeries(String twinId, String series) {
    if (everything()) {
      return null;
    }
    Dtmi model = twinModel.apply(twinId);
    ModelCatalog models = catalog.get();
    if (model != null) {
      return PersonalData.ofSeries(series, models.personalProperties(model), name -> seesPersonal(twinId, model, name));
    }
    // The twin is gone but its history stays: its model is unknown, so a series personal in any model is treated,
    // dropped when any model drops it.
    io.doppel.model.PersonalTreatment strictest = null;
    for (var m : models.all()) {
      var t = PersonalData.ofSeries(series, models.personalProperties(m.id()), name -> seesPersonal(twinId, null, name));
      if (t != null && (strictest == null || t == io.doppel.model.PersonalTreatment.DROP)) {
        strictest = t;
      }
    }
    return strictest;
  }

  /** The server's pseudonyms, for values outside twin documents (history points). */
  public Pseudonymizer pseudonyms() {
    return pseudonyms;
  }

  /** Whether personal data may reach the caller in clear everywhere (routes whose answers are not per twin). */
  public boolean seesAllPersonalData() {
    return allowsEverywhere(Action.PERSONAL);
  }

  /** The model a twin document names in {@code $metadata.$model}, or null. */
  public static @Nullable Dtmi modelOfTwin(JsonNode twin) {
    return modelOf(twin);
  }

  static @Nullable Dtmi modelOf(JsonNode twin) {
    JsonNode model = twin.path("$metadata").path("$model");
    if (!model.isTextual()) {
      return null;
    }
    try {
      return Dtmi.parse(model.asText());
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Which top-level properties (and components) of one twin a caller sees. */
  @FunctionalInterface
  public interface PropertyFilter {
    PropertyFilter ALL = name -> true;

    boolean shows(String name);

    /** A copy of the twin without the hidden properties and their metadata. */
    default ObjectNode apply(ObjectNode twin) {
      if (this == ALL) {
        return twin;
      }
      ObjectNode copy = twin.deepCopy();
      for (Iterator<String> names = twin.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!name.startsWith("$") && !shows(name)) {
          copy.remove(name);
          if (copy.get("$metadata") instanceof ObjectNode metadata) {
            metadata.remove(name);
          }
        }
      }
      return copy;
    }
  }
}
