package mekong.exchange.boot.problems;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses desk API requests whose body is larger than
 * {@code mekong.desk.max-request-body} with 413: at once when the request declares its
 * length, and as soon as the limit is passed when it does not (chunked), so that no body
 * larger than the limit is ever read into memory.
 */
public final class RequestBodyLimit extends OncePerRequestFilter {

	private final long maxBytes;

	public RequestBodyLimit(DataSize maxRequestBody) {
		this.maxBytes = maxRequestBody.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			ProblemResponses.write(request, response, HttpStatus.CONTENT_TOO_LARGE, tooLarge());
			return;
		}
		chain.doFilter(new LimitedRequest(request), response);
	}

	private String tooLarge() {
		return "The request body is larger than " + DataSize.ofBytes(this.maxBytes).toKilobytes() + " KB";
	}

	/** Thrown while reading a body that turns out larger than the limit. */
	static final class RequestBodyTooLargeException extends IOException {

		RequestBodyTooLargeException(String message) {
			super(message);
		}

	}

	private final class LimitedRequest extends HttpServletRequestWrapper {

		private ServletInputStream limited;

		LimitedRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.limited == null) {
				this.limited = new LimitedInputStream(super.getInputStream());
			}
			return this.limited;
		}

		private final class LimitedInputStream extends ServletInputStream {

			private final ServletInputStream body;

			private long read;

			LimitedInputStream(ServletInputStream body) {
				this.body = body;
			}

			@Override
			public int read() throws IOException {
				int next = this.body.read();
				if (next >= 0) {
					count(1);
				}
				return next;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int count = this.body.read(buffer, offset, length);
				if (count > 0) {
					count(count);
				}
				return count;
			}

			private void count(int bytes) throws RequestBodyTooLargeException {
				this.read += bytes;
				if (this.read > RequestBodyLimit.this.maxBytes) {
					throw new RequestBodyTooLargeException(tooLarge());
				}
			}

			@Override
			public boolean isFinished() {
				return this.body.isFinished();
			}

			@Override
			public boolean isReady() {
				return this.body.isReady();
			}

			@Override
			public void setReadListener(ReadListener listener) {
				this.body.setReadListener(listener);
			}

		}

	}

}
