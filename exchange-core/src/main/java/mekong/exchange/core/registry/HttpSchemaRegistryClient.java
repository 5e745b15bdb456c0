package mekong.exchange.core.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

/**
 * Speaks Confluent's Schema Registry REST API over HTTP and caches what never changes:
 * the id of a schema under a subject and the schema of an id. Caches are concurrent maps,
 * so lookups take no global lock. Schemas are always sent in one canonical text
 * ({@link Schema#toString()}), because some registries compare texts.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

	private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

	private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String baseUrl;

	private final Duration timeout;

	private final HttpClient http;

	private final Map<SubjectSchema, Integer> ids = new ConcurrentHashMap<>();

	private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

	/**
	 * @param baseUrl the registry URL as in {@code schema.registry.url}, e.g.
	 * {@code http://localhost:8081}
	 * @param timeout connect and request timeout
	 */
	public HttpSchemaRegistryClient(String baseUrl, Duration timeout) {
		Objects.requireNonNull(baseUrl, "baseUrl");
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	@Override
	public int register(String subject, Schema schema) {
		SubjectSchema key = new SubjectSchema(subject, schema);
		Integer cached = this.ids.get(key);
		if (cached != null) {
			return cached;
		}
		JsonNode answer = post("/subjects/" + encode(subject) + "/versions", schemaBody(schema),
				"register the schema " + schema.getFullName() + " under subject " + subject);
		return remember(key, answer.path("id").asInt());
	}

	@Override
	public int idOf(String subject, Schema schema) {
		SubjectSchema key = new SubjectSchema(subject, schema);
		Integer cached = this.ids.get(key);
		if (cached != null) {
			return cached;
		}
		JsonNode answer = post("/subjects/" + encode(subject), schemaBody(schema),
				"look up the schema " + schema.getFullName() + " under subject " + subject);
		return remember(key, answer.path("id").asInt());
	}

	@Override
	public Schema schemaById(int id) {
		Schema cached = this.schemas.get(id);
		if (cached != null) {
			return cached;
		}
		JsonNode answer = get("/schemas/ids/" + id, "fetch the schema with id " + id);
		Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
		Schema raced = this.schemas.putIfAbsent(id, schema);
		return (raced != null) ? raced : schema;
	}

	@Override
	public RegisteredSchema latest(String subject) {
		JsonNode answer = get("/subjects/" + encode(subject) + "/versions/latest",
				"fetch the latest version of subject " + subject);
		Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
		int id = answer.path("id").asInt();
		this.schemas.putIfAbsent(id, schema);
		return new RegisteredSchema(subject, answer.path("version").asInt(), id, schema);
	}

	private int remember(SubjectSchema key, int id) {
		this.ids.putIfAbsent(key, id);
		this.schemas.putIfAbsent(id, key.schema());
		return id;
	}

	private JsonNode get(String path, String what) {
		return send(request(path).GET().build(), what);
	}

	private JsonNode post(String path, String body, String what) {
		return send(request(path).header("Content-Type", CONTENT_TYPE)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build(), what);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(this.timeout).header("Accept", ACCEPT);
	}

	private JsonNode send(HttpRequest request, String what) {
		HttpResponse<String> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new SchemaRegistryException(
					"Could not " + what + ": the schema registry at " + this.baseUrl + " did not answer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SchemaRegistryException("Interrupted while trying to " + what, ex);
		}
		JsonNode body = parse(response.body());
		if (response.statusCode() / 100 == 2) {
			return body;
		}
		int errorCode = body.path("error_code").asInt(response.statusCode());
		String message = "Could not " + what + ": registry answered HTTP " + response.statusCode() + ", error "
				+ errorCode + ": " + body.path("message").asText(response.body());
		throw switch (errorCode) {
			case 40401, 40403 -> new SchemaNotFoundException(message, errorCode);
			case 409 -> new IncompatibleSchemaException(message, errorCode);
			default -> new SchemaRegistryException(message, errorCode);
		};
	}

	private static JsonNode parse(String body) {
		try {
			return JSON.readTree(body.isEmpty() ? "{}" : body);
		}
		catch (JsonProcessingException notJson) {
			return JSON.createObjectNode();
		}
	}

	private static String schemaBody(Schema schema) {
		return JSON.createObjectNode().put("schema", schema.toString()).toString();
	}

	private static String encode(String subject) {
		return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private record SubjectSchema(String subject, Schema schema) {
	}

}
