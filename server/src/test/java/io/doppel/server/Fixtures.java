package io.doppel.server;

import static org.assertj.core.api.Assertions.assertThat;

/** A small building: Rooms (with a Thermostat component) that contain Devices. */
final class Fixtures {
  static final String THERMOSTAT = "dtmi:test:Thermostat;1";
  static final String DEVICE = "dtmi:test:Device;1";
  static final String ROOM = "dtmi:test:Room;1";

  static final String MODELS = """
      [
        {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Thermostat;1","@type":"Interface",
         "displayName":"Thermostat",
         "contents":[{"@type":"Property","name":"setPoint","schema":"double","writable":true}]},
        {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Device;1","@type":"Interface",
         "contents":[{"@type":"Property","name":"serial","schema":"string"}]},
        {"@context":"dtmi:dtdl:context;3","@id":"dtmi:test:Room;1","@type":"Interface",
         "displayName":"Room","description":"A room of the building",
         "contents":[
           {"@type":"Property","name":"name","schema":"string"},
           {"@type":"Property","name":"temperature","schema":"double"},
           {"@type":"Property","name":"floor","schema":"integer"},
           {"@type":"Component","name":"thermostat","schema":"dtmi:test:Thermostat;1"},
           {"@type":"Relationship","name":"contains","target":"dtmi:test:Device;1",
            "properties":[{"@type":"Property","name":"since","schema":"date"}]}
         ]}
      ]
      """;

  private Fixtures() {}

  static void uploadModels(Http http) {
    Http.Response response = http.post("/models?api-version=2023-10-31", MODELS);
    assertThat(response.status()).as(response.text()).isEqualTo(201);
  }

  static String room(String name, double temperature) {
    return """
        {"$metadata":{"$model":"dtmi:test:Room;1"},"name":"%s","temperature":%s,"floor":1,
         "thermostat":{"$metadata":{},"setPoint":21.0}}
        """.formatted(name, temperature);
  }

  static String device(String serial) {
    return """
        {"$metadata":{"$model":"dtmi:test:Device;1"},"serial":"%s"}
        """.formatted(serial);
  }

  static Http.Response createRoom(Http http, String id, double temperature) {
    Http.Response response = http.put("/digitaltwins/" + id, room(id, temperature));
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response;
  }

  static Http.Response createDevice(Http http, String id) {
    Http.Response response = http.put("/digitaltwins/" + id, device("SN-" + id));
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response;
  }

  static Http.Response contains(Http http, String room, String relId, String device) {
    Http.Response response = http.put("/digitaltwins/" + room + "/relationships/" + relId,
        "{\"$targetId\":\"" + device + "\",\"$relationshipName\":\"contains\"}");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response;
  }
}
