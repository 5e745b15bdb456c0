package mekong.exchange.core.text;

/**
 * Text from outside (a record key, a partner's node id, an officer's name) made safe to
 * log: line breaks and other control characters are written out, so that nobody can forge
 * a log line an operator would trust.
 */
public final class LogSafe {

	private LogSafe() {
	}

	public static String text(Object value) {
		if (value == null) {
			return "null";
		}
		String text = value.toString();
		StringBuilder safe = new StringBuilder(text.length());
		text.codePoints().forEach((point) -> {
			switch (point) {
				case '\n' -> safe.append("\\n");
				case '\r' -> safe.append("\\r");
				case '\t' -> safe.append("\\t");
				default -> {
					if (Character.isISOControl(point) || point == 0x2028 || point == 0x2029) {
						safe.append(String.format("\\u%04x", point));
					}
					else {
						safe.appendCodePoint(point);
					}
				}
			}
		});
		return safe.toString();
	}

}
