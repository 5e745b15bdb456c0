package mekong.exchange.boot.problems;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DatabindException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

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
		return handleExceptionInternal(ex, Problems.invalid("field", errors), headers, HttpStatus.BAD_REQUEST, request);
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
			.map((violation) -> Map.<String, Object>of("field", nameOf(violation), "message", violation.getMessage()))
			.sorted(Comparator.comparing((error) -> error.get("field").toString()))
			.toList();
		return Problems.invalid("parameter", errors);
	}

	/**
	 * A query, path or header parameter the client sent that cannot be read as what it
	 * stands for (not a number, not an alert id, not a cursor): a 400 naming it.
	 */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: ex.getPropertyName();
		ProblemDetail problem = Problems.detail(HttpStatus.BAD_REQUEST, "Invalid request",
				"The parameter '" + name + "' cannot be read");
		problem.setProperty("errors", List.of(Map.of("field", String.valueOf(name), "message", "is not a valid "
				+ ((ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "value"))));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * The client accepts no form this answer has: the problem detail is written as
	 * {@code application/problem+json} anyway, rather than an empty 406.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null) {
			try {
				ProblemResponses.write(servlet.getRequest(), servlet.getResponse(), HttpStatus.NOT_ACCEPTABLE,
						"The Accept header asks for a form this answer does not have: it is JSON");
				return null;
			}
			catch (IOException writeFailed) {
				throw new UncheckedIOException(writeFailed);
			}
		}
		return super.handleHttpMediaTypeNotAcceptable(ex, headers, status, request);
	}

	/**
	 * The name the client gave a parameter that method validation refused: its header,
	 * query or path name ({@code Idempotency-Key}), else the name of the method's
	 * parameter.
	 */
	private static String nameOf(ConstraintViolation<?> violation) {
		Path.MethodNode method = null;
		Path.ParameterNode parameter = null;
		for (Path.Node node : violation.getPropertyPath()) {
			if (node.getKind() == ElementKind.METHOD) {
				method = node.as(Path.MethodNode.class);
			}
			else if (node.getKind() == ElementKind.PARAMETER) {
				parameter = node.as(Path.ParameterNode.class);
			}
		}
		String declaredName = lastNodeOf(violation.getPropertyPath());
		if (method == null || parameter == null) {
			return declaredName;
		}
		Method declared = ReflectionUtils.findMethod(ClassUtils.getUserClass(violation.getRootBeanClass()),
				method.getName(), method.getParameterTypes().toArray(Class<?>[]::new));
		if (declared == null) {
			return declaredName;
		}
		MethodParameter declaredParameter = new MethodParameter(declared, parameter.getParameterIndex());
		RequestHeader header = declaredParameter.getParameterAnnotation(RequestHeader.class);
		RequestParam query = declaredParameter.getParameterAnnotation(RequestParam.class);
		String given = (header != null) ? header.name() + header.value()
				: (query != null) ? query.name() + query.value() : "";
		return given.isEmpty() ? declaredName : given;
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
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(Problems.detail(HttpStatus.SERVICE_UNAVAILABLE, "Not ready",
					"The node's views are being opened; try again in a moment"));
	}

	@ExceptionHandler(KafkaException.class)
	ProblemDetail kafkaUnavailable(KafkaException ex) {
		log.error("Kafka refused or did not confirm a write", ex);
		return Problems.detail(HttpStatus.SERVICE_UNAVAILABLE, "Exchange temporarily unavailable",
				"The exchange could not confirm the message; send it again with the same Idempotency-Key");
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
