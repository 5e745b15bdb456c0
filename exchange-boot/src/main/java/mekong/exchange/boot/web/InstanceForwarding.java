package mekong.exchange.boot.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.HttpServletRequest;
import mekong.exchange.core.node.NodeId;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A desk's call, passed on to the instance of the node that holds what it asks for. The
 * instance that was called passes the desk's identity along in {@value #DESK_HEADER},
 * vouched for by a code only the node's instances can make: an HMAC keyed by a key
 * derived from the node's signing key, over the desk, the method, the path and query, and
 * the time, valid {@link #VALIDITY}. The desk's own credentials (a password, a token, a
 * console session) never leave the instance that took the call.
 */
public final class InstanceForwarding {

	/** Carries the desk's identity on a call from another instance of the node. */
	public static final String DESK_HEADER = "Mekong-Forwarded-Desk";

	/**
	 * On a call from another instance: answer from this instance's share of the stores
	 * only, for a list the caller merges.
	 */
	public static final String SCOPE_HEADER = "Mekong-Scope";

	/** The value of {@value #SCOPE_HEADER} asking for this instance's share only. */
	public static final String THIS_INSTANCE = "instance";

	static final Duration VALIDITY = Duration.ofSeconds(30);

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static final List<String> ANSWER_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION,
			HttpHeaders.LINK, HttpHeaders.RETRY_AFTER, "Idempotent-Replayed");

	private final byte[] key;

	private final NodeId node;

	private final Clock clock;

	private final JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	/** Threads that read other instances' event streams, one per stream followed. */
	private final ExecutorService followers = Executors.newCachedThreadPool((reading) -> {
		Thread thread = new Thread(reading, "instance-events");
		thread.setDaemon(true);
		return thread;
	});

	InstanceForwarding(String signingPrivateKey, NodeId node, Clock clock, JsonMapper json) {
		this.key = hmac(Base64.getDecoder().decode(signingPrivateKey),
				"mekong-exchange instance forwarding v1".getBytes(StandardCharsets.UTF_8));
		this.node = node;
		this.clock = clock;
		this.json = json;
	}

	/** True if the call came from another instance of the node. */
	public static boolean isForwarded(HttpServletRequest request) {
		return request.getHeader(DESK_HEADER) != null;
	}

	/** True if the call asks for this instance's share only. */
	public static boolean wantsThisInstanceOnly(HttpServletRequest request) {
		return isForwarded(request) && THIS_INSTANCE.equals(request.getHeader(SCOPE_HEADER));
	}

	/**
	 * A list gathered from every instance: the first entries, and whether there are more.
	 */
	public record Gathered<T>(List<T> entries, boolean more) {
	}

	/**
	 * The first {@code limit} entries, in {@code order}, of this instance's share of a
	 * list ({@code local}, with more if {@code localMore}) and of the shares of the
	 * {@code others}, asked the same {@code request}.
	 */
	public <T> Gathered<T> gather(List<T> local, boolean localMore, List<HostInfo> others, HttpServletRequest request,
			Desk desk, TypeReference<List<T>> type, Comparator<T> order, int limit) {
		List<T> gathered = new ArrayList<>(local);
		boolean more = localMore;
		for (HostInfo instance : others) {
			ResponseEntity<byte[]> share = forward(instance, request, null, desk, Map.of(SCOPE_HEADER, THIS_INSTANCE));
			gathered.addAll(bodyOf(instance, share, type));
			more |= share.getHeaders().containsHeader(HttpHeaders.LINK);
		}
		gathered.sort(order);
		return new Gathered<>(List.copyOf(gathered.subList(0, Math.min(limit, gathered.size()))),
				more || gathered.size() > limit);
	}

	/**
	 * The answer of the instance that holds what {@code request} is about, if
	 * {@code holder} says it is not this one and the call does not come from another
	 * instance already (which then answers itself, so a call is passed on once at most).
	 * @param holder the instance that holds it, if not this one
	 */
	public Optional<ResponseEntity<byte[]>> passOnToHolder(HttpServletRequest request,
			Supplier<Optional<HostInfo>> holder, byte[] body, Desk desk, Map<String, String> headers) {
		if (isForwarded(request)) {
			return Optional.empty();
		}
		return holder.get().map((instance) -> forward(instance, request, body, desk, headers));
	}

	/**
	 * Posts {@code body} as JSON to {@code target} on {@code instance} for {@code desk},
	 * and returns its answer read as {@code type}.
	 * @throws InvalidStateStoreException if the instance does not answer, or answers with
	 * an error
	 */
	public <T> T ask(HostInfo instance, String target, Object body, Desk desk, TypeReference<T> type) {
		ResponseEntity<byte[]> answer = call(instance, "POST", target, this.json.writeValueAsBytes(body), desk,
				Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE));
		return bodyOf(instance, answer, type);
	}

	private <T> T bodyOf(HostInfo instance, ResponseEntity<byte[]> answer, TypeReference<T> type) {
		if (!answer.getStatusCode().is2xxSuccessful()) {
			throw new InvalidStateStoreException("Instance " + instance + " answered " + answer.getStatusCode());
		}
		return this.json.readValue(answer.getBody(), type);
	}

	/**
	 * Passes {@code request} with its {@code body} on to {@code instance} for
	 * {@code desk}, and returns its answer.
	 * @param headers to send too
	 * @throws InvalidStateStoreException if the instance does not answer, so that the
	 * desk tries again once the node's instances have shared out the partitions anew
	 */
	public ResponseEntity<byte[]> forward(HostInfo instance, HttpServletRequest request, byte[] body, Desk desk,
			Map<String, String> headers) {
		String target = request.getRequestURI()
				+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		Map<String, String> sent = new LinkedHashMap<>();
		for (String header : List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT_LANGUAGE, "Idempotency-Key")) {
			if (request.getHeader(header) != null) {
				sent.put(header, request.getHeader(header));
			}
		}
		sent.putAll(headers);
		return call(instance, request.getMethod(), target, body, desk, sent);
	}

	/**
	 * Calls {@code target} (path and query) on {@code instance} for {@code desk}, and
	 * returns its answer.
	 * @throws InvalidStateStoreException if the instance does not answer
	 */
	public ResponseEntity<byte[]> call(HostInfo instance, String method, String target, byte[] body, Desk desk,
			Map<String, String> headers) {
		HttpRequest.Builder call = HttpRequest
			.newBuilder(URI.create("http://" + instance.host() + ":" + instance.port() + target))
			.timeout(TIMEOUT)
			.header(DESK_HEADER, vouch(desk, method, target, this.clock.instant()))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		headers.forEach(call::header);
		try {
			HttpResponse<byte[]> answer = this.http.send(call.build(), HttpResponse.BodyHandlers.ofByteArray());
			ResponseEntity.BodyBuilder forwarded = ResponseEntity.status(answer.statusCode());
			for (String header : ANSWER_HEADERS) {
				answer.headers().firstValue(header).ifPresent((value) -> forwarded.header(header, value));
			}
			return forwarded.body(answer.body());
		}
		catch (IOException ex) {
			throw new InvalidStateStoreException("Instance " + instance + " of node " + this.node
					+ " did not answer; the node's instances are sharing out its partitions anew");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InvalidStateStoreException("Interrupted while asking instance " + instance);
		}
	}

	/**
	 * Follows the server-sent events of {@code target} on {@code instance}, this
	 * instance's share only, for {@code desk}: passes the data of each event to
	 * {@code data} until the returned stop is run, or runs {@code ended} when the
	 * instance ends the stream, does not answer or refuses it. Returns once the instance
	 * has answered (it then sends every event from that point), or after the call's
	 * timeout.
	 */
	public Runnable follow(HostInfo instance, String target, Desk desk, Consumer<String> data, Runnable ended) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://" + instance.host() + ":" + instance.port() + target))
			.header(DESK_HEADER, vouch(desk, "GET", target, this.clock.instant()))
			.header(SCOPE_HEADER, THIS_INSTANCE)
			.header(HttpHeaders.ACCEPT, MediaType.TEXT_EVENT_STREAM_VALUE)
			.GET()
			.build();
		AtomicBoolean stopped = new AtomicBoolean();
		AtomicReference<Stream<String>> following = new AtomicReference<>();
		CompletableFuture<HttpResponse<Stream<String>>> answering = this.http.sendAsync(request,
				HttpResponse.BodyHandlers.ofLines());
		answering.whenCompleteAsync((answer, failure) -> {
			if (failure != null || answer.statusCode() != HttpStatus.OK.value()) {
				if (answer != null) {
					answer.body().close();
				}
				ended.run();
				return;
			}
			try (Stream<String> lines = answer.body()) {
				following.set(lines);
				if (!stopped.get()) {
					lines.filter((line) -> line.startsWith("data:"))
						.map((line) -> line.substring("data:".length()).strip())
						.forEach(data);
				}
			}
			catch (UncheckedIOException gone) {
				// Stopped here, or the instance went away: the same end either way.
			}
			if (!stopped.get()) {
				ended.run();
			}
		}, this.followers);
		try {
			answering.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException notYet) {
			// Ended, or still connecting: the follower runs ended, or follows once
			// answered.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return () -> {
			stopped.set(true);
			Stream<String> lines = following.get();
			if (lines != null) {
				lines.close();
			}
		};
	}

	/** The value of {@value #DESK_HEADER} for {@code desk} calling {@code target}. */
	String vouch(Desk desk, String method, String target, Instant at) {
		String identity = encode(desk.username()) + "." + encode(desk.desk()) + "."
				+ encode(desk.supervisor() ? DeskToken.SUPERVISOR_ROLE : "") + "." + at.getEpochSecond();
		return identity + "."
				+ encode(hmac(this.key, (identity + " " + method + " " + target).getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * The desk a call from another instance acts for, if {@code header} vouches for it on
	 * this call and is fresh.
	 */
	Optional<Desk> deskOf(String header, String method, String target) {
		try {
			return verified(header, method, target);
		}
		catch (IllegalArgumentException malformed) {
			return Optional.empty();
		}
	}

	private Optional<Desk> verified(String header, String method, String target) {
		String[] parts = header.split("\\.", -1);
		if (parts.length != 5 || !parts[3].matches("[0-9]{1,12}")) {
			return Optional.empty();
		}
		String identity = parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[3];
		byte[] expected = hmac(this.key, (identity + " " + method + " " + target).getBytes(StandardCharsets.UTF_8));
		byte[] given = Base64.getUrlDecoder().decode(parts[4]);
		Instant at = Instant.ofEpochSecond(Long.parseLong(parts[3]));
		Duration age = Duration.between(at, this.clock.instant()).abs();
		if (!MessageDigest.isEqual(expected, given) || age.compareTo(VALIDITY) > 0) {
			return Optional.empty();
		}
		return Optional.of(new ForwardedDesk(decode(parts[0]), this.node, decode(parts[1]),
				DeskToken.SUPERVISOR_ROLE.equals(decode(parts[2]))));
	}

	/** A desk of the node, as another instance vouched for it. */
	record ForwardedDesk(String username, NodeId node, String desk, boolean supervisor) implements Desk {
	}

	private static String encode(String text) {
		return encode(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String decode(String text) {
		return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
	}

	private static byte[] hmac(byte[] key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("Every JDK has HmacSHA256", ex);
		}
	}

}
