package mekong.exchange.boot.limits;

import java.net.URI;

import mekong.exchange.boot.problems.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A desk asked for more than a limit of {@link LimitProperties} allows: answered with a
 * 422 problem detail whose {@code limit} names the setting and {@code maximum} gives its
 * value, so that the console can say which limit was reached.
 */
public class LimitReachedException extends ErrorResponseException {

	static final URI TYPE = URI.create("https://mekong.exchange/problems/limit-reached");

	/**
	 * @param limit the setting's name under {@code mekong.limits}, e.g.
	 * {@code answers-per-alert-and-desk}
	 */
	public LimitReachedException(String limit, long maximum, String detail) {
		this(HttpStatus.UNPROCESSABLE_CONTENT, limit, maximum, detail);
	}

	/**
	 * A limit of what a desk may hold open at once, answered with {@code status} (429 Too
	 * Many Requests: try again once one is closed).
	 */
	public LimitReachedException(HttpStatus status, String limit, long maximum, String detail) {
		super(status, problem(status, limit, maximum, detail), null);
	}

	private static ProblemDetail problem(HttpStatus status, String limit, long maximum, String detail) {
		ProblemDetail problem = Problems.detail(status, "Limit reached", detail);
		problem.setType(TYPE);
		problem.setProperty("limit", limit);
		problem.setProperty("maximum", maximum);
		return problem;
	}

}
