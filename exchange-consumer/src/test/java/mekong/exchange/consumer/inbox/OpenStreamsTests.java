package mekong.exchange.consumer.inbox;

import mekong.exchange.boot.limits.LimitReachedException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OpenStreamsTests {

	final OpenStreams<String> open = new OpenStreams<>(2, 5);

	@Test
	void aDeskHoldsAtMostItsShareAndGetsOneMoreOnceItClosesOne() {
		this.open.admit("tab-1", "LA-HO/houaphan-hotline");
		this.open.admit("tab-2", "LA-HO/houaphan-hotline");

		assertThatExceptionOfType(LimitReachedException.class)
			.isThrownBy(() -> this.open.admit("tab-3", "LA-HO/houaphan-hotline"))
			.satisfies((refused) -> {
				assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
				assertThat(refused.getBody().getProperties()).containsEntry("limit", "event-streams-per-desk")
					.containsEntry("maximum", 2L);
			});
		this.open.admit("night-desk-tab", "LA-HO/houaphan-night");

		this.open.forget("tab-1");
		this.open.admit("tab-3", "LA-HO/houaphan-hotline");
		assertThat(this.open.size()).isEqualTo(3);
	}

	@Test
	void theInstanceHoldsAtMostItsLimitInAllFollowedStreamsIncluded() {
		this.open.admit("a", "LA-HO/desk-1");
		this.open.admit("b", "LA-HO/desk-2");
		this.open.admit("followed-1", null);
		this.open.admit("followed-2", null);
		this.open.admit("followed-3", null);

		assertThatExceptionOfType(LimitReachedException.class).isThrownBy(() -> this.open.admit("c", "LA-HO/desk-3"))
			.satisfies((refused) -> assertThat(refused.getBody().getProperties()).containsEntry("limit",
					"event-streams-per-instance"));
		assertThat(this.open.all()).containsExactlyInAnyOrder("a", "b", "followed-1", "followed-2", "followed-3");
	}

}
