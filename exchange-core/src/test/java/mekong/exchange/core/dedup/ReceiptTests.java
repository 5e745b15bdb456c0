package mekong.exchange.core.dedup;

import mekong.exchange.core.dedup.Receipt.Taken;
import mekong.exchange.core.node.NodeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptTests {

	static final NodeId SON_LA = NodeId.of("VN-05");

	static final NodeId LUANG_PRABANG = NodeId.of("LA-LP");

	@Test
	void takesTheFirstRevisionOfAnAlert() {
		assertThat(Receipt.judge(null, SON_LA, 1)).isEqualTo(new Receipt.Take(1));
	}

	@Test
	void takesANewerRevisionFromTheOrigin() {
		assertThat(Receipt.judge(new Taken(SON_LA, 1), SON_LA, 3)).isEqualTo(new Receipt.Take(3));
	}

	@Test
	void skipsARevisionAlreadyTaken() {
		assertThat(Receipt.judge(new Taken(SON_LA, 2), SON_LA, 2)).isEqualTo(new Receipt.Duplicate(2));
	}

	@Test
	void neverLetsAnOlderRevisionReplaceANewerOne() {
		assertThat(Receipt.judge(new Taken(SON_LA, 3), SON_LA, 2)).isEqualTo(new Receipt.Stale(2, 3));
	}

	@Test
	void refusesARevisionFromAnotherNodeThanTheOrigin() {
		assertThat(Receipt.judge(new Taken(SON_LA, 1), LUANG_PRABANG, 2))
			.isEqualTo(new Receipt.NotFromOrigin(LUANG_PRABANG, SON_LA));
	}

}
