package mekong.exchange.node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies the desk API must refuse, each made invalid on purpose, from a seed so
 * that a failure can be replayed. Most start from a valid alert and break one thing in
 * it, so that they reach every layer: JSON parsing, binding, validation.
 */
final class HostileBodies {

	enum Kind {

		RANDOM_BYTES, RANDOM_TEXT, RANDOM_JSON, TRUNCATED_ALERT, MISSING_FIELD, OVERLONG_TEXT, WRONG_TYPE, UNKNOWN_CODE,
		OUT_OF_RANGE_NUMBER, MISSPELLED_FIELD, DEEP_NESTING, NOT_JSON_CONTENT_TYPE

	}

	record Body(Kind kind, byte[] bytes, String contentType) {
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<List<String>> REQUIRED = List.of(List.of("officer"), List.of("priority"),
			List.of("category"), List.of("handling"), List.of("language"), List.of("summary"), List.of("payload"),
			List.of("handling", "tlp"), List.of("handling", "sourceReliability"),
			List.of("handling", "infoCredibility"), List.of("payload", "type"));

	private static final List<String> CODES = List.of("priority", "category", "tlp", "sourceReliability");

	private static final Map<String, List<String>> MISSPELLINGS = Map.of("addressees",
			List.of("adressees", "addresses", "Addressees"), "expiresAt", List.of("expiresat", "expires"));

	private static final String SCRIPTS = "abcxyzĐđươàảãạăằẳẵặâầẩẫậ ກຂຄງຈຊຍດຕຖທນບປຜຝພຟມຢຣລວສຫອຮ កខគឃងចឆជឈញ";

	private final Random random;

	private final String alert;

	private final JsonNode alertTree;

	HostileBodies(long seed, String validAlert) {
		this.random = new Random(seed);
		this.alert = validAlert;
		this.alertTree = JSON.readTree(validAlert);
	}

	Body next() {
		Kind kind = Kind.values()[this.random.nextInt(Kind.values().length)];
		return switch (kind) {
			case RANDOM_BYTES -> json(kind, randomBytes());
			case RANDOM_TEXT -> json(kind, text(this.random.nextInt(2000)));
			case RANDOM_JSON -> json(kind, JSON.writeValueAsString(randomJson(4)));
			case TRUNCATED_ALERT ->
				json(kind, this.alert.substring(0, this.random.nextInt(this.alert.lastIndexOf('}'))));
			case MISSING_FIELD -> json(kind, withoutRequiredField());
			case OVERLONG_TEXT ->
				json(kind, withLeaf(JsonNodeFactory.instance.stringNode(text(4001 + this.random.nextInt(4000)))));
			case WRONG_TYPE -> json(kind, withLeaf(this.random.nextBoolean() ? JsonNodeFactory.instance.objectNode()
					: JsonNodeFactory.instance.arrayNode().add(1).add("two")));
			case UNKNOWN_CODE -> json(kind, withUnknownCode());
			case OUT_OF_RANGE_NUMBER -> json(kind, withOutOfRangeNumber());
			case MISSPELLED_FIELD -> json(kind, withMisspelledField());
			case DEEP_NESTING -> json(kind, deeplyNested());
			case NOT_JSON_CONTENT_TYPE -> new Body(kind, this.alert.getBytes(StandardCharsets.UTF_8),
					this.random.nextBoolean() ? "text/plain" : "application/xml");
		};
	}

	private static Body json(Kind kind, String text) {
		return json(kind, text.getBytes(StandardCharsets.UTF_8));
	}

	private static Body json(Kind kind, byte[] bytes) {
		return new Body(kind, bytes, "application/json");
	}

	private byte[] randomBytes() {
		byte[] bytes = new byte[this.random.nextInt(2000)];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private String text(int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(SCRIPTS.charAt(this.random.nextInt(SCRIPTS.length())));
		}
		return text.toString();
	}

