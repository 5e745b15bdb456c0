package mekong.exchange.consumer.inbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;

@Configuration(proxyBeanMethods = false)
class InboxConfiguration {

	/**
	 * Reads the {@code after} cursor of an inbox page; one that is not a cursor is a
	 * parameter the desk API refuses by name.
	 */
	@Bean
	Converter<String, InboxIndex.Cursor> inboxCursors() {
		return new Converter<>() {

			@Override
			public InboxIndex.Cursor convert(String text) {
				return InboxIndex.Cursor.parse(text);
			}

		};
	}

}
