package mekong.exchange.boot.forwarding;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * A desk's call, passed on to the instance of the node that holds what it asks for, or
 * asked of every instance for a list. The call carries the desk's own credentials
 * ({@link DeskCredentials}), and the instance called checks them as it checks any desk's
 * call: an instance can do at another only what the desk itself may. Over HTTPS when the
 * desk API is ({@link InstanceCalls}).
 * <p>
 * {@value #SCOPE_HEADER}: {@value #THIS_INSTANCE} asks an instance to answer from its own
 * share of the stores, so that a call is passed on once at most. It grants nothing: a
 * desk that sends it gets a part of what it could read anyway, and the instance puts what
 * it answered on record as for any other call.
 */
public final class InstanceForwarding {

	/** Asks for this instance's share of the stores only. */
	public static final String SCOPE_HEADER = "Mekong-Scope";

	/** The value of {@value #SCOPE_HEADER} asking for this instance's share only. */
	public static final String THIS_INSTANCE = "instance";

	/** What a call passed on carries of the desk's own, besides its credentials. */
	private static final List<String> CALL_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
			HttpHeaders.ACCEPT_LANGUAGE, "Idempotency-Key");

	/**
	 * What the desk gets of the answer to a call passed on, besides its status and body.
	 */
	static final List<String> ANSWER_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION, HttpHeaders.LINK,
			HttpHeaders.RETRY_AFTER, "Idempotent-Replayed");

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	private final InstanceCalls instances;

	private final JsonMapper json;

	InstanceForwarding(InstanceCalls instances, JsonMapper json) {
		this.instances = instances;
		this.json = json;
	}

	/** True if the call asks for this instance's share only. */
	public static boolean answersHereOnly(HttpServletRequest request) {
		return THIS_INSTANCE.equals(request.getHeader(SCOPE_HEADER));
	}

	/**
	 * A list gathered from every instance: the first entries, and whether there are more.
	 */
	public record Gathered<T>(List<T> entries, boolean more) {
	}

	/**
	 * The first {@code limit} entries, in {@code order}, of this instance's share of a
	 * list ({@code local}, with more if {@code localMore}) and of the shares of the
	 * {@code others}, asked the same {@code request} with {@code body} (null for none).
	 */
	public <T> Gathered<T> gather(List<T> local, boolean localMore, List<HostInfo> others, HttpServletRequest request,
			byte[] body, TypeReference<List<T>> type, Comparator<T> order, int limit) {
		List<T> gathered = new ArrayList<>(local);
		boolean more = localMore;
		for (HostInfo instance : others) {
			ResponseEntity<byte[]> share = passOn(instance, request, body);
			gathered.addAll(bodyOf(instance, share, type));
			more |= share.getHeaders().containsHeader(HttpHeaders.LINK);
		}
		gathered.sort(order);
		return new Gathered<>(List.copyOf(gathered.subList(0, Math.min(limit, gathered.size()))),
				more || gathered.size() > limit);
	}

	/**
	 * Posts {@code body} as JSON to {@code target} on {@code instance}, and returns its
	 * answer read as {@code type}.
	 * @throws InvalidStateStoreException if the instance does not answer, or answers with
	 * an error
	 */
	public <T> T ask(HostInfo instance, String target, Object body, TypeReference<T> type) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return bodyOf(instance, call(instance, HttpMethod.POST, target, headers, this.json.writeValueAsBytes(body)),
				type);
	}

	/**
	 * Passes {@code request}, with {@code body} (null for none), on to {@code instance},
	 * to be answered there from its share only, and returns its answer.
	 * @throws InvalidStateStoreException if the instance does not answer, so that the
	 * desk tries again once the node's instances have shared out the partitions anew
	 */
	public ResponseEntity<byte[]> passOn(HostInfo instance, HttpServletRequest request, byte[] body) {
		return call(instance, HttpMethod.valueOf(request.getMethod()), targetOf(request), callHeadersOf(request), body);
	}

	/**
	 * Passes {@code request} on to {@code instance} with the body it carries, and writes
	 * the answer as this call's.
	 */
	void passOnAndAnswer(HostInfo instance, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		answer(passOn(instance, request, StreamUtils.copyToByteArray(request.getInputStream())), response);
	}

	/**
	 * Passes {@code request} on, with the body it carries, to the desk API at
	 * {@code otherSide} (the node's other side, which answers from all of its instances),
	 * and writes the answer as this call's.
	 * @throws ResourceAccessException if the other side does not answer
	 */
	void passOnToOtherSideAndAnswer(URI otherSide, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		answer(exchange(HttpMethod.valueOf(request.getMethod()), URI.create(otherSide + targetOf(request)),
				callHeadersOf(request), StreamUtils.copyToByteArray(request.getInputStream())), response);
	}

	/** The path and query of {@code request}. */
	static String targetOf(HttpServletRequest request) {
		return request.getRequestURI() + ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
	}

	private static HttpHeaders callHeadersOf(HttpServletRequest request) {
		HttpHeaders headers = new HttpHeaders();
		for (String header : CALL_HEADERS) {
			if (request.getHeader(header) != null) {
				headers.set(header, request.getHeader(header));
			}
		}
		return headers;
	}

	private static void answer(ResponseEntity<byte[]> answer, HttpServletResponse response) throws IOException {
		response.setStatus(answer.getStatusCode().value());
		answer.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		if (answer.getBody() != null) {
			response.getOutputStream().write(answer.getBody());
		}
	}

	private ResponseEntity<byte[]> call(HostInfo instance, HttpMethod method, String target, HttpHeaders headers,
			byte[] body) {
		HttpHeaders scoped = new HttpHeaders();
		scoped.addAll(headers);
		scoped.set(SCOPE_HEADER, THIS_INSTANCE);
		try {
			return exchange(method, this.instances.uri(instance, target), scoped, body);
		}
		catch (ResourceAccessException ex) {
			throw new InvalidStateStoreException("Instance " + instance
					+ " of the node did not answer; the node's instances are sharing out its partitions anew");
		}
	}

	/**
	 * Calls {@code uri} with the desk's credentials; its answer, with the headers a desk
	 * gets of it.
	 */
	private ResponseEntity<byte[]> exchange(HttpMethod method, URI uri, HttpHeaders headers, byte[] body) {
		RestClient.RequestBodySpec call = this.instances.calls()
			.method(method)
			.uri(uri)
			.headers((sent) -> sent.addAll(headers));
		if (body != null && body.length > 0) {
			call.body(body);
		}
		return call.exchange((request, answer) -> {
			ResponseEntity.BodyBuilder passed = ResponseEntity.status(answer.getStatusCode());
			for (String header : ANSWER_HEADERS) {
				String value = answer.getHeaders().getFirst(header);
				if (value != null) {
					passed.header(header, value);
				}
			}
			return passed.body(StreamUtils.copyToByteArray(answer.getBody()));
		});
	}

	private <T> T bodyOf(HostInfo instance, ResponseEntity<byte[]> answer, TypeReference<T> type) {
		if (!answer.getStatusCode().is2xxSuccessful()) {
			throw new InvalidStateStoreException("Instance " + instance + " answered " + answer.getStatusCode());
		}
		return this.json.readValue(answer.getBody(), type);
	}

	/**
	 * Follows the server-sent events of {@code target} on {@code instance}, this
	 * instance's share only: passes the data of each event to {@code data} until the
	 * returned stop is run, or runs {@code ended} when the instance ends the stream, does
	 * not answer or refuses it. Returns once the instance has answered (it then sends
	 * every event from that point), or after the calls' timeout.
	 */
	public Runnable follow(HostInfo instance, String target, Consumer<String> data, Runnable ended) {
		CountDownLatch answered = new CountDownLatch(1);
		Disposable following = this.instances.events()
			.get()
			.uri(this.instances.uri(instance, target))
			.header(HttpHeaders.AUTHORIZATION, this.instances.authorization())
			.header(SCOPE_HEADER, THIS_INSTANCE)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchangeToFlux((answer) -> {
				answered.countDown();
				return answer.statusCode().is2xxSuccessful() ? answer.bodyToFlux(EVENTS)
						: answer.releaseBody().thenMany(Flux.empty());
			})
			.subscribe((event) -> {
				if (event.data() != null) {
					data.accept(event.data());
				}
			}, (failure) -> {
				answered.countDown();
				ended.run();
			}, ended);
		try {
			answered.await(InstanceCalls.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return following::dispose;
	}

}
