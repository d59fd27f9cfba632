package dev.cpcstream.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The part of the Confluent schema-registry REST API the {@link WireFormat#REGISTRY} format needs, which Confluent,
 * Apicurio ({@code /apis/ccompat/v7}), Karapace and Redpanda all serve: register a schema under a subject, and
 * fetch a schema by id. Ids never change meaning, so both answers are cached for the client's life. Thread-safe.
 */
public final class SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryConnection connection;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    public SchemaRegistryClient(RegistryConnection connection) {
        this.connection = connection;
        this.http = HttpClient.newBuilder().connectTimeout(connection.timeout()).build();
    }

    /**
     * The id of {@code schema} under {@code subject}, registering it as the subject's next version when it is new
     * there; the registry checks it against the subject's compatibility rule.
     *
     * @throws SchemaRegistryException if the registry cannot be reached or refuses the schema
     */
    public int register(String subject, Schema schema) {
        return idsBySubjectAndSchema.computeIfAbsent(subject + "\n" + schema, key -> {
            String body = JSON.createObjectNode().put("schema", schema.toString()).toString();
            HttpRequest request = request("/subjects/" + encode(subject) + "/versions")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = send(request, "register " + schema.getFullName() + " under " + subject);
            if (response.statusCode() / 100 != 2) {
                throw refused(response, "register " + schema.getFullName() + " under subject " + subject);
            }
            int id = parse(response, "register").path("id").asInt(-1);
            if (id < 0) {
                throw new SchemaRegistryException("the registry answered the registration of " + subject
                        + " without an id: " + response.body(), null);
            }
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    /**
     * The schema the registry knows by {@code id}; empty when it knows none.
     *
     * @throws SchemaRegistryException if the registry cannot be reached or answers with something else
     */
    public Optional<Schema> schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        HttpResponse<String> response = send(request("/schemas/ids/" + id).GET().build(), "fetch schema " + id);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() / 100 != 2) {
            throw refused(response, "fetch schema id " + id);
        }
        JsonNode answer = parse(response, "fetch schema " + id);
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException("schema id " + id + " is a " + type + " schema, not Avro", null);
        }
        try {
            Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
            schemasById.putIfAbsent(id, schema);
            return Optional.of(schema);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException("schema id " + id + " is not an Avro schema: " + e.getMessage(), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(connection.url() + path))
                .timeout(connection.timeout())
                .header("Accept", CONTENT_TYPE)
                .header("Content-Type", CONTENT_TYPE);
        connection.authorization().ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistryException("cannot " + what + ": the schema registry at " + connection.url()
                    + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while asking the schema registry to " + what, e);
        }
    }

    private SchemaRegistryException refused(HttpResponse<String> response, String what) {
        String hint = switch (response.statusCode()) {
            case 401, 403 -> " (check " + RegistryConnection.BASIC_USER_INFO + " or " + RegistryConnection.BEARER_TOKEN
                    + ")";
            case 409 -> " (the subject's compatibility rule rejects this version)";
            default -> "";
        };
        return new SchemaRegistryException("the schema registry at " + connection.url() + " refused to " + what
                + ": HTTP " + response.statusCode() + " " + response.body() + hint, null);
    }

    private static JsonNode parse(HttpResponse<String> response, String what) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException("the schema registry's answer to " + what + " is not JSON: "
                    + response.body(), e);
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
