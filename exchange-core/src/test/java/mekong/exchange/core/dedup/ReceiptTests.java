package mekong.exchange.core.dedup;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptTests {

	@Test
	void takesTheFirstRevisionOfAnAlert() {
		assertThat(Receipt.judge(null, 1)).isEqualTo(new Receipt.Take(1));
	}

	@Test
	void takesANewerRevision() {
		assertThat(Receipt.judge(1, 3)).isEqualTo(new Receipt.Take(3));
	}

	@Test
	void skipsARevisionAlreadyTaken() {
		assertThat(Receipt.judge(2, 2)).isEqualTo(new Receipt.Duplicate(2));
	}

	@Test
	void neverLetsAnOlderRevisionReplaceANewerOne() {
		assertThat(Receipt.judge(3, 2)).isEqualTo(new Receipt.Stale(2, 3));
	}

}
