package mekong.exchange.boot.problems;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Problem details written by filters, which answer before Spring MVC and its
 * {@link ProblemDetailsAdvice} are reached.
 */
public final class ProblemResponses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemResponses() {
	}

	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(json(status.value(), detail, request.getRequestURI()).getBytes(UTF_8));
	}

	/** A problem detail as JSON; without {@code instance} when it is null. */
	static String json(int status, String detail, String instance) {
		HttpStatus known = HttpStatus.resolve(status);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", (known != null) ? known.getReasonPhrase() : "Error");
		problem.put("status", status);
		problem.put("detail", detail);
		if (instance != null) {
			problem.put("instance", instance);
		}
		return JSON.writeValueAsString(problem);
	}

}
