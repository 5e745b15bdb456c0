package mekong.exchange.core.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks Confluent's Schema Registry REST API over HTTP. Caches what never changes (the
 * id of a schema under a subject, the schema of an id) in bounded maps that take no lock
 * to read. Retries with a doubling pause after a timeout, an unreachable registry or a
 * 5xx answer, never after a 4xx. Turns Confluent's error codes into typed exceptions
 * whose messages name the subject, version or id. Schemas are always sent in one
 * canonical text ({@link Schema#toString()}), so the same schema written with other
 * whitespace or attribute order gets the same id even from registries that compare texts.
 * An id the registry does not know is remembered as unknown for
 * {@link #UNKNOWN_ID_PATIENCE}, so records naming it cost one lookup, not one each.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {

	private static final Logger log = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);

	private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

	private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * How long an id the registry did not know is taken as unknown without asking again:
	 * a partner registers a schema before it writes with it, so an id still unknown is
	 * garbage or another registry's.
	 */
	public static final Duration UNKNOWN_ID_PATIENCE = Duration.ofMinutes(1);

	/** Apicurio's answer to a subject's rule created twice at once. */
	private static final int CONFLICT = 409;

	private final RegistryClientSettings settings;

	private final String baseUrl;

	private final String authorization;

	private final HttpClient http;

	private final BoundedCache<SubjectSchema, Integer> ids;

	private final BoundedCache<Integer, Schema> schemas;

	/**
	 * Ids the registry said it did not know, until when (System.nanoTime) to believe it.
	 */
	private final BoundedCache<Integer, Long> unknownIds;

	private final LongAdder requests = new LongAdder();

	public HttpSchemaRegistryClient(RegistryClientSettings settings) {
		this(settings, null);
	}

	/**
	 * @param tls whom to trust over HTTPS (e.g. a Spring Boot SSL bundle's), or null for
	 * the Java runtime's default
	 */
	public HttpSchemaRegistryClient(RegistryClientSettings settings, SSLContext tls) {
		this.settings = settings;
		String url = settings.url();
		this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		this.authorization = (settings.userInfo() != null)
				? "Basic " + Base64.getEncoder().encodeToString(settings.userInfo().getBytes(StandardCharsets.UTF_8))
				: null;
		HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(settings.timeout());
		if (tls != null) {
			http.sslContext(tls);
		}
		this.http = http.build();
		this.ids = new BoundedCache<>(settings.cacheCapacity());
		this.schemas = new BoundedCache<>(settings.cacheCapacity());
		this.unknownIds = new BoundedCache<>(settings.cacheCapacity());
	}

	/** With Confluent's client defaults for retries and caching. */
	public HttpSchemaRegistryClient(String baseUrl, Duration timeout) {
		this(RegistryClientSettings.of(baseUrl, timeout));
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Registering a schema the subject has already is not a refusal, even when another
	 * client created the subject with it at the same moment (the two sides of a node
	 * starting together): the registry then refuses the second creation with 409, and the
	 * schema is looked up instead.
	 */
	@Override
	public int register(String subject, Schema schema) {
		return this.ids.computeIfAbsent(new SubjectSchema(subject, schema), (key) -> {
			JsonNode answer;
			try {
				answer = post("/subjects/" + encode(subject) + "/versions", schemaBody(schema), new Context(
						"register schema " + schema.getFullName() + " under subject " + subject, subject, null, null));
			}
			catch (IncompatibleSchemaException refused) {
				answer = registeredBySomeoneElse(subject, schema, refused);
			}
			int id = answer.path("id").asInt();
			this.schemas.put(id, schema);
			return id;
		});
	}

	@Override
	public int idOf(String subject, Schema schema) {
		return this.ids.computeIfAbsent(new SubjectSchema(subject, schema), (key) -> {
			JsonNode answer = lookUp(subject, schema);
			int id = answer.path("id").asInt();
			this.schemas.put(id, schema);
			return id;
		});
	}

	private JsonNode lookUp(String subject, Schema schema) {
		return post("/subjects/" + encode(subject), schemaBody(schema), new Context(
				"look up schema " + schema.getFullName() + " under subject " + subject, subject, null, null));
	}

	/**
	 * The schema as another client registered it while this one was refused; the refusal
	 * stands if the subject does not have it.
	 */
	private JsonNode registeredBySomeoneElse(String subject, Schema schema, IncompatibleSchemaException refused) {
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				return lookUp(subject, schema);
			}
			catch (SchemaNotFoundException | SubjectNotFoundException notThere) {
				pauseBriefly();
			}
		}
		throw refused;
	}

	private static void pauseBriefly() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while looking up a schema", ex);
		}
	}

	@Override
	public Schema schemaById(int id) {
		Long unknownUntil = this.unknownIds.get(id);
		if (unknownUntil != null && System.nanoTime() - unknownUntil < 0) {
			throw new SchemaNotFoundException("schema id " + id + " not found (the registry said so less than "
					+ UNKNOWN_ID_PATIENCE.toSeconds() + " s ago)", 40403);
		}
		return this.schemas.computeIfAbsent(id, (key) -> {
			try {
				JsonNode answer = get("/schemas/ids/" + id, new Context("fetch schema id " + id, null, null, id));
				return new Schema.Parser().parse(answer.path("schema").asText());
			}
			catch (SchemaNotFoundException ex) {
				this.unknownIds.replace(id, System.nanoTime() + UNKNOWN_ID_PATIENCE.toNanos());
				throw ex;
			}
		});
	}

	/** How many HTTP requests this client sent the registry, retries included. */
	public long requestsSent() {
		return this.requests.sum();
	}

	@Override
	public RegisteredSchema latest(String subject) {
		return registered(subject, get("/subjects/" + encode(subject) + "/versions/latest",
				new Context("fetch the latest version of subject " + subject, subject, null, null)));
	}

	@Override
	public RegisteredSchema version(String subject, int version) {
		return registered(subject, get("/subjects/" + encode(subject) + "/versions/" + version,
				new Context("fetch version " + version + " of subject " + subject, subject, version, null)));
	}

	@Override
	public String compatibility(String subject) {
		JsonNode answer = get(configPath(subject),
				new Context("read the compatibility of " + ((subject != null) ? "subject " + subject : "the registry"),
						subject, null, null));
		return answer.path("compatibilityLevel").asText(answer.path("compatibility").asText());
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Two clients setting the compatibility of a subject that has none yet at the same
	 * moment (the two sides of a node starting together) both succeed: Apicurio refuses
	 * the second creation of the subject's rule with 409, and the level is then set
	 * again, the rule now existing.
	 */
	@Override
	public void setCompatibility(String subject, String level) {
		HttpRequest request = request(configPath(subject)).header("Content-Type", CONTENT_TYPE)
			.PUT(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("compatibility", level).toString(),
					StandardCharsets.UTF_8))
			.build();
		Context context = new Context("set the compatibility of "
				+ ((subject != null) ? "subject " + subject : "the registry") + " to " + level, subject, null, null);
		try {
			send(request, context);
		}
		catch (SchemaRegistryException refused) {
			if (refused.httpStatus() != CONFLICT) {
				throw refused;
			}
			send(request, context);
		}
	}

	private RegisteredSchema registered(String subject, JsonNode answer) {
		Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
		int id = answer.path("id").asInt();
		this.schemas.put(id, schema);
		return new RegisteredSchema(subject, answer.path("version").asInt(), id, schema);
	}

	private JsonNode get(String path, Context context) {
		return send(request(path).GET().build(), context);
	}

	private JsonNode post(String path, String body, Context context) {
		return send(request(path).header("Content-Type", CONTENT_TYPE)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build(), context);
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(this.settings.timeout())
			.header("Accept", ACCEPT);
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		return request;
	}

	private JsonNode send(HttpRequest request, Context context) {
		Duration pause = this.settings.retryWait();
		for (int attempt = 0;; attempt++) {
			HttpResponse<String> response = null;
			IOException failure = null;
			try {
				this.requests.increment();
				response = this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				failure = ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SchemaRegistryException("Interrupted while trying to " + context.what(), ex);
			}
			if (response != null && response.statusCode() < 500) {
				return answer(response, context);
			}
			if (attempt >= this.settings.maxRetries()) {
				if (failure != null) {
					throw new SchemaRegistryException("Could not " + context.what() + ": the schema registry at "
							+ this.baseUrl + " did not answer after " + (attempt + 1) + " tries", failure);
				}
				throw refusal(response, context);
			}
			log.warn("Schema registry at {} failed to {} ({}); retrying in {} ms", this.baseUrl, context.what(),
					(failure != null) ? failure.toString() : "HTTP " + response.statusCode(), pause.toMillis());
			LockSupport.parkNanos(pause.toNanos());
			pause = min(pause.multipliedBy(2), this.settings.retryMaxWait());
		}
	}

	private static JsonNode answer(HttpResponse<String> response, Context context) {
		if (response.statusCode() / 100 == 2) {
			return parse(response.body());
		}
		throw refusal(response, context);
	}

	private static SchemaRegistryException refusal(HttpResponse<String> response, Context context) {
		JsonNode body = parse(response.body());
		// Apicurio sends error_code 0 where Confluent's API has no code of its own: the
		// HTTP status says it then.
		int given = body.path("error_code").asInt(0);
		int errorCode = (given >= 100) ? given : response.statusCode();
		String registrySays = body.path("message").asText(response.body());
		String message = "Could not " + context.what() + ": " + switch (errorCode) {
			case 40401 -> "subject " + context.subject() + " not found";
			case 40402 -> "version " + context.version() + " of subject " + context.subject() + " not found";
			case 40403 -> (context.id() != null) ? "schema id " + context.id() + " not found"
					: "schema not found under subject " + context.subject();
			case 409 -> "incompatible with the earlier versions of subject " + context.subject();
			case 42201 -> "the registry finds the schema invalid";
			default -> "HTTP " + response.statusCode();
		} + " (registry error " + errorCode + ": " + registrySays + ")";
		return switch (errorCode) {
			case 40401 -> new SubjectNotFoundException(message, errorCode);
			case 40402 -> new VersionNotFoundException(message, errorCode);
			case 40403 -> new SchemaNotFoundException(message, errorCode);
			case 409 -> new IncompatibleSchemaException(message, errorCode);
			case 42201 -> new InvalidSchemaException(message, errorCode);
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

	private static String configPath(String subject) {
		return (subject != null) ? "/config/" + encode(subject) : "/config";
	}

	private static String encode(String subject) {
		return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static Duration min(Duration one, Duration other) {
		return (one.compareTo(other) <= 0) ? one : other;
	}

	private record SubjectSchema(String subject, Schema schema) {
	}

	/** What a call was about, for messages. */
	private record Context(String what, String subject, Integer version, Integer id) {
	}

}
