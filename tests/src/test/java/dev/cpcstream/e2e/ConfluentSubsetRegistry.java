package dev.cpcstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schema registry for the tests, serving only what is used of it, on 127.0.0.1: Confluent's
 * {@code POST /subjects/{s}/versions} (with the BACKWARD rule Confluent applies by default: a new version must read
 * what the subject's latest one wrote) and {@code GET /schemas/ids/{id}}; and Apicurio's
 * {@code GET /apis/registry/v2/ids/contentIds/{id}} (and its {@code /references}), which Apicurio's own
 * deserializer asks when it reads Confluent-style ids as content ids. A real Apicurio Registry cannot start here
 * (docs/testing.md says why); this one stands in for it, in test code only.
 */
final class ConfluentSubsetRegistry implements AutoCloseable {

    static final String APICURIO_API = "/apis/registry/v2";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private static final Pattern CONTENT = Pattern.compile(APICURIO_API + "/ids/contentIds/(\\d+)(/references)?");

    private final HttpServer server;
    private final Optional<String> requiredAuthorization;
    /** Schema text by id, id = index + 1; the same schema under two subjects keeps one id, as in Confluent's. */
    private final List<Schema> schemas = new ArrayList<>();
    private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private ConfluentSubsetRegistry(Optional<String> userInfo) throws IOException {
        this.requiredAuthorization = userInfo.map(info -> "Basic "
                + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static ConfluentSubsetRegistry start() throws IOException {
        return new ConfluentSubsetRegistry(Optional.empty());
    }

    /** A registry that answers only requests carrying HTTP basic auth with this {@code user:password}. */
    static ConfluentSubsetRegistry requiringBasicAuth(String userInfo) throws IOException {
        return new ConfluentSubsetRegistry(Optional.of(userInfo));
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request so far, as {@code METHOD path}. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Integer> versions(String subject) {
        return List.copyOf(versionsBySubject.getOrDefault(subject, List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        requests.add(method + " " + path);
        try (exchange) {
            if (requiredAuthorization.isPresent() && !requiredAuthorization.get()
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, error(40101, "Unauthorized"));
                return;
            }
            Matcher register = REGISTER.matcher(path);
            Matcher byId = BY_ID.matcher(path);
            Matcher content = CONTENT.matcher(path);
            if (method.equals("POST") && register.matches()) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                register(exchange, URLDecoder.decode(register.group(1), StandardCharsets.UTF_8),
                        body.path("schema").asText());
            } else if (method.equals("GET") && byId.matches()) {
                Optional<Schema> schema = schema(Integer.parseInt(byId.group(1)));
                reply(exchange, schema.isPresent() ? 200 : 404, schema.map(s -> JSON.createObjectNode()
                        .put("schema", s.toString()).toString()).orElse(error(40403, "Schema not found")));
            } else if (method.equals("GET") && content.matches()) {
                Optional<Schema> schema = schema(Integer.parseInt(content.group(1)));
                String answer = content.group(2) != null ? "[]" : schema.map(Schema::toString).orElse("");
                reply(exchange, schema.isPresent() ? 200 : 404, answer);
            } else {
                reply(exchange, 404, error(404, "not served by this test registry: " + method + " " + path));
            }
        }
    }

    private synchronized void register(HttpExchange exchange, String subject, String text) throws IOException {
        Schema schema;
        try {
            schema = new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            reply(exchange, 422, error(42201, "Invalid schema: " + e.getMessage()));
            return;
        }
        List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        int id = schemas.indexOf(schema) + 1;
        if (id > 0 && versions.contains(id)) {
            reply(exchange, 200, JSON.createObjectNode().put("id", id).toString());
            return;
        }
        if (!versions.isEmpty()) {
            Schema latest = schemas.get(versions.get(versions.size() - 1) - 1);
            var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(schema, latest);
            if (compatibility.getType() != SchemaCompatibilityType.COMPATIBLE) {
                reply(exchange, 409, error(409, "Schema being registered is incompatible with an earlier schema"
                        + " for subject \"" + subject + "\": " + compatibility.getDescription()));
                return;
            }
        }
        if (id == 0) {
            schemas.add(schema);
            id = schemas.size();
        }
        versions.add(id);
        reply(exchange, 200, JSON.createObjectNode().put("id", id).toString());
    }

    private synchronized Optional<Schema> schema(int id) {
        return id >= 1 && id <= schemas.size() ? Optional.of(schemas.get(id - 1)) : Optional.empty();
    }

    private static String error(int code, String message) {
        return JSON.createObjectNode().put("error_code", code).put("message", message).toString();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
