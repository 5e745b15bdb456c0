package mekong.exchange.consumer.routing;

import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.core.agreements.Agreement;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.agreements.AgreementId;
import mekong.exchange.core.routing.RoutingRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RoutingConfiguration.class);

	@Bean
	AgreementBook agreementBook(RoutingProperties routing, NodeProperties node) {
		AgreementBook book = new AgreementBook(routing.agreements()
			.stream()
			.map((settings) -> new Agreement(new AgreementId(settings.id()), settings.parties().get(0),
					settings.parties().get(1), settings.validFrom(), settings.validTo(), settings.categories()))
			.toList());
		if (book.partnersOf(node.id()).isEmpty()) {
			log.warn("Node {} has no agreement (mekong.routing.agreements): it will deny every alert it sends",
					node.id());
		}
		book.all()
			.forEach((agreement) -> log.info("Agreement {}: {} <-> {} from {} to {} on {}", agreement.id(),
					agreement.firstParty(), agreement.secondParty(), agreement.validFrom(), agreement.validTo(),
					agreement.categories()));
		return book;
	}

	@Bean
	RoutingRules routingRules(AgreementBook agreements, NodeProperties node) {
		return new RoutingRules(agreements, node.timeZone());
	}

}
