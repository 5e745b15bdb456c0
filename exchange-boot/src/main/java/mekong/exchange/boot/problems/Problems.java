package mekong.exchange.boot.problems;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The desk API's error answers, problem details (RFC 9457) built one way: a status, a
 * title a desk can show, a detail that says what happened and what to do, and the
 * properties a client reads ({@code errors}, {@code erasedAt}).
 */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail detail(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	/** The answer of a handler that refuses the call. */
	public static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		return new ErrorResponseException(status, detail(status, title, detail), null);
	}

	/**
	 * 400 naming each field or parameter ({@code what}) refused, with its message, under
	 * {@code errors}, so that a desk can show each message next to its field.
	 */
	public static ProblemDetail invalid(String what, List<Map<String, Object>> errors) {
		ProblemDetail problem = detail(HttpStatus.BAD_REQUEST, "Invalid request",
				errors.size() + " " + what + ((errors.size() == 1) ? " is" : "s are") + " invalid");
		problem.setProperty("errors", errors);
		return problem;
	}

	/** 404: no such alert where the call looked. */
	public static ErrorResponseException unknownAlert(String detail) {
		return problem(HttpStatus.NOT_FOUND, "Unknown alert", detail);
	}

	/** 410: an alert the node erased when its retention ended, at {@code erasedAt}. */
	public static ErrorResponseException erased(String detail, Instant erasedAt) {
		ErrorResponseException gone = problem(HttpStatus.GONE, "Alert erased", detail);
		gone.getBody().setProperty("erasedAt", erasedAt);
		return gone;
	}

}
