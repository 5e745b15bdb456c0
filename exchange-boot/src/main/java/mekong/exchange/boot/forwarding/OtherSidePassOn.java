package mekong.exchange.boot.forwarding;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import mekong.exchange.boot.problems.ProblemResponses;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Where a node runs its two sides in two processes, passes each desk call that the other
 * side answers on to it ({@code mekong.desk.other-side}), with the desk's own
 * credentials, and answers with its answer, event streams included. So a desk, and an
 * officer in the console, use one address for the inbox, the sent alerts and the
 * new-alert form, while each side keeps its own stores, principals and process. The calls
 * this side answers are those under the {@code /api/v1/} resources its own controllers
 * map; a call for any other goes to the other side, which answers it from all of its
 * instances as for any desk.
 */
final class OtherSidePassOn extends OncePerRequestFilter {

	static final String API = "/api/v1/";

	private final URI otherSide;

	private final InstanceForwarding forwarding;

	private final InstanceCalls calls;

	private final RequestMappingHandlerMapping handlers;

	private volatile Set<String> answeredHere;

	OtherSidePassOn(URI otherSide, InstanceForwarding forwarding, InstanceCalls calls,
			RequestMappingHandlerMapping handlers) {
		this.otherSide = otherSide;
		this.forwarding = forwarding;
		this.calls = calls;
		this.handlers = handlers;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !path.startsWith(API) || answeredHere().contains(resourceOf(path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			if (acceptsEvents(request)) {
				follow(URI.create(this.otherSide + InstanceForwarding.targetOf(request)), response);
			}
			else {
				this.forwarding.passOnToOtherSideAndAnswer(this.otherSide, request, response);
			}
		}
		catch (ResourceAccessException ex) {
			ProblemResponses.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
					"The other side of this node did not answer; try again in a moment");
		}
	}

	/**
	 * Relays the other side's event stream as it comes, until it ends or the desk goes
	 * away; the stream counts against the desk's limit there.
	 */
	private void follow(URI target, HttpServletResponse response) throws IOException {
		Flux<DataBuffer> events = this.calls.events()
			.get()
			.uri(target)
			.header(HttpHeaders.AUTHORIZATION, this.calls.authorization())
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchangeToFlux((answer) -> {
				response.setStatus(answer.statusCode().value());
				answer.headers().contentType().ifPresent((type) -> response.setContentType(type.toString()));
				return answer.bodyToFlux(DataBuffer.class);
			});
		try (Stream<DataBuffer> relayed = events.toStream(1)) {
			OutputStream out = response.getOutputStream();
			relayed.forEachOrdered((buffer) -> {
				try (DataBuffer.ByteBufferIterator chunks = buffer.readableByteBuffers()) {
					while (chunks.hasNext()) {
						ByteBuffer chunk = chunks.next();
						byte[] bytes = new byte[chunk.remaining()];
						chunk.get(bytes);
						out.write(bytes);
					}
					out.flush();
				}
				catch (IOException deskGone) {
					throw new UncheckedIOException(deskGone);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			});
		}
		catch (UncheckedIOException deskGone) {
			// closing the relayed stream above ended the other side's too
			this.logger.debug("The desk closed its event stream", deskGone);
		}
	}

	private static boolean acceptsEvents(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE);
	}

	/** The resources under {@value #API} that this side's controllers map. */
	private Set<String> answeredHere() {
		Set<String> resources = this.answeredHere;
		if (resources == null) {
			resources = new HashSet<>();
			for (RequestMappingInfo mapping : this.handlers.getHandlerMethods().keySet()) {
				for (String pattern : mapping.getPatternValues()) {
					if (pattern.startsWith(API)) {
						resources.add(resourceOf(pattern));
					}
				}
			}
			this.answeredHere = Set.copyOf(resources);
		}
		return resources;
	}

	/** {@code inbox} of {@code /api/v1/inbox/…}. */
	private static String resourceOf(String path) {
		int end = path.indexOf('/', API.length());
		return path.substring(API.length(), (end < 0) ? path.length() : end);
	}

}
