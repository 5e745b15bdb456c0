package mekong.exchange.boot.web;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import mekong.exchange.core.node.NodeId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The code with which one instance of a node vouches for a desk to another. */
class InstanceForwardingTests {

	static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");

	static final NodeId HOUAPHAN = NodeId.of("LA-HO");

	static final String NODE_KEY = newKey();

	final InstanceForwarding instance = forwarding(NODE_KEY, NOW);

	final Desk desk = new InstanceForwarding.ForwardedDesk("desk.laho", HOUAPHAN, "houaphan-hotline", false);

	final Desk supervisor = new InstanceForwarding.ForwardedDesk("chief.laho", HOUAPHAN, "houaphan-hotline", true);

	@Test
	void anotherInstanceOfTheNodeTakesTheDeskItVouchesFor() {
		String vouched = this.instance.vouch(this.desk, "POST", "/api/v1/inbox/42/acks", NOW);

		assertThat(forwarding(NODE_KEY, NOW.plusSeconds(5)).deskOf(vouched, "POST", "/api/v1/inbox/42/acks"))
			.contains(this.desk);
		String vouchedForSupervisor = this.instance.vouch(this.supervisor, "POST", "/api/v1/alerts/42/revisions", NOW);
		assertThat(this.instance.deskOf(vouchedForSupervisor, "POST", "/api/v1/alerts/42/revisions"))
			.contains(this.supervisor);
	}

	@Test
	void refusesADeskMadeSupervisorOnTheWay() {
		String vouched = this.instance.vouch(this.desk, "POST", "/api/v1/alerts/42/revisions", NOW);
		String[] parts = vouched.split("\\.");
		parts[2] = Base64.getUrlEncoder().withoutPadding().encodeToString("supervisor".getBytes());

		assertThat(this.instance.deskOf(String.join(".", parts), "POST", "/api/v1/alerts/42/revisions")).isEmpty();
	}

	@Test
	void refusesACodeForAnotherCallAnotherDeskAnotherNodeKeyOrAnOldOne() {
		String vouched = this.instance.vouch(this.desk, "GET", "/api/v1/inbox?limit=10", NOW);

		assertThat(this.instance.deskOf(vouched, "GET", "/api/v1/inbox?limit=1000")).isEmpty();
		assertThat(this.instance.deskOf(vouched, "POST", "/api/v1/inbox?limit=10")).isEmpty();
		String otherDesk = Base64.getUrlEncoder().withoutPadding().encodeToString("desk.boss".getBytes())
				+ vouched.substring(vouched.indexOf('.'));
		assertThat(this.instance.deskOf(otherDesk, "GET", "/api/v1/inbox?limit=10")).isEmpty();
		assertThat(forwarding(newKey(), NOW).deskOf(vouched, "GET", "/api/v1/inbox?limit=10")).isEmpty();
		assertThat(forwarding(NODE_KEY, NOW.plus(InstanceForwarding.VALIDITY).plusSeconds(1)).deskOf(vouched, "GET",
				"/api/v1/inbox?limit=10"))
			.isEmpty();
		assertThat(this.instance.deskOf("not.a.code", "GET", "/api/v1/inbox?limit=10")).isEmpty();
		assertThat(this.instance.deskOf("%%.%%..1.%%", "GET", "/api/v1/inbox?limit=10")).isEmpty();
		assertThat(this.instance.deskOf("ZA.ZA..9223372036854775807.AAAA", "GET", "/api/v1/inbox?limit=10")).isEmpty();
	}

	static InstanceForwarding forwarding(String nodeKey, Instant now) {
		return new InstanceForwarding(nodeKey, HOUAPHAN, Clock.fixed(now, ZoneOffset.UTC),
				JsonMapper.builder().build());
	}

	static String newKey() {
		try {
			return Base64.getEncoder()
				.encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
