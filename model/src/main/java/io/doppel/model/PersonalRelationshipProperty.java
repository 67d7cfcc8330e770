package io.doppel.model;

/**
 * One property of a Relationship that holds personal data: it is in the documents of the relationships of that
 * name going out of twins of the model.
 *
 * @param relationship the Relationship's name
 * @param name the property's name within the relationship
 * @param treatment what callers without the right to see personal data get instead of the value
 * @param definedIn the Interface that declares the Relationship (the model or an ancestor)
 */
public record PersonalRelationshipProperty(String relationship, String name, PersonalTreatment treatment,
    Dtmi definedIn) {}
