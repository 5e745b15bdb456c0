package mekong.exchange.boot.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/**
 * Every error of the desk API is an RFC 9457 problem detail. Invalid requests list each
 * bad field under {@code errors} so that a desk can show the message next to the field; a
 * Kafka outage is a 503 the desk may retry with the same {@code Idempotency-Key}; nothing
 * answers with a stack trace.
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, Object>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.sorted(Comparator.comparing(FieldError::getField))
			.map(ProblemDetailsAdvice::describe)
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				errors.size() + " field" + ((errors.size() == 1) ? " is" : "s are") + " invalid");
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestBodyLimit.RequestBodyTooLargeException tooLarge = causeOfType(ex,
				RequestBodyLimit.RequestBodyTooLargeException.class);
		if (tooLarge != null) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					tooLarge.getMessage());
			return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		problem.setTitle("Unreadable request body");
		if (ex.getCause() instanceof DatabindException binding && !binding.getPath().isEmpty()) {
			String field = pathOf(binding);
			problem.setDetail("The value of '" + field + "' cannot be read");
			problem.setProperty("errors", List.of(Map.of("field", field, "message", binding.getOriginalMessage())));
		}
		else {
			problem.setDetail("The body is not a JSON document of the expected shape");
		}
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A query or path parameter out of its bounds, for a controller whose parameters are
	 * checked by method validation: a 400 naming each parameter, never a 500.
	 */
	@ExceptionHandler(ConstraintViolationException.class)
	ProblemDetail invalidParameters(ConstraintViolationException ex) {
		List<Map<String, Object>> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> Map.<String, Object>of("field", lastNodeOf(violation.getPropertyPath()), "message",
					violation.getMessage()))
			.sorted(Comparator.comparing((error) -> error.get("field").toString()))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				errors.size() + " parameter" + ((errors.size() == 1) ? " is" : "s are") + " invalid");
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return problem;
	}

	private static String lastNodeOf(Path path) {
		String name = path.toString();
		for (Path.Node node : path) {
			name = node.getName();
		}
		return name;
	}

	/**
	 * A view's state stores are not open: the node starts, restores them or shares its
	 * partitions with a new instance.
	 */
	@ExceptionHandler(InvalidStateStoreException.class)
	ResponseEntity<ProblemDetail> viewNotReady(InvalidStateStoreException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The node's views are being opened; try again in a moment");
		problem.setTitle("Not ready");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

	@ExceptionHandler(KafkaException.class)
	ProblemDetail kafkaUnavailable(KafkaException ex) {
		log.error("Kafka refused or did not confirm a write", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The exchange could not confirm the message; send it again with the same Idempotency-Key");
		problem.setTitle("Exchange temporarily unavailable");
		return problem;
	}

	private static <T extends Throwable> T causeOfType(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static Map<String, Object> describe(FieldError error) {
		String message = (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
		return Map.of("field", error.getField(), "message", message);
	}

	private static String pathOf(DatabindException binding) {
		StringBuilder path = new StringBuilder();
		binding.getPath().forEach((reference) -> {
			if (reference.getPropertyName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		});
		return path.toString();
	}

}
