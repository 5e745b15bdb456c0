package mekong.exchange.boot.problems;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * What Tomcat itself answers to a request it refuses before the node sees it (a path with
 * an encoded slash, a null or a malformed character): a problem detail, like every other
 * refusal of the node, instead of Tomcat's HTML page. The path is not echoed.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable failure) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		AtomicBoolean writable = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
		if (!writable.get()) {
			return;
		}
		String detail = (status == HttpStatus.BAD_REQUEST.value())
				? "The request path cannot be read: it holds an encoded slash, a control or a malformed character"
				: "The request was refused before it reached the node";
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(ProblemResponses.json(status, detail, null));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response was committed: nothing left to say.
		}
	}

}
