package mekong.exchange.core.ids;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import mekong.exchange.core.node.NodeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OriginIdsTests {

	static final NodeId SON_LA = NodeId.of("VN-05");

	static final NodeId HOUAPHAN = NodeId.of("LA-HO");

	final OriginIds sonLa = new OriginIds(SON_LA, bytes("son-la's signing key"));

	@Test
	void givesRfc9562Version8IdsThatOnlyTheirOriginMayOpen() {
		Set<UUID> ids = new HashSet<>();
		for (int alert = 0; alert < 10_000; alert++) {
			UUID id = this.sonLa.random();
			assertThat(id.version()).isEqualTo(8);
			assertThat(id.variant()).isEqualTo(2);
			assertThat(OriginIds.mayOpen(SON_LA, id)).isTrue();
			assertThat(OriginIds.mayOpen(HOUAPHAN, id)).isFalse();
			assertThat(OriginIds.mayOpen(NodeId.of("VN"), id)).as("a ministry whose code starts Son La's").isFalse();
			ids.add(id);
		}
		assertThat(ids).hasSize(10_000);
	}

	@Test
	void derivesTheSameIdFromTheSameKeyAndNoIdAnyoneCouldComputeWithoutTheSecret() {
		UUID first = this.sonLa.derived("desk.vn05:retry-7");
		UUID again = new OriginIds(SON_LA, bytes("son-la's signing key")).derived("desk.vn05:retry-7");
		UUID withAnotherSecret = new OriginIds(SON_LA, bytes("a guess")).derived("desk.vn05:retry-7");
		UUID asBefore = UUID.nameUUIDFromBytes(bytes("mekong-exchange:VN-05:desk.vn05:retry-7"));

		assertThat(again).isEqualTo(first);
		assertThat(withAnotherSecret).isNotEqualTo(first);
		assertThat(first).isNotEqualTo(asBefore);
		assertThat(this.sonLa.derived("desk.vn05:retry-8")).isNotEqualTo(first);
		assertThat(OriginIds.mayOpen(SON_LA, first)).isTrue();
		assertThat(OriginIds.mayOpen(HOUAPHAN, first)).isFalse();
	}

	@Test
	void takesIdsWithoutAnOriginsTagFromAnyOrigin() {
		assertThat(OriginIds.mayOpen(HOUAPHAN, UUID.randomUUID())).isTrue();
		assertThat(OriginIds.mayOpen(HOUAPHAN, UUID.nameUUIDFromBytes(bytes("older node")))).isTrue();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
