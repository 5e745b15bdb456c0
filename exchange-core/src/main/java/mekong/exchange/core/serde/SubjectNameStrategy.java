package mekong.exchange.core.serde;

import java.util.Arrays;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * How a subject is named, as Confluent's strategies of the same names do:
 * {@code <topic>-value} (TopicNameStrategy, the default and the exchange's contract), the
 * record's full name (RecordNameStrategy), or {@code <topic>-<record full name>}
 * (TopicRecordNameStrategy).
 */
public enum SubjectNameStrategy {

	TOPIC_NAME("TopicNameStrategy"), RECORD_NAME("RecordNameStrategy"), TOPIC_RECORD_NAME("TopicRecordNameStrategy");

	private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

	private final String simpleName;

	SubjectNameStrategy(String simpleName) {
		this.simpleName = simpleName;
	}

	public String subject(String topic, boolean isKey, Schema schema) {
		return switch (this) {
			case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
			case RECORD_NAME -> schema.getFullName();
			case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
		};
	}

	/**
	 * Accepts Confluent's class names, as an operator would configure them for
	 * Confluent's serde, or the short ones.
	 */
	static SubjectNameStrategy named(String name) {
		String simple = name.startsWith(CONFLUENT_PACKAGE) ? name.substring(CONFLUENT_PACKAGE.length()) : name;
		return Arrays.stream(values())
			.filter((strategy) -> strategy.simpleName.equals(simple))
			.findFirst()
			.orElseThrow(() -> new ConfigException("Unknown subject name strategy " + name + "; use "
					+ CONFLUENT_PACKAGE + "TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy"));
	}

}
