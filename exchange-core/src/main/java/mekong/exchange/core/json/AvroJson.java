package mekong.exchange.core.json;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Renders Avro records as plain maps and lists for JSON APIs, following the schema: field
 * names as in the .avsc, enums, UUIDs, instants and dates as strings, decimals as exact
 * numbers, absent optional fields left out. A field that holds one of several record
 * types (the alert payload) tells which in a {@code "type"} member.
 */
public final class AvroJson {

	/** The member that names the record type of a union of records. */
	public static final String TYPE_MEMBER = "type";

	private AvroJson() {
	}

	public static Map<String, Object> toMap(IndexedRecord record) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (Schema.Field field : record.getSchema().getFields()) {
			Object value = record.get(field.pos());
			if (value == null) {
				continue;
			}
			Object rendered = render(value);
			if (holdsSeveralRecordTypes(field.schema()) && value instanceof IndexedRecord branch) {
				Map<String, Object> typed = new LinkedHashMap<>();
				typed.put(TYPE_MEMBER, branch.getSchema().getName());
				typed.putAll(toMap(branch));
				rendered = typed;
			}
			map.put(field.name(), rendered);
		}
		return map;
	}

	private static Object render(Object value) {
		if (value instanceof IndexedRecord nested) {
			return toMap(nested);
		}
		if (value instanceof List<?> list) {
			List<Object> rendered = new ArrayList<>(list.size());
			list.forEach((item) -> rendered.add((item != null) ? render(item) : null));
			return rendered;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> rendered = new LinkedHashMap<>();
			map.forEach((key, item) -> rendered.put(key.toString(), (item != null) ? render(item) : null));
			return rendered;
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value;
		}
		if (value instanceof ByteBuffer bytes) {
			ByteBuffer unread = bytes.duplicate();
			byte[] copy = new byte[unread.remaining()];
			unread.get(copy);
			return Base64.getEncoder().encodeToString(copy);
		}
		// strings, enum symbols, UUIDs, instants and dates
		return value.toString();
	}

	private static boolean holdsSeveralRecordTypes(Schema schema) {
		return schema.getType() == Schema.Type.UNION
				&& schema.getTypes().stream().filter((branch) -> branch.getType() == Schema.Type.RECORD).count() > 1;
	}

}