	private JsonNode randomJson(int depth) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		int shape = this.random.nextInt((depth > 0) ? 7 : 5);
		return switch (shape) {
			case 0 -> nodes.nullNode();
			case 1 -> nodes.booleanNode(this.random.nextBoolean());
			case 2 -> nodes.numberNode(this.random.nextLong());
			case 3 -> nodes.numberNode(this.random.nextDouble() * 1e6);
			case 4 -> nodes.stringNode(text(this.random.nextInt(40)));
			case 5 -> {
				ArrayNode array = nodes.arrayNode();
				for (int i = this.random.nextInt(5); i > 0; i--) {
					array.add(randomJson(depth - 1));
				}
				yield array;
			}
			default -> {
				ObjectNode object = nodes.objectNode();
				List<String> names = List.copyOf(this.alertTree.propertyNames());
				for (int i = this.random.nextInt(6); i > 0; i--) {
					String name = this.random.nextBoolean() ? names.get(this.random.nextInt(names.size()))
							: text(1 + this.random.nextInt(10));
					object.set(name, randomJson(depth - 1));
				}
				yield object;
			}
		};
	}

	private String withoutRequiredField() {
		ObjectNode tree = copy();
		List<String> path = REQUIRED.get(this.random.nextInt(REQUIRED.size()));
		ObjectNode parent = tree;
		for (String name : path.subList(0, path.size() - 1)) {
			parent = (ObjectNode) parent.get(name);
		}
		if (this.random.nextBoolean()) {
			parent.remove(path.get(path.size() - 1));
		}
		else {
			parent.putNull(path.get(path.size() - 1));
		}
		return JSON.writeValueAsString(tree);
	}

	/** Replaces one leaf (a string, number or boolean anywhere in the alert). */
	private String withLeaf(JsonNode replacement) {
		ObjectNode tree = copy();
		List<Leaf> leaves = new ArrayList<>();
		collectLeaves(tree, leaves);
		leaves.get(this.random.nextInt(leaves.size())).replaceWith(replacement);
		return JSON.writeValueAsString(tree);
	}

	private String withUnknownCode() {
		ObjectNode tree = copy();
		String code = CODES.get(this.random.nextInt(CODES.size()));
		ObjectNode parent = tree.has(code) ? tree : (ObjectNode) tree.get("handling");
		parent.put(code,
				this.random.nextBoolean() ? "UNKNOWN" : "NOT_" + text(1 + this.random.nextInt(20)).toUpperCase());
		return JSON.writeValueAsString(tree);
	}

	private String withOutOfRangeNumber() {
		String[] outOfRange = { "131", "-1", "1e400", "123456789012345678901234567890", "-99999999999" };
		String value = outOfRange[this.random.nextInt(outOfRange.length)];
		return this.random.nextBoolean() ? this.alert.replace("\"infoCredibility\": 2", "\"infoCredibility\": " + value)
				: this.alert.replace("\"ageAtReport\": 52", "\"ageAtReport\": " + value);
	}

	private String withMisspelledField() {
		ObjectNode tree = copy();
		String field = this.random.nextBoolean() ? "addressees" : "expiresAt";
		JsonNode value = tree.remove(field);
		List<String> misspellings = MISSPELLINGS.get(field);
		tree.set(misspellings.get(this.random.nextInt(misspellings.size())),
				(value != null) ? value : JsonNodeFactory.instance.stringNode("2099-01-01T00:00:00Z"));
		return JSON.writeValueAsString(tree);
	}

	private String deeplyNested() {
		int depth = 1000 + this.random.nextInt(20_000);
		return "{\"summary\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
	}

	private ObjectNode copy() {
		return (ObjectNode) this.alertTree.deepCopy();
	}

	private static void collectLeaves(JsonNode node, List<Leaf> leaves) {
		if (node instanceof ObjectNode object) {
			for (String name : List.copyOf(object.propertyNames())) {
				JsonNode child = object.get(name);
				if (child.isValueNode()) {
					leaves.add((replacement) -> object.set(name, replacement));
				}
				else {
					collectLeaves(child, leaves);
				}
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				int index = i;
				if (array.get(i).isValueNode()) {
					leaves.add((replacement) -> array.set(index, replacement));
				}
				else {
					collectLeaves(array.get(i), leaves);
				}
			}
		}
	}

	private interface Leaf {

		void replaceWith(JsonNode replacement);

	}

}
